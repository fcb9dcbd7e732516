"""Hostile or damaged input in Chromium (issue 23): framed share links, input nested 3,000 deep, damaged
calculator storage, characters that hide or reorder text, formula cells, SVG, and the worker's own origin rule."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from candor.intake.share_link import SHARE_PREFIX, SHARE_VERSION
from playwright.sync_api import Browser, Page, Route, expect

from .conftest import READY_TIMEOUT, wait_ready

pytestmark = pytest.mark.browser
CHECK = "#candor-disclosure-widget"
BIAS = "#candor-bias-audit-widget"
DEEP = '{"questionnaire": "disclosure", "version": 2, "answers": {"made": ' + "[" * 3000 + "]" * 3000 + "}}"


def link(site_url: str, page: str, payload: str) -> str:
    return f"{site_url}{page}{SHARE_PREFIX}{SHARE_VERSION}{base64.urlsafe_b64encode(payload.encode()).decode().rstrip('=')}"


def import_text(page: Page, tmp_path: Path, text: str) -> None:
    """Import `text` as an answers file through the check's own Import button."""
    path = tmp_path / "import.json"
    path.write_text(text)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers…").click()
    chooser.value.set_files(str(path))


def still_scores(page: Page) -> None:
    """The engine is alive: an answer still gets a result."""
    page.locator(CHECK).get_by_label("A chatbot or assistant that people talk to").check()
    page.locator("#candor-disclosure-tr-chatbot-disclosed").get_by_label("Only if someone asks").check()
    expect(page.locator(f"{CHECK} .candor-verdict")).to_have_attribute("data-verdict", "label-required")
    expect(page.locator(CHECK)).to_have_attribute("data-candor-state", "ready")


def test_a_share_link_inside_a_frame_is_not_applied(page: Page, site_url: str) -> None:
    shared = link(
        site_url, "checks/disclosure/", json.dumps({"questionnaire": "disclosure", "version": 2, "answers": {"made": ["images"]}})
    )
    page.route(
        f"{site_url}framing.html",
        lambda route: route.fulfill(content_type="text/html", body=f'<iframe src="{shared}" width="900" height="700"></iframe>'),
    )
    page.goto(f"{site_url}framing.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator(CHECK)).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    expect(frame.locator(f"{CHECK} [data-candor-notice]")).to_contain_text(
        "shown inside another page, so the answers in its link were not used"
    )
    expect(frame.locator(f"{CHECK} input:checked")).to_have_count(0)
    expect(frame.locator(f"{CHECK} [data-candor-prompt]")).to_be_hidden()


def test_a_share_link_nested_3000_deep_gets_a_message_and_the_engine_stays_ready(page: Page, site_url: str) -> None:
    page.goto(link(site_url, "checks/disclosure/", DEEP))
    wait_ready(page)
    expect(page.locator(f"{CHECK} [data-candor-notice] [role=alert]")).to_contain_text("nest more than")
    still_scores(page)


def test_an_import_nested_3000_deep_gets_a_message_and_the_engine_stays_ready(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    import_text(page, tmp_path, DEEP)
    expect(page.locator(f"{CHECK} [data-candor-notice] [role=alert]")).to_contain_text("nest more than")
    expect(page.locator(f"{CHECK} [data-candor-notice]")).to_contain_text("Nothing on this page was changed.")
    still_scores(page)


@pytest.mark.parametrize("fragment", [SHARE_PREFIX + SHARE_VERSION + "eyJx%", "#%"])
def test_a_malformed_percent_in_the_address_still_starts_every_widget(page: Page, site_url: str, fragment: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "checks/disclosure/" + fragment)
    wait_ready(page)
    if fragment.startswith(SHARE_PREFIX):
        expect(page.locator(f"{CHECK} [data-candor-notice] [role=alert]")).to_contain_text("This share link is damaged or incomplete")
    page.locator(CHECK).get_by_label("Images", exact=True).check()
    saved = json.loads(page.evaluate("localStorage.getItem('candor:answers:disclosure')"))
    assert saved["answers"] == {"made": ["images"]}
    assert errors == []


DAMAGED = {
    "a row that is null": {"decision": "reach", "rows": [None], "csv": ""},
    "a decision that is an object": {"decision": {"toString": 1}, "rows": [], "csv": ""},
    "a decision that is a number": {"decision": 5, "rows": [], "csv": ""},
    "rows that are text": {"decision": "reach", "rows": "x", "csv": ""},
    "a table that is a number": {"decision": "reach", "rows": [], "csv": 7},
    "not JSON": "{oops",
    "nested 3,000 deep": "[" * 3000 + "]" * 3000,
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_the_calculator_works_whatever_was_stored(page: Page, site_url: str, case: str) -> None:
    value = DAMAGED[case]
    text = value if isinstance(value, str) else json.dumps({"questionnaire": "bias-audit", "version": 1, "answers": value})
    page.goto(site_url + "checks/bias-audit/")
    page.evaluate("(v) => localStorage.setItem('candor:answers:bias-audit', v)", text)
    page.reload()
    wait_ready(page, BIAS)
    expect(page.locator(f"{BIAS} [data-candor-notice]")).to_contain_text("could not be read")
    expect(page.locator(f"{BIAS} [data-candor-aside]")).to_be_visible()
    assert json.loads(page.evaluate("localStorage.getItem('candor:aside:bias-audit')"))[0]["text"] == text
    expect(page.get_by_role("button", name="Clear the counts")).to_be_visible()
    rows = page.locator(f"{BIAS} tbody tr")
    for i, (group, reached, total) in enumerate([("A", "40", "100"), ("B", "10", "100")]):
        rows.nth(i).locator("[name=group]").fill(group)
        rows.nth(i).locator("[name=successes]").fill(reached)
        rows.nth(i).locator("[name=total]").fill(total)
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(f"{BIAS} .candor-verdict")).to_have_attribute("data-verdict", "adverse-impact")
    assert json.loads(page.evaluate("localStorage.getItem('candor:answers:bias-audit')"))["answers"]["rows"][0]["group"] == "A"


def test_a_shared_decision_that_is_not_text_does_not_stop_the_calculator(page: Page, site_url: str) -> None:
    payload = json.dumps(
        {
            "questionnaire": "bias-audit",
            "version": 1,
            "answers": {"decision": {"toString": 1}, "csv": "group,reached,eligible\nA,4,10\nB,1,10\n"},
        }
    )
    page.goto(link(site_url, "checks/bias-audit/", payload))
    wait_ready(page, BIAS)
    expect(page.locator(f"{BIAS} [data-candor-notice]")).to_contain_text("Loaded the shared counts")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(f"{BIAS} .candor-verdict")).to_be_visible()


@pytest.mark.parametrize(
    ("char", "shown"), [("\u0001", "U+0001"), ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\u200b", "U+200B ZERO WIDTH SPACE")]
)
def test_group_names_with_hidden_characters_are_refused_with_a_message(page: Page, site_url: str, char: str, shown: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, BIAS)
    rows = page.locator(f"{BIAS} tbody tr")
    rows.nth(0).locator("[name=group]").fill("Women")
    rows.nth(1).locator("[name=group]").fill(f"Wo{char}men")
    for i in range(2):
        rows.nth(i).locator("[name=successes]").fill("62")
        rows.nth(i).locator("[name=total]").fill("100")
    page.get_by_role("button", name="Calculate").click()
    alert = page.locator(f"{BIAS} [data-candor-notice] [role=alert]")
    expect(alert).to_contain_text(
        f"Row 2, column “Group”: the name contains a character that cannot be seen or that reorders text ({shown}"
    )
    assert errors == []


def test_campaign_details_refuse_invisible_and_direction_characters_as_the_engine_does(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    name = page.locator(CHECK).get_by_label("Campaign name")
    alert = page.locator(f"{CHECK} [data-candor-notice] [role=alert]")
    saved_name = "() => JSON.parse(localStorage.getItem('candor:answers:disclosure') || '{}').campaign?.name"
    for n, char in enumerate(["\u200b", "\u202e", "\u00ad", "\u2028", "\u061c", "\ufeff"]):
        good = f"Winter sale {n}"
        name.fill(good)
        page.wait_for_function(f"() => ({saved_name})() === {good!r}")
        name.fill(f"Winter{char} sale")
        said = (f"The campaign details cannot be used: Campaign name (campaign.name) has the character U+{ord(char):04X}, "
                "which cannot be seen or changes the direction of text. Remove it.")
        expect(alert).to_contain_text(said)  # the engine's own words (tests/engine/test_campaign.py)
        expect(name).to_have_attribute("aria-invalid", "true")
        page.get_by_role("button", name="Export answers (JSON)").click()  # an export the engine would refuse is not made
        expect(alert).to_contain_text(f"{said} Nothing was exported.")
        assert page.evaluate(saved_name) == good  # the refused text is not saved over the last good one
    name.fill("Winter sale")
    expect(name).not_to_have_attribute("aria-invalid", "true")
    page.wait_for_function(f"() => ({saved_name})() === 'Winter sale'")


def test_exported_counts_cannot_run_as_spreadsheet_formulas(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, BIAS)
    rows = page.locator(f"{BIAS} tbody tr")
    for i, (group, reached, total) in enumerate(
        [('=HYPERLINK("http://x.invalid","y")', "4", "10"), ("@SUM(A1)", "3", "10"), ("-5 days", "2", "10")]
    ):
        rows.nth(i).locator("[name=group]").fill(group)
        rows.nth(i).locator("[name=successes]").fill(reached)
        rows.nth(i).locator("[name=total]").fill(total)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export counts (CSV)").click()
    info.value.save_as(tmp_path / "rows.csv")
    lines = (tmp_path / "rows.csv").read_text().splitlines()
    assert lines[1:] == ['"\'=HYPERLINK(""http://x.invalid"",""y"")",4,10', "'@SUM(A1),3,10", "'-5 days,2,10"]
    page.locator(f"{BIAS} details summary").click()
    page.locator(f"{BIAS} [data-candor-csv]").fill("group;reached;eligible\n+cmd;4;10\n\tB;-1;10\n")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export counts (CSV)").click()
    info.value.save_as(tmp_path / "pasted.csv")
    assert (tmp_path / "pasted.csv").read_text().splitlines() == ["group;reached;eligible", "'+cmd;4;10", "'\tB;-1;10"]
    # A spreadsheet may split on another separator than the header's, or not honour the quotes: no piece of a
    # cell that could start a cell there starts a formula either.
    page.locator(f"{BIAS} [data-candor-csv]").fill('group,reached,eligible\nA;=cmd;10\n"x\n@y",4,10\nB|-2+3,1,10\n')
    with page.expect_download() as info:
        page.get_by_role("button", name="Export counts (CSV)").click()
    info.value.save_as(tmp_path / "mixed.csv")
    assert (tmp_path / "mixed.csv").read_text() == 'group,reached,eligible\nA;\'=cmd;10\n"x\n\'@y",4,10\nB|\'-2+3,1,10\n'


def test_charts_keep_only_what_they_use(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/bias-audit/")
    kept = page.evaluate(
        """async (url) => {
          const { importSvg } = await import(url);
          const svg = importSvg('<svg xmlns="http://www.w3.org/2000/svg" onload="window.pwned=1" style="x"><g>' +
            '<a href="javascript:alert(1)"><text>link</text></a><image href="x.png"/><text x="1" onclick="1">ok</text>' +
            '<set attributeName="onmouseover" to="alert(1)"/><animate href="#x"/></g></svg>');
          document.body.append(svg);
          return { html: svg.outerHTML, broken: importSvg('<svg xmlns="http://www.w3.org/2000/svg"><text>\\u0001</text></svg>') };
        }""",
        site_url + "assets/candor/js/dom.mjs",
    )
    assert kept["html"] == '<svg xmlns="http://www.w3.org/2000/svg"><g><text x="1">ok</text></g></svg>'
    assert kept["broken"] is None
    assert page.evaluate("window.pwned") is None


def test_calculator_buttons_stay_hidden_until_the_engine_runs(browser: Browser, site_url: str) -> None:
    for scripts in (False, True):
        context = browser.new_context(java_script_enabled=scripts)
        try:
            page = context.new_page()
            page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: route.abort())
            page.goto(site_url + "checks/bias-audit/")
            if scripts:
                expect(page.locator(BIAS)).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
            expect(page.locator(f"{BIAS} [data-candor-calculate]")).to_be_hidden()
            if not scripts:
                expect(page.locator(f"{BIAS} [data-candor-add-row]")).to_be_hidden()
        finally:
            context.close()


def test_the_engine_worker_refuses_other_origins_itself(page: Page, site_url: str) -> None:
    """The page's <meta> policy does not reach the worker: a bundle address on another origin must not be fetched."""
    other = site_url.replace("127.0.0.1", "localhost")
    asked: list[str] = []
    page.context.route(f"{other}**", lambda route: (asked.append(route.request.url), route.abort()))

    def tamper(route: Route) -> None:
        manifest = route.fetch().json()
        manifest["checks"]["disclosure"]["bundle"] = f"{other}stolen?answers=1"
        route.fulfill(json=manifest)

    page.route("**/assets/candor/manifest.json", tamper)
    page.goto(site_url + "checks/disclosure/")
    expect(page.locator(CHECK)).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
    expect(page.locator(f"{CHECK} [role=status]")).to_contain_text("does not contact other sites")
    assert asked == []


# Appended to the worker for this test only: a request naming __crash__ calls json.loads on JSON nested
# 100,000 deep, bypassing the engine's intake (which never allows it): in Pyodide the WebAssembly stack
# overflows, which is the fatal error the issue reported.
CRASH = """
ready.then(() => {
  const real = bridge;
  bridge = { handle: (r) => (r.includes("__crash__") ? real.json.loads("[".repeat(100000) + "]".repeat(100000)) : real.handle(r)) };
});
"""


def test_a_fatal_runtime_error_is_an_engine_failure_that_keeps_the_answers(page: Page, site_url: str, tmp_path: Path) -> None:
    def crashable(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + CRASH)

    page.route("**/assets/candor/js/engine-worker.mjs*", crashable)
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    page.locator(CHECK).get_by_label("Images", exact=True).check()
    import_text(page, tmp_path, '{"__crash__": 1}')
    expect(page.locator(CHECK)).to_have_attribute("data-candor-state", "failed")
    status = page.locator(f"{CHECK} [role=status]")
    expect(status).to_contain_text("The live checker stopped working (the Python runtime hit a fatal error)")
    expect(page.locator(CHECK).get_by_label("Images", exact=True)).to_be_checked()
    page.locator(CHECK).get_by_label("Video", exact=True).check()
    saved = json.loads(page.evaluate("localStorage.getItem('candor:answers:disclosure')"))
    assert saved["answers"] == {"made": ["images", "video"]}


def test_a_second_tab_of_the_calculator_is_said(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        for tab in (first, second):
            tab.goto(site_url + "checks/bias-audit/")
            wait_ready(tab, BIAS)
        first.locator(f"{BIAS} tbody tr").first.locator("[name=group]").fill("Region A")
        expect(second.locator(f"{BIAS} [data-candor-notice]")).to_contain_text("changed in another tab or window")
    finally:
        context.close()
