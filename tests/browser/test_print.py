"""The approver's print and the campaign details on the page: typed in, kept, exported, shared, reported and
printed. The golden campaign prints to PDF (A4) in Chromium with its verdict on page 1."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from candor.intake.share_link import SHARE_PREFIX, SHARE_VERSION
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .conftest import wait_ready

pytestmark = pytest.mark.browser
PAGE = "checks/prelaunch/"
WIDGET = "#candor-prelaunch-widget"
KEY = "candor:answers:prelaunch"
GOLDEN = Path(__file__).parents[1] / "golden_reports"
CAMPAIGN = json.loads((GOLDEN / "winter-sale-conditions" / "answers.json").read_text())
GOLDEN_PAGES = 7  # A4: summary (page 1), result detail (2-3), answers appendix (4-6); it was 15, verdict on page 14


def open_saved(page: Page, site_url: str, envelope: dict[str, Any]) -> None:
    page.goto(site_url + PAGE)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(envelope)])
    page.reload()
    wait_ready(page, WIDGET)


def pdf_pages(page: Page) -> list[str]:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_golden_campaign_prints_its_summary_on_page_one(page: Page, site_url: str) -> None:
    open_saved(page, site_url, CAMPAIGN)
    pages = pdf_pages(page)
    first = " ".join(pages[0].split())
    for text in ["Summary", "Winter sale: EU personalised email (phase 2)", "Dana Reyes", "Sam Okafor", "15 January 2027",
                 "Verdict: Ready with conditions", "Conditions to meet", "Finish and sign off the DPIA", "Red flags",
                 "Sign-off", "guidance, not legal advice"]:
        assert text in first, text
    everything = " ".join(" ".join(pages).split())
    assert "Use it in CI" not in everything and "candor assess" not in everything  # the CI section is not printed
    assert "Copy share link" not in everything and "Choose all that apply" not in everything  # no buttons, no form
    starts = [next(i for i, p in enumerate(pages) if heading in p) for heading in ("Summary", "Flags", "Appendix: questions and answers")]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == 3  # summary, detail, then the appendix
    assert "It is under way but not signed off" in everything  # the answers appendix
    assert len(pages) == GOLDEN_PAGES


def test_details_typed_in_are_kept_exported_shared_and_reported(page: Page, site_url: str) -> None:
    open_saved(page, site_url, {k: v for k, v in CAMPAIGN.items() if k != "campaign"})
    widget = page.locator(WIDGET)
    name = widget.get_by_label("Campaign name")
    expect(name).to_have_value("")
    name.fill("Spring launch")
    widget.get_by_label("Approver", exact=True).fill("Sam Okafor")
    widget.get_by_label("Launch date").fill("2027-03-01")
    widget.get_by_label("Notes for the approver").fill("Line one\nLine two")
    page.wait_for_timeout(600)  # saved as typed, without leaving the field
    saved = json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))
    details = {"name": "Spring launch", "approver": "Sam Okafor", "launch_date": "2027-03-01", "notes": "Line one\nLine two"}
    assert saved["campaign"] == details and saved["answers"] == CAMPAIGN["answers"]
    page.reload()
    wait_ready(page, WIDGET)
    expect(widget.get_by_label("Campaign name")).to_have_value("Spring launch")
    expect(widget.get_by_label("Notes for the approver")).to_have_value("Line one\nLine two")

    with page.expect_download() as download:
        widget.get_by_role("button", name="Export answers (JSON)").click()
    assert json.loads(Path(download.value.path()).read_text())["campaign"] == details
    with page.expect_download() as report:
        widget.get_by_role("button", name="Download report (Markdown)").click()
    markdown = Path(report.value.path()).read_text()
    assert markdown.startswith("# Spring launch: Pre-launch campaign check report")
    assert "- **Launch date:** 1 March 2027" in markdown and "| Approver | Sam Okafor |  |  |" in markdown

    widget.get_by_role("button", name="Copy share link").click()
    link = widget.locator("[data-candor-share-url]").input_value()
    payload = json.loads(base64.urlsafe_b64decode(link.split(SHARE_PREFIX + SHARE_VERSION)[1] + "==="))
    assert payload["campaign"] == details


def test_a_share_link_without_details_still_opens(page: Page, site_url: str) -> None:
    payload = json.dumps({"questionnaire": "prelaunch", "version": 2, "answers": {"profile-regions": ["eu"]}}).encode()
    page.goto(f"{site_url}{PAGE}{SHARE_PREFIX}{SHARE_VERSION}{base64.urlsafe_b64encode(payload).decode().rstrip('=')}")
    wait_ready(page, WIDGET)
    expect(page.locator(WIDGET).get_by_label("European Union", exact=False).first).to_be_checked()
    expect(page.locator(WIDGET).get_by_label("Campaign name")).to_have_value("")
