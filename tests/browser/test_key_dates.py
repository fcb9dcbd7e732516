"""The pre-launch result in Chromium lists the upcoming legal dates for the regions ticked, as the host engine does."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from candor.checks.evaluate import evaluate
from candor.checks.key_dates import with_key_dates
from candor.checks.loaded import LoadedCheck
from playwright.sync_api import Page, expect

from ..conftest import GOLDEN
from .conftest import wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-prelaunch-widget"


def test_eu_and_us_regions_show_the_upcoming_dates(page: Page, site_url: str, loaded: dict[str, LoadedCheck]) -> None:
    answers = json.loads((GOLDEN / "prelaunch" / "chatbot-no-disclosure.json").read_text())["answers"]["answers"]
    answers = {**answers, "profile-regions": ["eu", "us"]}
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    # The page's own date (local time), which is what it passes to the engine as "today".
    today = page.evaluate("() => new Date().toLocaleDateString('en-CA')")
    check = loaded["prelaunch"]
    host = with_key_dates(evaluate(check.questionnaire, check.links, answers), check.key_dates, answers, today).key_dates
    assert dt.date.fromisoformat(today) >= dt.date(2026, 12, 3) and host, "the golden needs dates still to come"
    for region in ("eu", "us"):
        page.locator(f"{WIDGET} #candor-prelaunch-profile-regions-{region}").check()
    items = page.locator(f"{WIDGET} .candor-key-dates > li")
    expect(items).to_have_count(len(host))
    for item, k in zip(items.all(), host, strict=True):
        expect(item.locator("time")).to_have_attribute("datetime", k.date)
        expect(item).to_contain_text(f"{k.when}: {k.title} ({k.jurisdiction}).")
        expect(item.get_by_role("link", name=f"{k.practices[0].id} {k.practices[0].title}")).to_be_visible()
    expect(page.locator(f"{WIDGET} h3", has_text="Dates coming up in the regions this campaign reaches")).to_be_visible()
    page.locator(f"{WIDGET} #candor-prelaunch-profile-regions-eu").uncheck()
    page.locator(f"{WIDGET} #candor-prelaunch-profile-regions-us").uncheck()
    page.locator(f"{WIDGET} #candor-prelaunch-profile-regions-uk").check()
    expect(items).to_have_count(0)
