"""The disclosure quick check, end to end in Chromium: answer, read the result, navigate, stay private."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from .conftest import READY_TIMEOUT, wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-disclosure-widget"


def test_answer_and_read_the_result(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    page.get_by_label("A chatbot or assistant that people talk to").check()
    question = page.locator("#candor-disclosure-tr-chatbot-disclosed")
    expect(question).to_be_visible()
    question.get_by_label("Only if someone asks").check()
    verdict = page.locator(f"{WIDGET} .candor-verdict")
    expect(verdict).to_have_attribute("data-verdict", "label-required")
    expect(verdict).to_contain_text("An AI label is required")
    flag = page.locator(f"{WIDGET} .candor-flag").first
    expect(flag).to_contain_text("People must know they are talking to an AI from the start")
    expect(flag.get_by_role("link", name="TR-01", exact=False)).to_have_attribute("href", f"{site_url}guidance/transparency/#TR-01")
    expect(page.locator(f"{WIDGET} [role=status]")).to_contain_text("Result: An AI label is required (provisional)")


def test_conditional_questions_follow_the_answers(page: Page, site_url: str) -> None:
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    realism = page.locator("#candor-disclosure-realism")
    expect(realism).to_be_hidden()
    page.get_by_label("Images", exact=True).check()
    expect(realism).to_be_visible()
    page.get_by_label("Images", exact=True).uncheck()
    expect(realism).to_be_hidden()


def test_still_works_after_instant_navigation(page: Page, site_url: str) -> None:
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    page.get_by_role("link", name="Privacy", exact=True).first.click()
    expect(page).to_have_url(f"{site_url}about/privacy/")
    page.get_by_role("link", name="Does this need an AI disclosure?").first.click()
    expect(page).to_have_url(f"{site_url}checks/disclosure/")
    wait_ready(page)
    page.get_by_label("Only routine edits (retouching, clean-up, resizing, translation)").check()
    page.get_by_label("United States").check()  # "No AI label needed" needs every question shown answered
    expect(page.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "no-label")
    assert len(loads) == 1, "navigation should have been instant (no full page load)"


def test_every_request_stays_on_the_site_and_no_cookie_is_set(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(site_url)
    page.get_by_role("link", name="Does this need an AI disclosure?").first.click()
    wait_ready(page)
    page.get_by_label("Video").check()
    expect(page.locator(f"{WIDGET} .candor-result-body")).not_to_be_empty()
    origin = urlparse(site_url).netloc
    foreign = sorted({u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != origin})
    assert foreign == []
    assert any(u.endswith(".wasm") for u in requests), "the journey should have loaded the runtime"
    assert page.context.cookies() == []


def test_guideline_pages_do_not_load_the_runtime(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "about/privacy/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/assets/pyodide/" in u or "/wheels/" in u]


def test_failure_is_said_plainly_and_the_form_stays_usable(page: Page, site_url: str) -> None:
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + "checks/disclosure/")
    widget = page.locator(WIDGET)
    expect(widget).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
    expect(widget.locator("[role=status]")).to_contain_text("could not start")
    box = page.get_by_label("Images", exact=True)
    box.check()
    expect(box).to_be_checked()
    expect(page.locator("#candor-disclosure-realism")).to_be_visible()  # every question shown without the engine
