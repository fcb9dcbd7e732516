"""Nothing a reader saved is lost (issue 23): older and newer saved sets, answers typed while the engine
starts, the replace and clear prompts, a full storage and two tabs. Chromium against the built site."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from candor.intake.share_link import SHARE_PREFIX, SHARE_VERSION
from playwright.sync_api import Browser, Page, Route, expect

from .conftest import READY_TIMEOUT, refuse_saving, wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-disclosure-widget"
PAGE = "checks/disclosure/"
KEY = "candor:answers:disclosure"
ASIDE = "candor:aside:disclosure"
WASM = "**/assets/pyodide/pyodide.asm.wasm"
CHATBOT = {"made": ["chatbot"], "chatbot-tells": "if-asked"}
V1 = json.dumps({"questionnaire": "disclosure", "version": 1, "saved_at": "2026-06-01T10:00:00Z", "answers": CHATBOT})
V1_WITH_DETAILS = json.dumps({"questionnaire": "disclosure", "version": 1, "campaign": {"owner": "Dana Reyes"}, "answers": CHATBOT})


def store(page: Page, key: str, text: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])


def stored(page: Page, key: str) -> Any:
    text = page.evaluate("(k) => localStorage.getItem(k)", key)
    return None if text is None else json.loads(text)


def share_link(site_url: str, answers: dict[str, Any], version: int = 2, campaign: dict[str, str] | None = None) -> str:
    details = {"campaign": campaign} if campaign else {}
    payload = json.dumps({"questionnaire": "disclosure", "version": version, **details, "answers": answers}).encode()
    return f"{site_url}{PAGE}{SHARE_PREFIX}{SHARE_VERSION}{base64.urlsafe_b64encode(payload).decode().rstrip('=')}"


def images(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(WIDGET).get_by_label("Images", exact=True)


def chatbot(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(WIDGET).get_by_label("A chatbot or assistant that people talk to")


def name(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(WIDGET).get_by_label("Campaign name")


def with_saved(page: Page, site_url: str, text: str) -> None:
    page.goto(site_url + PAGE)
    store(page, KEY, text)


def test_older_answers_survive_a_blocked_runtime_then_come_back_when_it_starts(page: Page, site_url: str) -> None:
    with_saved(page, site_url, V1)
    page.route(WASM, lambda route: route.abort())
    page.reload()
    expect(page.locator(WIDGET)).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text("from version 1 of this check")
    expect(page.locator(f"{WIDGET} [data-candor-aside]")).to_contain_text("waiting for the checker")
    images(page).check()  # this used to overwrite the older answers for good
    assert stored(page, KEY)["answers"] == {"made": ["images"]}
    assert [e["text"] for e in stored(page, ASIDE)] == [V1]

    page.unroute(WASM)
    page.reload()
    wait_ready(page)
    prompt = page.locator(f"{WIDGET} [data-candor-prompt]")
    expect(prompt).to_contain_text("differ from the 1 answer on the form")
    expect(prompt.locator("[data-choice=mine]")).to_be_focused()
    prompt.get_by_role("button", name="Use the saved answers").click()
    expect(chatbot(page)).to_be_checked()
    expect(images(page)).not_to_be_checked()
    expect(page.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "label-required")
    # both sets stay available: the original older one, and the answers the reader had on the form
    reasons = sorted(e["reason"] for e in stored(page, ASIDE))
    assert reasons == ["conflict", "older"]
    expect(page.locator(f"{WIDGET} [data-candor-aside] li")).to_have_count(2)


def test_answers_typed_while_the_engine_starts_are_kept_unless_the_reader_chooses(page: Page, site_url: str, tmp_path: Path) -> None:
    with_saved(page, site_url, V1)
    held: list[Route] = []
    page.route(WASM, lambda route: held.append(route))
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-candor-check]')?.dataset.candorState === 'loading'")
    images(page).check()  # typed before the engine is ready
    page.wait_for_timeout(200)
    assert held, "the runtime should have been requested"
    for route in held:
        route.continue_()
    wait_ready(page)
    prompt = page.locator(f"{WIDGET} [data-candor-prompt]")
    expect(prompt).to_be_visible()
    expect(prompt.locator("[data-choice=saved]")).to_be_disabled()  # nothing but the safe choice at first
    prompt.get_by_role("button", name=re.compile("^Merge")).click()
    expect(images(page)).to_be_checked()  # merged: mine win where they conflict, the saved ones fill the gaps
    expect(page.locator(f"{WIDGET} #candor-disclosure-tr-chatbot-disclosed").get_by_label("Only if someone asks")).to_be_checked()
    with page.expect_download() as info:
        page.locator(f"{WIDGET} [data-candor-aside]").get_by_role("button", name="Export them (JSON)").click()
    info.value.save_as(tmp_path / "kept.json")
    assert json.loads((tmp_path / "kept.json").read_text()) == json.loads(V1)


def test_a_newer_saved_set_is_kept_offered_for_export_and_discarded_only_when_asked(page: Page, site_url: str, tmp_path: Path) -> None:
    newer = json.dumps({"questionnaire": "disclosure", "version": 4, "answers": {"made": ["hologram"]}})
    with_saved(page, site_url, newer)
    page.reload()
    wait_ready(page)
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text("newer than the version 3 on this site")
    panel = page.locator(f"{WIDGET} [data-candor-aside]")
    expect(panel).to_contain_text("version 4")
    images(page).check()
    assert stored(page, ASIDE)[0]["text"] == newer
    with page.expect_download() as info:
        panel.get_by_role("button", name="Export them (JSON)").click()
    info.value.save_as(tmp_path / "newer.json")
    assert (tmp_path / "newer.json").read_text().strip() == newer
    panel.get_by_role("button", name="Discard them").click()
    page.locator(f"{WIDGET} [data-candor-aside-prompt]").get_by_role("button", name="Keep them").click()
    assert stored(page, ASIDE) is not None
    panel.get_by_role("button", name="Discard them").click()
    page.locator(f"{WIDGET} [data-candor-aside-prompt]").get_by_role("button", name="Discard them").click()
    expect(panel).to_be_hidden()
    assert stored(page, ASIDE) is None
    assert stored(page, KEY)["answers"] == {"made": ["images"]}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "could not be read"),
        (json.dumps({"questionnaire": "disclosure", "version": 3, "answers": {"made": ["chatbot", "hologram"], "profile-regions": ["eu"]}}),
         "1 saved answer no longer matches"),
    ],
)
def test_damaged_or_stale_saved_answers_are_kept_aside_not_cleared(page: Page, site_url: str, text: str, said: str) -> None:
    with_saved(page, site_url, text)
    page.reload()
    wait_ready(page)
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text(said)
    assert stored(page, ASIDE)[0]["text"] == text
    expect(page.locator(f"{WIDGET} [data-candor-aside]")).to_be_visible()


def test_space_after_the_share_prompt_appears_replaces_nothing(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    images(page).check()
    # A fresh load of the link: a hash change on the open page is Material's to handle and raced a reload.
    page.goto("about:blank")
    page.goto(share_link(site_url, CHATBOT))
    prompt = page.locator(f"{WIDGET} [data-candor-prompt]")
    expect(prompt).to_be_visible(timeout=READY_TIMEOUT)
    expect(prompt).to_contain_text("Replace your answer on this check with the 2 from the share link? 1 of yours differs")
    expect(prompt.get_by_role("button", name="Keep my answers")).to_be_focused()
    for _ in range(3):  # a reader paging down with Space as the prompt appears
        page.keyboard.press(" ")
    expect(images(page)).to_be_checked()
    expect(chatbot(page)).not_to_be_checked()
    if prompt.is_visible():  # every key fell inside the prompt's guard and did nothing; the question still waits
        expect(prompt.locator("button[data-choice='use']")).to_be_enabled()  # the guard is over
        page.keyboard.press(" ")  # Space on the focused default keeps the reader's answers
    expect(prompt).to_be_hidden()
    expect(images(page)).to_be_checked()
    expect(chatbot(page)).not_to_be_checked()
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text("Kept your answers; the shared answers were not used.")
    assert stored(page, KEY)["answers"] == {"made": ["images"]}


def test_clear_asks_first_and_keeps_on_the_safe_choice(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    images(page).check()
    page.get_by_role("button", name="Clear my answers").click()
    prompt = page.locator(f"{WIDGET} [data-candor-prompt]")
    expect(prompt).to_contain_text("Clear your answer to this check in this browser?")
    page.keyboard.press("Enter")  # the focused choice is the safe one
    page.wait_for_timeout(800)
    page.keyboard.press("Enter")
    expect(images(page)).to_be_checked()


def test_the_knowledge_check_asks_before_clearing(page: Page, site_url: str) -> None:
    page.goto(site_url + "learn/foundations/")
    widget = page.locator("#candor-quiz-foundations-widget")
    first = widget.locator("fieldset[data-question] input").first
    first.check()
    widget.get_by_role("button", name="Clear my answers").click()
    prompt = widget.locator("[data-candor-prompt]")
    expect(prompt).to_contain_text("score and completion date")
    expect(prompt.get_by_role("button", name="Keep my answers")).to_be_focused()
    prompt.get_by_role("button", name="Keep my answers").click()
    expect(first).to_be_checked()
    widget.get_by_role("button", name="Clear my answers").click()
    prompt.get_by_role("button", name="Clear them").click()
    expect(first).not_to_be_checked()


def test_a_full_storage_is_said(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('Quota exceeded', 'QuotaExceededError'); }; }")
    images(page).check()
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text("storage for this site is full")


def test_two_tabs_of_the_same_check_do_not_overwrite_each_other_silently(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        for tab in (first, second):
            tab.goto(site_url + PAGE)
            wait_ready(tab)
        name(first).evaluate("(field) => { field.value = 'Winter sale'; }")  # saved with the next answer: one change
        images(first).check()
        prompt = second.locator(f"{WIDGET} [data-candor-prompt]")
        expect(prompt).to_contain_text("answers and campaign details to this check were just changed in another tab or window")
        expect(prompt).to_contain_text("Until you choose, changes on this page are not saved")
        prompt.get_by_role("button", name="Load the other tab's answers").click()
        expect(images(second)).to_be_checked()
        expect(name(second)).to_have_value("Winter sale")  # the campaign details are taken over with the answers
        chatbot(second).check()
        assert stored(second, KEY)["campaign"] == {"name": "Winter sale"}  # and saved again, not overwritten
        other = first.locator(f"{WIDGET} [data-candor-prompt]")
        expect(other).to_contain_text("changed in another tab or window")
        # Another question takes the prompt: saving stays paused, and the page asks again once it is answered.
        first.get_by_role("button", name="Clear my answers").click()
        expect(other).to_contain_text("Clear your answer and the campaign details to this check in this browser?")
        other.get_by_role("button", name="Clear them").click()
        expect(other).to_contain_text("changed in another tab or window")
        expect(other).to_contain_text("Until you choose, changes on this page are not saved")
        assert stored(first, KEY)["answers"] == {"made": ["images", "chatbot"]}
        other.get_by_role("button", name="Keep this page's answers").click()
        expect(first.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text("Kept this page's answers")
        assert stored(first, KEY) is None  # the cleared page is what is saved
        expect(second.locator(f"{WIDGET} [data-candor-prompt]")).to_contain_text("cleared in another tab")
    finally:
        context.close()


def test_campaign_details_are_asked_about_kept_aside_brought_forward_and_named_on_clear(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    # A set with an answer that no longer fits: the details come back on the form, and all of it is kept aside.
    stale = json.dumps({"questionnaire": "disclosure", "version": 3, "campaign": {"approver": "Sam Okafor"},
                        "answers": {"made": ["chatbot", "hologram"]}})
    store(page, KEY, stale)
    page.reload()
    expect(page.get_by_label("Approver", exact=True)).to_have_value("Sam Okafor")
    said = "Your answers and campaign details as they were saved are kept aside"
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text(said)
    assert [e["text"] for e in stored(page, ASIDE)] == [stale]
    page.evaluate("(k) => localStorage.removeItem(k)", ASIDE)
    chatbot(page).uncheck()
    page.get_by_label("Approver", exact=True).fill("")
    name(page).fill("Winter sale")  # details but no answers
    page.wait_for_function("(k) => JSON.parse(localStorage.getItem(k) || '{}').campaign?.name === 'Winter sale'", arg=KEY)
    # A fresh load of the link: a hash change on the open page is Material's to handle and raced a reload.
    page.goto("about:blank")
    page.goto(share_link(site_url, CHATBOT, campaign={"name": "Spring launch"}))
    prompt = page.locator(f"{WIDGET} [data-candor-prompt]")
    expect(prompt).to_contain_text("campaign details", timeout=READY_TIMEOUT)
    prompt.get_by_role("button", name="Keep my answers").click()
    expect(name(page)).to_have_value("Winter sale")
    expect(chatbot(page)).not_to_be_checked()

    # An older saved set with details: kept aside whole, then brought forward with its details.
    store(page, KEY, V1_WITH_DETAILS)
    page.reload()
    wait_ready(page)
    expect(page.locator(f"{WIDGET} [data-candor-aside]")).to_contain_text("before they were brought up to date")
    expect(page.get_by_label("Campaign owner")).to_have_value("Dana Reyes")
    expect(chatbot(page)).to_be_checked()
    assert stored(page, KEY)["campaign"] == {"owner": "Dana Reyes"}
    assert [e["text"] for e in stored(page, ASIDE)] == [V1_WITH_DETAILS]

    page.get_by_role("button", name="Clear my answers").click()
    expect(prompt).to_contain_text("Clear all 2 of your answers and the campaign details")
    prompt.get_by_role("button", name="Clear them").click()
    expect(page.get_by_label("Campaign owner")).to_have_value("")
    assert stored(page, KEY) is None


def test_answers_that_cannot_be_set_aside_are_never_saved_over_and_each_change_says_so(page: Page, site_url: str) -> None:
    with_saved(page, site_url, "{damaged")
    refuse_saving(page, ASIDE)
    page.reload()
    wait_ready(page)
    notice = page.locator(f"{WIDGET} [data-candor-notice]")
    expect(notice).to_contain_text("could not be set aside")
    page.get_by_role("button", name="Export answers (JSON)").click()
    expect(notice).to_contain_text("Exported your answers")
    images(page).check()
    expect(notice).to_contain_text("changes on this page are not saved until there is room")
    assert page.evaluate("(k) => localStorage.getItem(k)", KEY) == "{damaged"
