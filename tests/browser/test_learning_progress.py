"""Learning progress this browser cannot read is never replaced silently: it is kept aside unchanged (offered for
export and discard on the progress page) before anything is written over it, and left alone when it cannot be."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import refuse_saving, wait_ready

pytestmark = pytest.mark.browser

KEY = "candor:learning:v1"
ASIDE = "candor:aside:learning"
QUIZ = "foundations"
WIDGET = f"#candor-quiz-{QUIZ}-widget"
SUMMARY = "#candor-learning-summary"


def stored(page: Page, key: str) -> Any:
    text = page.evaluate("(key) => localStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


def with_saved(page: Page, site_url: str, text: str) -> None:
    page.goto(site_url + f"learn/{QUIZ}/")
    page.evaluate("([key, text]) => { localStorage.clear(); localStorage.setItem(key, text); }", [KEY, text])


def first_option(page: Page) -> tuple[str, str]:
    first = page.locator(f"{WIDGET} fieldset[data-question] input").first
    return str(first.locator("xpath=ancestor::fieldset").get_attribute("data-question")), str(first.get_attribute("value"))


def test_unreadable_progress_is_kept_aside_said_and_offered_for_export_and_discard(page: Page, site_url: str, tmp_path: Path) -> None:
    with_saved(page, site_url, "{not json")
    page.reload()
    status = page.locator(f"{WIDGET} [role=status]")
    expect(status).to_contain_text("could not be read")
    expect(status).to_contain_text("kept aside in this browser")
    [kept] = stored(page, ASIDE)
    assert (kept["reason"], kept["text"]) == ("damaged", "{not json")
    assert stored(page, KEY) == {"modules": {}}  # replaced only once the original is safe aside
    question, option = first_option(page)
    page.locator(f"{WIDGET} fieldset[data-question] input").first.check()
    assert stored(page, KEY) == {"modules": {QUIZ: {"answers": {question: option}}}}

    page.goto(site_url + "learn/progress/")
    panel = page.locator(f"{SUMMARY} [data-candor-aside]")
    expect(panel).to_contain_text("Kept aside in this browser (1)")
    expect(panel).to_contain_text("could not be read")
    expect(page.locator(f'{SUMMARY} tr[data-module="{QUIZ}"] [data-cell="status"]')).to_have_text("Started")
    with page.expect_download() as info:
        panel.get_by_role("button", name="Export them (JSON)").click()
    info.value.save_as(tmp_path / "kept.json")
    assert (tmp_path / "kept.json").read_text() == "{not json\n"  # exactly what was saved
    panel.get_by_role("button", name="Discard them").click()
    prompt = page.locator(f"{SUMMARY} [data-candor-aside-prompt]")
    expect(prompt.get_by_role("button", name="Keep them")).to_be_focused()
    prompt.get_by_role("button", name="Discard them").click()
    expect(panel).to_be_hidden()
    assert stored(page, ASIDE) is None
    assert stored(page, KEY) == {"modules": {QUIZ: {"answers": {question: option}}}}  # discarding touches nothing else


@pytest.mark.parametrize("damaged", [
    pytest.param({"governance": {"score": 9, "total": 2}}, id="a score above the total"),
    pytest.param({"__proto__": {"answers": {"x": "y"}}}, id="a module named __proto__"),
])
def test_partly_damaged_progress_keeps_the_readable_modules_and_all_of_the_original_aside(
    page: Page, site_url: str, damaged: dict[str, Any]
) -> None:
    page.goto(site_url + f"learn/{QUIZ}/")
    question, option = first_option(page)
    original = json.dumps({"modules": {QUIZ: {"answers": {question: option}}, **damaged}})
    with_saved(page, site_url, original)
    page.reload()
    expect(page.locator(f"{WIDGET} [role=status]")).to_contain_text("Part of your saved learning progress could not be read")
    expect(page.locator(f"#candor-quiz-{QUIZ}-q-{question}-{option}")).to_be_checked()
    assert stored(page, ASIDE)[0]["text"] == original
    assert stored(page, KEY) == {"modules": {QUIZ: {"answers": {question: option}}}}


def test_progress_that_cannot_be_kept_aside_is_never_written_over(page: Page, site_url: str) -> None:
    with_saved(page, site_url, "{not json")
    refuse_saving(page, ASIDE)
    page.reload()
    status = page.locator(f"{WIDGET} [role=status]")
    expect(status).to_contain_text("no room to keep a copy aside")
    page.locator(f"{WIDGET} fieldset[data-question] input").first.check()
    expect(page.locator(f"{WIDGET} [data-candor-progress]")).to_contain_text("1 of ")  # the page still counts the answer
    assert page.evaluate("(key) => localStorage.getItem(key)", KEY) == "{not json"
    assert stored(page, ASIDE) is None


def test_clearing_all_progress_asks_first_and_keeps_on_the_safe_choice(page: Page, site_url: str) -> None:
    saved = json.dumps({"modules": {QUIZ: {"answers": {"x": "y"}, "score": 1, "total": 2}}})
    with_saved(page, site_url, saved)
    page.goto(site_url + "learn/progress/")
    summary = page.locator(SUMMARY)
    summary.get_by_role("button", name="Clear my progress").click()
    prompt = summary.locator("[data-candor-prompt]")
    expect(prompt).to_contain_text("every module")
    expect(prompt.get_by_role("button", name="Keep my progress")).to_be_focused()
    page.keyboard.press("Enter")  # the focused choice is the safe one
    assert page.evaluate("(key) => localStorage.getItem(key)", KEY) == saved
    summary.get_by_role("button", name="Clear my progress").click()
    prompt.get_by_role("button", name="Clear it").click()
    expect(summary.locator("[role=status]")).to_have_text("Your progress is cleared from this browser.")
    assert stored(page, KEY) is None
    expect(page.locator(f'{SUMMARY} tr[data-module="{QUIZ}"] [data-cell="status"]')).to_have_text("Not taken yet")


def test_two_tabs_of_a_knowledge_check_do_not_overwrite_each_other_silently(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        for tab in (first, second):
            tab.goto(site_url + f"learn/{QUIZ}/")
            expect(tab.locator(WIDGET)).to_have_class("candor-widget candor-quiz candor-live")
        inputs = [tab.locator(f"{WIDGET} fieldset[data-question]") for tab in (first, second)]
        inputs[0].nth(0).locator("input").first.check()
        prompt = second.locator(f"{WIDGET} [data-candor-prompt]")
        expect(prompt).to_contain_text("were just changed in another tab or window")
        expect(prompt).to_contain_text("Until you choose, changes on this page are not saved")
        prompt.get_by_role("button", name="Load the other tab's answers").click()
        expect(inputs[1].nth(0).locator("input").first).to_be_checked()
        inputs[1].nth(1).locator("input").first.check()
        both = stored(second, KEY)["modules"][QUIZ]["answers"]
        assert len(both) == 2  # the answer loaded from the first tab is kept, not overwritten
        other = first.locator(f"{WIDGET} [data-candor-prompt]")
        expect(other).to_contain_text("were just changed in another tab or window")
        other.get_by_role("button", name="Keep this page's answers").click()
        expect(first.locator(f"{WIDGET} [role=status]")).to_contain_text("Kept this page's answers")
        assert len(stored(first, KEY)["modules"][QUIZ]["answers"]) == 1
    finally:
        context.close()


# Storage that refuses every write (full), or that the browser does not let the site use at all (blocked).
REFUSE = {
    "full": """Storage.prototype.setItem = function () { throw new DOMException("Quota exceeded", "QuotaExceededError"); };""",
    "blocked": """Object.defineProperty(window, "localStorage", {
      get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });""",
}
SAID = {"full": "storage for this site is full", "blocked": "does not let this site save"}


@pytest.mark.parametrize("refusal", list(REFUSE))
def test_a_full_or_blocked_storage_is_said_on_the_quiz_the_calculator_and_the_check(browser: Browser, site_url: str, refusal: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(REFUSE[refusal])
        check = "#candor-disclosure-widget"
        page.goto(site_url + "checks/disclosure/")
        wait_ready(page, check)
        page.locator(check).get_by_label("Images", exact=True).check()
        notice = page.locator(f"{check} [data-candor-notice]")
        expect(notice).to_contain_text(SAID[refusal])
        if refusal == "blocked":
            expect(notice).not_to_contain_text("full")
        page.get_by_role("button", name="Export answers (JSON)").click()  # another message takes its place
        expect(notice).to_contain_text("Exported your answers")
        page.locator(check).get_by_label("Video", exact=True).check()
        expect(notice).to_contain_text(SAID[refusal])  # the next change that is not saved says so again

        bias = "#candor-bias-audit-widget"
        page.goto(site_url + "checks/bias-audit/")
        wait_ready(page, bias)
        page.locator(f"{bias} tbody tr").first.locator("[name=group]").fill("Region A")
        expect(page.locator(f"{bias} [data-candor-notice]")).to_contain_text(SAID[refusal])
        expect(page.locator(f"{bias} [data-candor-notice]")).not_to_contain_text("could not be read")
        page.get_by_role("button", name="Calculate").click()  # the counts are unfinished: the engine's message
        expect(page.locator(f"{bias} [data-candor-notice] [role=alert]")).to_be_visible()
        page.locator(f"{bias} tbody tr").first.locator("[name=total]").fill("10")
        expect(page.locator(f"{bias} [data-candor-notice]")).to_contain_text(SAID[refusal])

        page.goto(site_url + f"learn/{QUIZ}/")
        page.locator(f"{WIDGET} fieldset[data-question] input").first.check()
        expect(page.locator(f"{WIDGET} [role=status]")).to_contain_text(SAID[refusal])
    finally:
        context.close()
