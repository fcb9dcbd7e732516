"""One campaign's answers across checks (issue 31, deliverable 1): answering one check fills the questions another
check asks too, the page says so, and where two checks hold different answers to one question it asks which to
keep. Chromium against the built site."""

from __future__ import annotations

import json
from typing import Any

import pytest
from candor.compiler.catalog import Catalog
from candor.util.storage_keys import saved_key
from playwright.sync_api import Page, expect

from .conftest import wait_ready

pytestmark = pytest.mark.browser

# The outreach the reader describes, then their answers to the questions both checks ask.
OUTREACH_PROFILE = {"channels": ["network"], "ai-use": ["drafts"]}
PRELAUNCH_PROFILE = {"profile-ai-uses": ["outreach"], "profile-channels": ["professional"]}
FACTS = {
    "or-automation-allowed": "manual",
    "platform-rules": "followed",
    "or-accounts": "own-accounts",
    "or-human-review": "each-message",
    "ai-disclosure": "disclosed",
    "dc-opt-outs": "everywhere",
    "or-anti-spam": "all-countries",
}


def shared(catalog: Catalog) -> set[str]:
    return {x.id for x in catalog.checks["prelaunch"].questions} & {x.id for x in catalog.checks["outreach"].questions}


def answer(page: Page, check: str, answers: dict[str, Any]) -> None:
    for qid, value in answers.items():
        for option in value if isinstance(value, list) else [value]:
            page.locator(f"#candor-{check}-{qid}-{option}").check()


def stored(page: Page, check: str) -> Any:
    text = page.evaluate("(k) => localStorage.getItem(k)", saved_key(check))
    return None if text is None else json.loads(text)


def saved_with(page: Page, check: str, qids: set[str]) -> None:
    """Wait until the check's key holds an answer to each of ``qids`` (it saves on every change)."""
    holds = "([k, ids]) => ids.every((id) => id in (JSON.parse(localStorage.getItem(k) || '{}').answers || {}))"
    page.wait_for_function(holds, arg=[saved_key(check), sorted(qids)])


def envelope(catalog: Catalog, check: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {"questionnaire": check, "version": catalog.checks[check].version, "answers": answers}


def seed(page: Page, *envelopes: dict[str, Any]) -> None:
    """Save each check's answers as that check's page would have, then load the page again."""
    page.evaluate("(sets) => sets.forEach(([k, v]) => localStorage.setItem(k, v))",
                  [[saved_key(e["questionnaire"]), json.dumps(e)] for e in envelopes])
    page.reload()


def title(catalog: Catalog, check: str) -> str:
    return f"“{catalog.checks[check].title}”"


def test_answering_the_outreach_check_fills_the_pre_launch_checks_outreach_questions(page: Page, site_url: str, catalog: Catalog) -> None:
    assert set(FACTS) == shared(catalog)  # every question the two checks share is answered here
    page.goto(site_url + "checks/outreach/")
    wait_ready(page)
    answer(page, "outreach", {**OUTREACH_PROFILE, **FACTS})
    saved_with(page, "outreach", set(FACTS))

    page.goto(site_url + "checks/prelaunch/")
    notice = page.locator("#candor-prelaunch-widget [data-candor-notice]")
    expect(notice).to_contain_text(f"{len(FACTS)} answers were brought over from {title(catalog, 'outreach')}")
    wait_ready(page)
    answer(page, "prelaunch", PRELAUNCH_PROFILE)  # the outreach questions are now asked, already answered
    for qid, option in FACTS.items():
        expect(page.locator(f"#candor-prelaunch-{qid}-{option}")).to_be_checked()
        expect(page.locator(f"#candor-prelaunch-{qid}")).to_be_visible()
    saved_with(page, "prelaunch", set(FACTS))  # saved under the pre-launch check's own key
    assert {k: v for k, v in stored(page, "prelaunch")["answers"].items() if k in FACTS} == FACTS
    assert "profile-ai-uses" not in stored(page, "outreach")["answers"]  # the outreach check's key is only read

    # Clearing this check leaves the other's answers, and says they come back.
    widget = page.locator("#candor-prelaunch-widget")
    widget.locator('[data-candor-action="clear"]').click()
    widget.locator("[data-candor-prompt]").get_by_role("button", name="Clear them").click()
    expect(notice).to_contain_text(f"Your answers saved in {title(catalog, 'outreach')} stay there")
    assert stored(page, "prelaunch") is None and stored(page, "outreach")["answers"]["or-accounts"] == "own-accounts"


def test_answering_the_pre_launch_check_fills_the_outreach_checks_questions(page: Page, site_url: str, catalog: Catalog) -> None:
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    answer(page, "prelaunch", {**PRELAUNCH_PROFILE, **FACTS})
    saved_with(page, "prelaunch", set(FACTS))

    page.goto(site_url + "checks/outreach/")
    expect(page.locator("#candor-outreach-widget [data-candor-notice]")).to_contain_text(
        f"{len(FACTS)} answers were brought over from {title(catalog, 'prelaunch')}"
    )
    wait_ready(page)
    answer(page, "outreach", OUTREACH_PROFILE)
    for qid, option in FACTS.items():
        expect(page.locator(f"#candor-outreach-{qid}-{option}")).to_be_checked()
    saved_with(page, "outreach", set(FACTS))


def test_two_checks_that_differ_on_a_question_are_asked_about_never_resolved_silently(page: Page, site_url: str, catalog: Catalog) -> None:
    page.goto(site_url + "checks/prelaunch/")
    theirs = envelope(catalog, "outreach", {"or-accounts": "shared", "dc-opt-outs": "everywhere"})
    seed(page, envelope(catalog, "prelaunch", {**PRELAUNCH_PROFILE, "or-accounts": "own-accounts"}), theirs)
    widget = page.locator("#candor-prelaunch-widget")
    prompt = widget.locator("[data-candor-prompt]")
    question = catalog.checks["prelaunch"].question("or-accounts")
    assert question is not None
    expect(prompt).to_contain_text(f"1 answer on this page differs from the one you saved in {title(catalog, 'outreach')}")
    expect(prompt).to_contain_text(f"“{question.text}”")
    expect(prompt.locator("[data-choice=mine]")).to_be_focused()  # the safe choice first
    # Until the reader chooses, this page's answer stands; the answer the other check alone gave is brought over.
    expect(page.locator("#candor-prelaunch-or-accounts-own-accounts")).to_be_checked()
    expect(page.locator("#candor-prelaunch-dc-opt-outs-everywhere")).to_be_checked()
    expect(widget.locator("[data-candor-notice]")).to_contain_text(f"1 answer was brought over from {title(catalog, 'outreach')}")

    wait_ready(page)
    prompt.get_by_role("button", name=f"Use the answers from {title(catalog, 'outreach')}").click()
    expect(page.locator("#candor-prelaunch-or-accounts-shared")).to_be_checked()
    expect(widget.locator("[data-candor-notice]")).to_contain_text(f"Used 1 answer from {title(catalog, 'outreach')}")
    page.wait_for_function("(k) => JSON.parse(localStorage.getItem(k)).answers['or-accounts'] === 'shared'", arg=saved_key("prelaunch"))
    assert stored(page, "outreach") == theirs  # the other check's key is never written

    page.reload()  # the two checks now agree: nothing more to ask
    wait_ready(page)
    expect(prompt).to_be_hidden()


def test_keeping_this_pages_answer_is_said_and_asked_again_while_the_checks_differ(page: Page, site_url: str, catalog: Catalog) -> None:
    page.goto(site_url + "checks/outreach/")
    seed(page, envelope(catalog, "outreach", {"or-accounts": "shared"}), envelope(catalog, "prelaunch", {"or-accounts": "rented"}))
    wait_ready(page)
    prompt = page.locator("#candor-outreach-widget [data-candor-prompt]")
    prompt.get_by_role("button", name="Keep this page's answers").click()
    expect(page.locator("#candor-outreach-widget [data-candor-notice]")).to_contain_text("each asks again until they agree")
    expect(page.locator("#candor-outreach-or-accounts-shared")).to_be_checked()
    page.reload()
    expect(prompt).to_contain_text(f"differs from the one you saved in {title(catalog, 'prelaunch')}")


def test_another_tabs_answers_to_another_check_are_brought_over(page: Page, site_url: str, catalog: Catalog) -> None:
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    other = page.context.new_page()
    other.goto(site_url + "checks/outreach/")
    wait_ready(other)
    answer(other, "outreach", {**OUTREACH_PROFILE, "or-accounts": "company-account"})
    expect(page.locator("#candor-prelaunch-widget [data-candor-notice]")).to_contain_text(
        f"1 answer was brought over from {title(catalog, 'outreach')}"
    )
    expect(page.locator("#candor-prelaunch-or-accounts-company-account")).to_be_checked()
    other.close()
