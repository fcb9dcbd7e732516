"""The pre-launch check in Chromium: keyboard-only completion, conditional questions, live announcements."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from candor.checks.evaluate import evaluate
from candor.intake.share_link import SHARE_PREFIX, SHARE_VERSION
from playwright.sync_api import Page, expect

from ..conftest import GOLDEN
from .conftest import wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-prelaunch-widget"

FOCUSED = """() => {
  const el = document.activeElement;
  const fieldset = el && el.closest("fieldset[data-question]");
  if (!fieldset || !el.closest("#candor-prelaunch-form")) return null;
  const style = getComputedStyle(el);
  return { question: fieldset.dataset.question, value: el.value, type: el.type, checked: el.checked,
           outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
}"""


def updates(page: Page) -> int:
    return int(page.get_attribute(WIDGET, "data-candor-updates") or 0)


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that changes an answer, then wait until the engine has re-scored."""
    before = updates(page)
    page.keyboard.press(key)
    page.wait_for_function(
        f"() => Number(document.querySelector('{WIDGET}').dataset.candorUpdates || 0) > {before}", timeout=10_000
    )


def answer_by_keyboard(page: Page, answers: dict[str, Any]) -> int:
    """Walk the form with Tab, ticking checkboxes with Space and choosing radios with the arrow keys."""
    for _ in range(300):  # reach the form from the top of the page
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED):
            break
    steps = 0
    while (state := page.evaluate(FOCUSED)) is not None and steps < 2000:
        steps += 1
        assert state["outline"], f"no visible focus on {state}"
        wanted = answers.get(state["question"])
        if state["type"] == "checkbox":
            if (state["value"] in (wanted or [])) != state["checked"]:
                press_and_wait(page, "Space")
        elif state["type"] != "radio":
            pass  # a guidance link inside the question
        elif wanted is not None and state["value"] != wanted:
            group = page.locator(f'{WIDGET} fieldset[data-question="{state["question"]}"] input')
            values = [group.nth(i).get_attribute("value") for i in range(group.count())]
            for _ in range((values.index(wanted) - values.index(state["value"])) % len(values)):
                press_and_wait(page, "ArrowDown")
        elif wanted is not None and not state["checked"]:
            press_and_wait(page, "Space")
        page.keyboard.press("Tab")
    return steps


def test_complete_by_keyboard_and_read_the_verdict(page: Page, site_url: str) -> None:
    case = json.loads((GOLDEN / "prelaunch" / "well-run.json").read_text())
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    answer_by_keyboard(page, case["answers"]["answers"])
    verdict = page.locator(f"{WIDGET} .candor-verdict")
    expect(verdict).to_have_attribute("data-verdict", case["expect"]["verdict"])
    expect(verdict).to_contain_text("Ready to launch")
    expect(verdict).not_to_contain_text("provisional")
    visible = page.locator(f"{WIDGET} fieldset[data-question]:visible").count()
    expect(page.locator(f"{WIDGET} [data-candor-progress]")).to_have_text(f"{visible} of {visible} answered")


def test_conditional_questions_appear_and_disappear_with_the_profile(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    chatbot = page.locator(f"{WIDGET} fieldset[data-question='tr-chatbot-disclosed']")
    teens = page.locator(f"{WIDGET} fieldset[data-question^='va-']").first
    expect(chatbot).to_be_hidden()
    expect(teens).to_be_hidden()
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    expect(chatbot).to_be_visible()
    page.get_by_label("Teenagers (13 to 17)").check()
    expect(teens).to_be_visible()
    page.get_by_label("A chatbot or AI assistant that people talk to").uncheck()
    expect(chatbot).to_be_hidden()


def test_the_result_is_announced_in_a_live_region(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    status = page.locator(f"{WIDGET} [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    page.locator(f"{WIDGET} fieldset[data-question='tr-chatbot-disclosed']").get_by_label("Only if someone asks").check()
    expect(status).to_contain_text("Result: Not ready (provisional)")
    expect(page.locator(f"{WIDGET} .candor-flag[data-flag-level=red]")).to_have_count(1)


def test_a_provisional_result_shows_progress_and_what_is_missing_not_a_score(
    page: Page, site_url: str, loaded: dict[str, Any]
) -> None:
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    page.locator(f"{WIDGET} fieldset[data-question='tr-chatbot-disclosed']").get_by_label(
        "Yes, in its first message, in plain words").check()
    check = loaded["prelaunch"]
    expected = evaluate(check.questionnaire, check.links,
                        {"profile-ai-uses": ["chatbot"], "tr-chatbot-disclosed": "first-message"}).completeness
    assert not expected.enough  # the state this test is about: too little answered for a score
    progress = page.locator(f"{WIDGET} [data-candor-result-progress]")
    expect(progress).to_contain_text(f"{expected.text}.")
    expect(progress.locator("progress")).to_have_attribute("max", str(expected.visible))
    expect(progress.locator(".candor-missing")).to_have_text(expected.missing_text)
    assert "in Transparency about AI" in expected.missing_text and "in Human oversight" in expected.missing_text
    body = page.locator(f"{WIDGET} .candor-result-body")
    expect(body).not_to_contain_text("/ 100")
    expect(body).not_to_contain_text("points")
    expect(body.locator(".candor-verdict, figure")).to_have_count(0)


def test_a_version_1_share_link_loads_and_says_what_changed(page: Page, site_url: str) -> None:
    """A link shared before version 2 still opens: the answers come forward and the notice says what is new."""
    fixture = Path(__file__).parents[1] / "fixtures" / "migrations" / "prelaunch" / "v1.json"
    envelope = json.loads(fixture.read_text())["envelope"]
    payload = base64.urlsafe_b64encode(json.dumps(envelope).encode()).decode().rstrip("=")
    page.goto(site_url + "checks/prelaunch/" + SHARE_PREFIX + SHARE_VERSION + payload)
    wait_ready(page)
    notice = page.locator(f"{WIDGET} [data-candor-notice]")
    expect(notice).to_contain_text("Loaded the shared answers.")
    expect(notice).to_contain_text("Version 2 of the pre-launch check asks about the AI itself")
    expect(notice).to_contain_text("please answer it again")  # "unapproved tools" says nothing about how much data
    tools = page.locator(f"{WIDGET} fieldset[data-question='dc-ai-tools']")
    expect(tools.get_by_label("Customer or confidential data goes into public or consumer AI tools with no contract")).to_be_checked()
    expect(page.locator(f"{WIDGET} fieldset[data-question='dc-bot-security'] input:checked")).to_have_count(0)
    expect(page.locator(f"{WIDGET} .candor-flag[data-flag-level=red]").first).to_be_visible()
