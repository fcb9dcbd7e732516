"""The bias audit calculator in Chromium: counts in, audit out; bad counts named; parity with the host."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from candor.bias.tool import load_tool, run
from candor.compiler.bundle import make_tool_bundle
from candor.compiler.catalog import Catalog
from playwright.sync_api import Browser, Page, expect

from .conftest import wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-bias-audit-widget"
GOLDEN = sorted((Path(__file__).parents[1] / "golden_tools" / "bias-audit").glob("*.json"))


def fill(page: Page, rows: list[tuple[str, str, str]]) -> None:
    for i, (group, successes, total) in enumerate(rows):
        row = page.locator(f"{WIDGET} tbody tr").nth(i)
        row.locator("[name=group]").fill(group)
        row.locator("[name=successes]").fill(successes)
        row.locator("[name=total]").fill(total)


def test_counts_give_an_audit_with_a_chart_and_caveats(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, WIDGET)
    page.get_by_label("Offers made vs approved").check()
    expect(page.locator(f"{WIDGET} th[data-candor-head=successes]")).to_have_text("Approved")
    fill(page, [("Region A", "8", "10"), ("Region B", "3", "9")])
    page.get_by_role("button", name="Calculate").click()
    verdict = page.locator(f"{WIDGET} .candor-verdict")
    expect(verdict).to_have_attribute("data-verdict", "possible-adverse-impact")
    expect(page.locator(f"{WIDGET} [data-candor-result] table")).to_contain_text("Fisher's exact")
    expect(page.locator(f"{WIDGET} [data-candor-result] svg")).to_have_count(1)
    expect(page.locator(f"{WIDGET} [data-caveat=small-sample]")).to_be_visible()
    expect(page.locator(f"{WIDGET} [role=status]")).to_contain_text("Result:")


def test_bad_counts_are_named_and_markup_stays_text(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, WIDGET)
    fill(page, [("<img src=x onerror=window.pwned=1>", "12", "10"), ("B", "1", "10")])
    page.get_by_role("button", name="Calculate").click()
    alert = page.locator(f"{WIDGET} [data-candor-notice] [role=alert]")
    expect(alert).to_contain_text("greater than")
    fill(page, [("<b>bold</b>", "2", "10"), ("B", "1", "10")])
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(f"{WIDGET} [data-candor-result] table")).to_contain_text("<b>bold</b>")
    assert page.locator(f"{WIDGET} [data-candor-result] b").count() == 0
    assert page.evaluate("window.pwned") is None


def test_counts_survive_a_reload(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, WIDGET)
    fill(page, [("North", "40", "100")])
    page.reload()
    wait_ready(page, WIDGET)
    expect(page.locator(f"{WIDGET} tbody tr").first.locator("[name=total]")).to_have_value("100")


def test_parity_with_the_host(page: Page, site_url: str, catalog: Catalog) -> None:
    tool = load_tool(make_tool_bundle(catalog, catalog.tools["bias-audit"]))
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, WIDGET)
    for path in GOLDEN:
        csv = json.loads(path.read_text())["csv"]
        reply = page.evaluate(
            """async ([module, csv]) => {
                const { getEngine } = await import(module);
                const engine = getEngine();
                await engine.loadTool("bias-audit");
                return engine.call({ op: "bias-audit", tool: "bias-audit", csv });
            }""",
            [site_url + "assets/candor/js/engine.mjs", csv],
        )
        assert reply["ok"], reply
        assert reply["result"] == run(tool, csv=csv), path.stem


def test_guidance_page_widget_starts_only_when_used(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "guidance/transparency/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/assets/pyodide/" in u], "the runtime loaded before the reader used the widget"
    page.get_by_label("A chatbot or assistant that people talk to").check()
    wait_ready(page, "#candor-disclosure-widget")
    expect(page.locator("#candor-disclosure-widget .candor-result-body")).not_to_be_empty()


def test_counts_export_and_share(page: Page, site_url: str, browser: Browser, tmp_path: Path) -> None:
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, WIDGET)
    fill(page, [("Under 35", "480", "1000"), ("55, and over", "290", "1000")])
    with page.expect_download() as info:
        page.get_by_role("button", name="Export counts (CSV)").click()
    info.value.save_as(tmp_path / "counts.csv")
    expected = 'group,reached,eligible\nUnder 35,480,1000\n"55, and over",290,1000\n'
    assert (tmp_path / "counts.csv").read_text() == expected
    page.get_by_role("button", name="Copy share link").click()
    link = page.locator(f"{WIDGET} [data-candor-share-url]").input_value()
    other = browser.new_context()
    try:
        friend = other.new_page()
        friend.goto(link)
        wait_ready(friend, WIDGET)
        expect(friend.locator(f"{WIDGET} [data-candor-csv]")).to_have_value(expected)
        friend.get_by_role("button", name="Calculate").click()
        expect(friend.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "adverse-impact")
    finally:
        other.close()


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS = """(input) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  let node = input.parentElement, bg = "rgba(0, 0, 0, 0)";
  while (node && /rgba\\(.*, 0\\)$|transparent/.test(bg)) { bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
  const s = getComputedStyle(input);
  return { border: rgb(s.borderTopColor), width: parseFloat(s.borderTopWidth), bg: rgb(bg),
           outline: parseFloat(s.outlineWidth), outlineStyle: s.outlineStyle, outlineColour: rgb(s.outlineColor) };
}"""


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_cells_have_visible_borders_and_focus_and_the_result_returns(browser: Browser, site_url: str, size: tuple[int, int],
                                                                      tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        page.goto(site_url + "checks/bias-audit/")
        wait_ready(page, WIDGET)
        cell = page.locator(f"{WIDGET} tbody tr").first.locator("[name=successes]")
        before = cell.evaluate(COLOURS)
        assert before["width"] >= 1 and _contrast(before["border"], before["bg"]) >= 3, before  # WCAG 2.2 SC 1.4.11
        cell.focus()
        focused = cell.evaluate(COLOURS)
        assert focused["outlineStyle"] != "none" and focused["outline"] >= 2, focused  # SC 2.4.7, visible focus
        assert _contrast(focused["outlineColour"], focused["bg"]) >= 3, focused
        # An error names the column as the reader sees it, not the engine's words.
        fill(page, [("North", "12", "10"), ("South", "1", "10")])
        page.get_by_role("button", name="Calculate").click()
        alert = page.locator(f"{WIDGET} [data-candor-notice] [role=alert]")
        expect(alert).to_contain_text("“Reached” (12) is greater than “Eligible” (10)")
        assert "successes" not in alert.inner_text() and "total" not in alert.inner_text()
        fill(page, [("North", "25", "100"), ("South", "40", "100")])
        page.get_by_role("button", name="Calculate").click()
        result = page.locator(f"{WIDGET} [data-candor-result]")
        expect(result.locator(".candor-verdict")).to_be_visible()
        reading = page.locator(f"{WIDGET} .candor-reason").inner_text()
        # Back on the page: the counts and the result, without pressing Calculate.
        page.reload()
        wait_ready(page, WIDGET)
        expect(result.locator(".candor-verdict")).to_have_attribute("data-verdict", "adverse-impact")
        expect(page.locator(f"{WIDGET} .candor-reason")).to_have_text(reading)
        expect(page.locator(f"{WIDGET} [role=status]")).to_have_text("Result: Adverse impact.")
        # One rounding: the ratio of 25/40 = 0.625 reads 0.63 in the sentence, the table and the chart.
        assert "impact ratio 0.63" in reading
        expect(result.locator("table tbody tr").first.locator("td").nth(2)).to_have_text("0.63")
        expect(result.locator("svg .candor-chart-value").first).to_have_text("25.0% · ratio 0.63 · below four-fifths")
        # The guidance links are listed once.
        section = page.locator("#candor-bias-audit-result")
        assert section.locator('a[href*="BI-01"]').count() == 1
        # The chart's labels read at about body size, and no text runs past its edge.
        svg = result.locator("svg")
        label_px = svg.locator(".candor-chart-label").first.evaluate("(t) => t.getBoundingClientRect().height")
        box = svg.bounding_box()
        assert box and 14 <= label_px <= 22, label_px
        overflow = svg.evaluate(
            "(s) => { const r = s.getBoundingClientRect(); return [...s.querySelectorAll('text')].some((t) => {"
            " const b = t.getBoundingClientRect(); return b.right > r.right + 1 || b.left < r.left - 1; }); }"
        )
        assert not overflow
        # Every column of the rates table is readable where it stands: nothing to scroll sideways to, on a phone too,
        # and each figure carries its column's name where the columns are stacked.
        rates = result.locator(".candor-bias-scroll")
        assert rates.evaluate("(r) => r.scrollWidth <= r.clientWidth + 1"), "the rates table scrolls sideways"
        columns = result.locator("table thead th").all_inner_texts()
        first_row = result.locator("table tbody tr").first
        if size[0] < 600:
            labels = first_row.locator("td").evaluate_all("(tds) => tds.map((td) => getComputedStyle(td, '::before').content)")
            assert labels == [f'"{c}"' for c in columns[1:]], labels
        expect(first_row.locator("td").first).to_have_attribute("role", "cell")  # a table to assistive tech, however laid out
        page.locator(f"{WIDGET} .candor-result").screenshot(path=str(tmp_path / f"bias-result-{size[0]}.png"))
        cell.focus()
        page.locator(f"{WIDGET} form").screenshot(path=str(tmp_path / f"bias-form-{size[0]}.png"))
        if os.environ.get("CANDOR_SHOTS"):
            for shot in tmp_path.glob("*.png"):
                shutil.copy(shot, os.environ["CANDOR_SHOTS"])
    finally:
        context.close()
