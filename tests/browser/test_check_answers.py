"""Answering the pre-launch check in Chromium: an exclusive choice ("No AI at all") stands alone and the result
keeps updating; an area whose questions the profile hides shows no heading or intro, on screen or in print."""

from __future__ import annotations

import pytest
from candor.checks.visibility import visible_questions
from candor.compiler.catalog import Catalog
from playwright.sync_api import Page, expect

from .conftest import wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-prelaunch-widget"
USES = f'{WIDGET} fieldset[data-question="profile-ai-uses"]'


def updates(page: Page) -> int:
    return int(page.get_attribute(WIDGET, "data-candor-updates") or 0)


def click_and_wait(page: Page, selector: str) -> None:
    before = updates(page)
    page.click(selector)
    page.wait_for_function(f"() => Number(document.querySelector('{WIDGET}').dataset.candorUpdates || 0) > {before}")


def ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all(f"{USES} input:checked", "(inputs) => inputs.map((i) => i.value)")


def shown_areas(page: Page) -> set[str]:
    return set(page.eval_on_selector_all(f"{WIDGET} section[data-area]:not([hidden])", "(s) => s.map((x) => x.dataset.area)"))


def expected_areas(catalog: Catalog, answers: dict[str, tuple[str, ...]]) -> set[str]:
    q = catalog.checks["prelaunch"]
    visible = set(visible_questions(q, answers))
    return {a.id for a in q.areas if any(x.id in visible for x in q.by_area[a.id])}


def test_the_exclusive_none_choice_stands_alone_and_the_result_follows(page: Page, site_url: str, catalog: Catalog) -> None:
    q = catalog.checks["prelaunch"]
    uses = q.question("profile-ai-uses")
    assert uses is not None
    none = next(o.id for o in uses.options if o.exclusive)
    other = next(o.id for o in uses.options if not o.exclusive)
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    click_and_wait(page, f'{USES} input[value="{other}"]')
    click_and_wait(page, f'{USES} input[value="{none}"]')  # the reported bug: this gave no update
    assert ticked(page) == [none]
    body = page.locator(f"{WIDGET} .candor-result-body")
    expect(body).not_to_contain_text("could not be scored")
    expect(body).to_contain_text("1 of ")
    assert shown_areas(page) == expected_areas(catalog, {"profile-ai-uses": (none,)})
    kept = page.evaluate("() => JSON.parse(localStorage.getItem('candor:answers:prelaunch')).answers")
    assert kept["profile-ai-uses"] == [none]  # what is kept is what is shown
    click_and_wait(page, f'{USES} input[value="{other}"]')  # and another choice clears "none"
    assert ticked(page) == [other]
    expect(body).not_to_contain_text("could not be scored")
    assert shown_areas(page) == expected_areas(catalog, {"profile-ai-uses": (other,)})


def test_an_area_with_no_question_shown_has_no_heading_on_screen_or_in_print(page: Page, site_url: str, catalog: Catalog) -> None:
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    shown = expected_areas(catalog, {})
    all_areas = {a.id for a in catalog.checks["prelaunch"].areas}
    assert shown < all_areas, "the test needs an area the empty profile hides"
    assert shown_areas(page) == shown
    page.emulate_media(media="print")
    for area in sorted(all_areas - shown):
        expect(page.locator(f'{WIDGET} section[data-area="{area}"] h2')).to_be_hidden()
    # With a result, the print replaces the form by the approver's appendix: one row per question shown, and
    # nothing of the hidden areas (their questions are not listed, and the appendix has no area headings).
    appendix = page.locator(f"{WIDGET} .candor-print-appendix")
    expect(appendix).to_be_visible()
    shown_questions = page.locator(f"{WIDGET} fieldset[data-question]:not([hidden])").count()
    expect(appendix.locator("tbody tr")).to_have_count(shown_questions)
    hidden_legends = page.locator(f"{WIDGET} fieldset[data-question][hidden] legend").all_text_contents()
    printed = appendix.inner_text()
    assert hidden_legends and not any(legend.strip() in printed for legend in hidden_legends)
