"""The bias audit calculator in Chromium: counts in, audit out; bad counts named; parity with the host."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from candor.bias_tool import load_tool, run
from candor.bundle import make_tool_bundle
from candor.catalog import Catalog
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
