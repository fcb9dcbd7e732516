"""Messages where the reader looks, in Chromium at 1280×800 and 390×844: at the top of the check, in view
below Material's sticky header, announced through the live region, with the technical detail on demand."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from candor.intake.share_link import SHARE_PREFIX, SHARE_VERSION
from playwright.sync_api import Browser, Page, expect

from .conftest import READY_TIMEOUT, wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-disclosure-widget"
PAGE = "checks/disclosure/"
SIZES = [pytest.param((1280, 800), id="desktop"), pytest.param((390, 844), id="phone")]

# Where `selector` is on screen, and where the sticky header ends.
PLACE = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return { top: box.top, bottom: box.bottom, height: innerHeight,
           header: document.querySelector(".md-header").getBoundingClientRect().bottom };
}"""


def in_view(page: Page, selector: str) -> None:
    place = page.evaluate(PLACE, selector)
    assert place["top"] >= place["header"] and place["bottom"] <= place["height"], place


def share(answers: dict[str, object]) -> str:
    payload = json.dumps({"questionnaire": "disclosure", "version": 2, "answers": answers}).encode()
    return SHARE_PREFIX + SHARE_VERSION + base64.urlsafe_b64encode(payload).decode().rstrip("=")


@pytest.fixture(params=SIZES)
def sized(browser: Browser, request: pytest.FixtureRequest) -> Page:
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    request.addfinalizer(context.close)
    return context.new_page()


def test_a_damaged_share_link_says_so_in_view_at_once(sized: Page, site_url: str) -> None:
    page = sized
    page.goto(site_url + PAGE + SHARE_PREFIX + SHARE_VERSION + "eyJxdWVz%20dGlvbm5h")  # mangled by a mail program
    alert = page.locator(f"{WIDGET} [data-candor-notice] [role=alert]")
    expect(alert.locator("p")).to_have_text(
        "This share link is damaged or incomplete (perhaps cut short when it was copied), so its answers were not used. "
        "Ask the sender for the link again. Nothing on this page was changed."
    )
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_have_attribute("aria-live", "polite")
    in_view(page, f"{WIDGET} [data-candor-notice]")
    wait_ready(page)  # the checker starts all the same, and the message stays
    expect(alert).to_contain_text("Ask the sender for the link again.")
    assert SHARE_PREFIX not in page.url


def test_a_share_link_cut_short_says_so_in_view_once_checked(sized: Page, site_url: str) -> None:
    page = sized
    page.goto(site_url + PAGE + SHARE_PREFIX + SHARE_VERSION + "eyJxdWVzdGlvbm5haXJlIjoiZGlzY2xv")  # cut short when copied
    alert = page.locator(f"{WIDGET} [data-candor-notice] [role=alert]")
    expect(alert).to_contain_text("The answers in this share link could not be used.", timeout=READY_TIMEOUT)
    expect(alert).to_contain_text("its text is damaged or incomplete")
    in_view(page, f"{WIDGET} [data-candor-notice]")


def test_the_replace_prompt_is_in_view_below_the_header(sized: Page, site_url: str) -> None:
    page = sized
    page.goto(site_url + PAGE)
    wait_ready(page)
    page.get_by_label("Images", exact=True).check()
    page.goto(site_url + "checks/")
    page.goto(site_url + PAGE + share({"made": ["chatbot"], "chatbot-tells": "never"}))
    prompt = page.locator(f"{WIDGET} [data-candor-prompt]")
    expect(prompt).to_be_visible(timeout=READY_TIMEOUT)
    expect(prompt).to_contain_text("Replace your answer on this check with the 2 from the share link?")
    in_view(page, f"{WIDGET} [data-candor-prompt]")
    expect(prompt.get_by_role("button", name="Keep my answers")).to_be_focused()
    prompt.get_by_role("button", name="Use the shared answers").click()
    expect(page.locator(f"{WIDGET} [data-candor-notice]")).to_contain_text("Loaded the shared answers.")
    in_view(page, f"{WIDGET} [data-candor-notice]")


def test_an_import_error_is_plain_with_the_detail_on_demand(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + PAGE)
    wait_ready(page)
    bad = tmp_path / "campaign.json"
    bad.write_text('{"questionnaire": "disclosure", "version": 2, "answers": {"made": ["chatbot"')
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers…").click()  # at the bottom of the check
    chooser.value.set_files(str(bad))
    alert = page.locator(f"{WIDGET} [data-candor-notice] [role=alert]")
    expect(alert.locator("p")).to_have_text(
        "The file “campaign.json” could not be used. This is not a Candor answers file: its text is damaged or "
        "incomplete (perhaps cut short, or changed by hand). Use a file exported from Candor, or correct this one. "
        "Nothing on this page was changed."
    )
    in_view(page, f"{WIDGET} [data-candor-notice]")
    detail = alert.locator("details code")
    expect(detail).to_be_hidden()
    alert.get_by_text("Technical detail").click()
    expect(detail).to_be_visible()
    expect(detail).to_have_text("JSON: Expecting ',' delimiter at line 1, column 77.")
