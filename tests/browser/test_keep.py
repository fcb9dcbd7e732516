"""Keep, share and report in Chromium: autosave, export and import, share links, print, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from candor.intake.share_link import MAX_SHARE_FRAGMENT, SHARE_PREFIX, SHARE_VERSION, share_fragment
from playwright.sync_api import Browser, Page, expect

from .conftest import READY_TIMEOUT, wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-disclosure-widget"
PAGE = "checks/disclosure/"


def answer_chatbot(page: Page) -> None:
    page.get_by_label("A chatbot or assistant that people talk to").check()
    page.locator("#candor-disclosure-tr-chatbot-disclosed").get_by_label("Only if someone asks").check()
    expect(page.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "label-required")


def notice(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(f"{WIDGET} [data-candor-notice]")


def test_answers_come_back_after_a_reload(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    answer_chatbot(page)
    page.reload()
    wait_ready(page)
    expect(page.get_by_label("A chatbot or assistant that people talk to")).to_be_checked()
    expect(page.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "label-required")


def test_export_clear_import_gives_the_same_result(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    answer_chatbot(page)
    before = page.locator(f"{WIDGET} .candor-result-body").inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    exported = tmp_path / "answers.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert (data["questionnaire"], data["version"]) == ("disclosure", 3)
    assert data["answers"] == {"made": ["chatbot"], "tr-chatbot-disclosed": "if-asked"}
    page.get_by_role("button", name="Clear my answers").click()
    page.locator(f"{WIDGET} [data-candor-prompt]").get_by_role("button", name="Clear them").click()
    expect(page.get_by_label("A chatbot or assistant that people talk to")).not_to_be_checked()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers…").click()
    chooser.value.set_files(str(exported))
    expect(notice(page)).to_contain_text("Loaded the imported file")
    assert page.locator(f"{WIDGET} .candor-result-body").inner_text() == before


def test_a_share_link_round_trips_in_another_browser_context(page: Page, site_url: str, browser: Browser) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    answer_chatbot(page)
    page.get_by_role("button", name="Copy share link").click()
    link = page.locator(f"{WIDGET} [data-candor-share-url]").input_value()
    assert SHARE_PREFIX + SHARE_VERSION in link
    other = browser.new_context()
    try:
        friend = other.new_page()
        friend.goto(link)
        wait_ready(friend)
        expect(friend.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "label-required")
        expect(friend.get_by_label("A chatbot or assistant that people talk to")).to_be_checked()
        assert SHARE_PREFIX not in friend.url  # the fragment is dropped once read
        # the friend now has answers of their own: a second link asks before replacing them
        friend.get_by_label("Images", exact=True).check()
        # A fresh load of the link: a hash change on the open page is Material's to handle and raced a reload.
        friend.goto("about:blank")
        friend.goto(link.replace(site_url, site_url))
        wait_ready(friend)
        prompt = friend.locator(f"{WIDGET} [data-candor-prompt]")
        expect(prompt).to_be_visible()
        prompt.get_by_role("button", name="Keep my answers").click()
        expect(friend.get_by_label("Images", exact=True)).to_be_checked()
    finally:
        other.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"questionnaire": "disclosure", "version": 1, "answers": {', "its text is damaged or incomplete"),
        ('{"hello": "world"}', "This is not a Candor answers file"),
        ('{"questionnaire": "disclosure", "version": 1, "answers": {"shoe-size": "42"}}', "a question this check does not have"),
        ('{"questionnaire": "disclosure", "version": 1, "answers": {"chatbot-tells": "maybe"}}', "is not one of its choices"),
        ('{"questionnaire": "disclosure", "version": 7, "answers": {}}', "newer than version 3 on this site"),
        ('{"questionnaire": "disclosure", "version": 1, "answers": {"<img src=x onerror=window.pwned=1>": "x"}}',
         "<img src=x onerror=window.pwned=1>"),
        ("questionnaire: disclosure\nversion: 2\nanswers:\n  made: [copy]\n", "This looks like a YAML answers file"),
        ('{"questionnaire": "disclosure", "version": 2, "answers": {"made": ["copy"], "made": ["edits"]}}',
         "The key 'made' appears twice"),
        (b'{"questionnaire": "disclosure", "version": 2, "answers": {"made": ["caf\xe9"]}}', "is not UTF-8 text"),
    ],
)
def test_a_bad_import_says_what_is_wrong_and_changes_nothing(
    page: Page, site_url: str, tmp_path: Path, content: str | bytes, message: str
) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    answer_chatbot(page)
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers…").click()
    chooser.value.set_files(str(bad))
    expect(notice(page).get_by_role("alert")).to_contain_text(message)
    expect(notice(page)).to_contain_text("Your answers on this page are unchanged.")
    expect(page.get_by_label("A chatbot or assistant that people talk to")).to_be_checked()
    assert page.evaluate("window.pwned") is None
    assert page.locator(f"{WIDGET} [data-candor-notice] img").count() == 0


def test_a_huge_file_is_refused_without_reading_it(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (20 * 1024 * 1024))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers…").click()
    chooser.value.set_files(str(huge))
    expect(notice(page)).to_contain_text("is 20.0 MB; a Candor answers file is at most 256 KB")


def test_a_tampered_share_link_is_refused(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE + SHARE_PREFIX + SHARE_VERSION + "eyJxdWVzdGlvbm5haXJlIjoiZGlzY2xv")  # truncated
    wait_ready(page)
    # The link is read by the engine once it has started: wait for what it says (a loaded machine can take longer
    # than an assertion's default 5 s), never for a time.
    expect(notice(page)).to_contain_text("Nothing on this page was changed.", timeout=READY_TIMEOUT)
    # A fresh load of the link: a hash change on the open page is Material's to handle and raced a reload.
    page.goto("about:blank")
    page.goto(site_url + PAGE + SHARE_PREFIX + SHARE_VERSION + "A" * 20000)
    wait_ready(page)
    expect(notice(page)).to_contain_text("far longer than a Candor link can be")


def _fragment_of_length(length: int) -> str:
    """A share fragment of exactly ``length`` characters carrying valid answers (JSON padded with spaces)."""
    for pad in range(length):
        payload = {"questionnaire": "disclosure", "version": 1, "answers": {}, "pad": " " * pad}
        fragment = share_fragment(payload)
        if len(fragment) >= length:
            assert len(fragment) == length, f"no fragment of exactly {length} characters"
            return fragment
    raise AssertionError(length)


READ_FRAGMENTS = """async ({ keepUrl, fragments }) => {
  const keep = await import(keepUrl);
  const widget = document.querySelector("[data-candor-check]");
  const path = location.pathname;
  const seen = fragments.map((fragment) => {
    history.replaceState(history.state, "", path + fragment);
    const shared = keep.sharedFromLocation(widget);
    return shared.text !== undefined ? "read" : shared.error;
  });
  history.replaceState(history.state, "", path);
  return seen;
}"""


def test_a_share_fragment_is_read_up_to_the_published_length_and_not_one_past(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    at, past = _fragment_of_length(MAX_SHARE_FRAGMENT), _fragment_of_length(MAX_SHARE_FRAGMENT + 1)
    seen = page.evaluate(READ_FRAGMENTS, {"keepUrl": site_url + "assets/candor/js/keep.mjs", "fragments": [at, past]})
    assert seen[0] == "read"
    assert "far longer than a Candor link can be" in seen[1]


def test_damaged_saved_answers_are_recovered_with_a_notice(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    page.evaluate("localStorage.setItem('candor:answers:disclosure', '{not json')")
    page.reload()
    wait_ready(page)
    expect(notice(page)).to_contain_text("damaged")
    assert page.evaluate("localStorage.getItem('candor:answers:disclosure')") is None


def test_print_shows_the_result_without_navigation(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    answer_chatbot(page)
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", f"{WIDGET} .candor-keep"):
        assert not page.locator(selector).first.is_visible(), selector
    expect(page.locator(f"{WIDGET} .candor-verdict")).to_be_visible()
    expect(page.locator(f"{WIDGET} svg.candor-chart")).to_have_count(0)  # this check has no scored areas


def test_answers_survive_a_failed_engine_and_can_still_be_exported(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    answer_chatbot(page)
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: route.abort())
    page.reload()
    expect(page.locator(WIDGET)).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
    expect(page.get_by_label("A chatbot or assistant that people talk to")).to_be_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    info.value.save_as(tmp_path / "a.json")
    assert json.loads((tmp_path / "a.json").read_text())["answers"]["tr-chatbot-disclosed"] == "if-asked"
