"""The result in view while answering: the sticky summary, flags at the answer, the contents entry, keyboard routes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-prelaunch-widget"
STICKY = f"{WIDGET} .candor-sticky"
SIZES = [(1280, 800), (390, 844)]
CHATBOT = f"{WIDGET} fieldset[data-question='tr-chatbot-disclosed']"

IN_FORM = "() => !!document.activeElement?.closest('#candor-prelaunch-form fieldset[data-question]')"
# The focused control and the boxes that could cover it: Material's header and the summary.
FOCUS_BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
  const el = document.activeElement;
  return { focus: box(el), legend: box(el.closest('fieldset').querySelector('legend')),
           header: box(document.querySelector('.md-header')), sticky: box(document.querySelector('.candor-sticky')),
           height: innerHeight };
}"""


def open_check(page: Page, site_url: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)


def in_viewport(page: Page, selector: str) -> dict[str, Any]:
    return page.eval_on_selector(
        selector, "el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, h: innerHeight}; }"
    )


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_the_summary_stays_in_view_and_says_what_the_full_result_says(page: Page, site_url: str, size: tuple[int, int]) -> None:
    open_check(page, site_url, size)
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    page.locator(CHATBOT).get_by_label("Only if someone asks").check()
    full = page.locator(f"{WIDGET} .candor-verdict-label")
    expect(full).to_have_text("Not ready")
    expect(page.locator(f"{STICKY} .candor-sticky-verdict")).to_have_text(full.inner_text())
    expect(page.locator(f"{STICKY} .candor-sticky-meta")).to_contain_text("1 red flag")
    # Down the form, after each answer: the summary is on screen, under the header, and agrees with the full result.
    fieldsets = page.locator(f"{WIDGET} fieldset[data-question]:visible")
    for i in range(2, fieldsets.count(), 6):
        before = int(page.get_attribute(WIDGET, "data-candor-updates") or 0)
        fieldsets.nth(i).locator("input").first.check()
        page.wait_for_function(f"() => Number(document.querySelector('{WIDGET}').dataset.candorUpdates) > {before}")
        box = in_viewport(page, STICKY)
        header = in_viewport(page, ".md-header")
        assert header["bottom"] - 1 <= box["top"] and box["bottom"] <= box["h"], (i, box, header)
        expect(page.locator(f"{STICKY} .candor-sticky-verdict")).to_have_text(full.inner_text())
        flags = page.locator(f"{WIDGET} .candor-flag").count()
        expect(page.locator(f"{STICKY} .candor-sticky-meta")).to_contain_text("flag" if flags else "No flags")


def test_an_inline_flag_appears_at_the_answer_that_raised_it_and_goes_with_it(page: Page, site_url: str) -> None:
    open_check(page, site_url, (1280, 800))
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    page.locator(CHATBOT).get_by_label("Only if someone asks").check()
    note = page.locator(f"{CHATBOT} [data-candor-inline-flag]")
    expect(note).to_have_count(1)
    expect(note).to_have_attribute("data-candor-inline-flag", "red")
    message = page.locator(f"{WIDGET} .candor-flag[data-question='tr-chatbot-disclosed']").inner_text().split("\n")[0]
    assert message.startswith("Red flag: ")
    expect(note).to_have_text(message)
    expect(page.locator(f"{WIDGET} [data-candor-inline-flag]")).to_have_count(1)  # only at the answer that raised it
    page.locator(CHATBOT).get_by_label("Yes, in its first message, in plain words").check()
    expect(note).to_have_count(0)


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_the_focused_question_is_never_under_the_summary_or_the_header(page: Page, site_url: str, size: tuple[int, int]) -> None:
    open_check(page, site_url, size)
    page.get_by_label("A chatbot or AI assistant that people talk to").check()  # the summary is showing
    expect(page.locator(STICKY)).to_be_visible()
    page.locator(f"{WIDGET} fieldset[data-question]:visible input").first.focus()
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate(IN_FORM):
            continue
        seen += 1
        b = page.evaluate(FOCUS_BOXES)
        covered_below = max(b["header"]["bottom"], b["sticky"]["bottom"])
        # 1 px either way for sub-pixel layout (the browser brings a focused control into view to the fraction)
        assert b["focus"]["top"] >= covered_below - 1 and b["focus"]["bottom"] <= b["height"] + 1, b
        assert b["legend"]["top"] >= covered_below - 1 or b["legend"]["top"] < 0, b  # the question's text too
    assert seen >= 20


@pytest.mark.parametrize("check", ["prelaunch", "consent", "disclosure", "outreach"])
def test_the_contents_lead_to_the_result(page: Page, site_url: str, check: str) -> None:
    page.goto(site_url + f"checks/{check}/")
    entries = page.locator(".md-sidebar--secondary .md-nav__link")
    expect(entries.filter(has_text="Result")).to_have_attribute("href", re.compile(rf"#candor-{check}-result$"))
    titles = [t.strip() for t in entries.all_inner_texts()]
    if "Use it in CI" in titles:  # in page order: the result comes before the section after the form
        assert titles.index("Result") < titles.index("Use it in CI")


def tabs_to_first_question(page: Page) -> int:
    tabs = 0
    while not page.evaluate(IN_FORM) and tabs < 200:
        page.keyboard.press("Tab")
        tabs += 1
    return tabs


def test_keyboard_routes_to_the_questions_the_next_unanswered_one_and_the_result(page: Page, site_url: str) -> None:
    open_check(page, site_url, (1280, 800))
    plain = tabs_to_first_question(page)
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    page.keyboard.press("Tab")  # Material's "Skip to content" link comes first
    expect(page.locator(":focus")).to_have_class(re.compile("md-skip"))
    page.keyboard.press("Enter")
    # The skip link moves the reader to the page's first heading; the next Tab starts from there once the browser
    # has followed it (a loaded machine can take a moment, and Tabs pressed before would start from the link).
    page.wait_for_function("() => location.hash.length > 1 && document.querySelector(':target') !== null")
    skipping = 2 + tabs_to_first_question(page)
    print(f"Key presses from the top of the page to the first question: {plain} Tabs, or {skipping} with the skip link")
    assert skipping <= 12
    page.keyboard.press("Space")  # answer the first question (the profile): the summary appears
    expect(page.locator(STICKY)).to_be_visible()
    # From a question: Esc to the summary, Tab to "See details", Enter: the full result has focus.
    presses = ["Escape", "Tab", "Enter"]
    for key in presses:
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.id") == "candor-prelaunch-result"
    print(f"Key presses from a question to the result: {len(presses)}")
    assert in_viewport(page, f"{WIDGET} .candor-result")["top"] < 800
    # Back to the summary, then "Next unanswered question": focus lands on a visible question with no answer.
    page.locator(f"{WIDGET} fieldset[data-question]:visible input").first.focus()
    for key in ["Escape", "Tab", "Tab", "Enter"]:
        page.keyboard.press(key)
    question = page.evaluate(
        "() => { const f = document.activeElement.closest('fieldset[data-question]');"
        " return f && { id: f.dataset.question, answered: !!f.querySelector('input:checked'), hidden: f.hidden }; }"
    )
    assert question and not question["answered"] and not question["hidden"], question


# Where "See details" lands: the result's heading at the top of the screen, just under Material's header (and the
# summary, were it still in view), never under them and never in the middle of the flags (a result is thousands of
# pixels tall once a campaign has many flags).
LANDING = """() => { const t = document.querySelector('#candor-prelaunch-result-title').getBoundingClientRect();
  const h = document.querySelector('.md-header').getBoundingClientRect();
  const s = document.querySelector('#candor-prelaunch-widget .candor-sticky');
  const sticky = s.hidden ? 0 : s.getBoundingClientRect().bottom;
  return { top: t.top, header: Math.max(0, h.bottom, sticky), height: innerHeight }; }"""


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_see_details_lands_on_the_result_heading(page: Page, site_url: str, size: tuple[int, int]) -> None:
    open_check(page, site_url, size)
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    page.locator(CHATBOT).get_by_label("Only if someone asks").check()  # a red flag: the result has a lot to say
    expect(page.locator(f"{CHATBOT} [data-candor-inline-flag=red]")).to_have_count(1)
    expect(page.locator(f"{WIDGET} .candor-result")).to_be_visible()
    for how in ("click", "keyboard"):
        page.locator(f"{WIDGET} fieldset[data-question]:visible input").first.focus()
        if how == "click":
            page.locator(f"{STICKY} [data-candor-details]").click()
        else:
            for key in ["Escape", "Tab", "Enter"]:
                page.keyboard.press(key)
        expect(page.locator(f"{WIDGET} .candor-result")).to_be_focused()
        landed = page.evaluate(LANDING)
        assert landed["header"] <= landed["top"] <= landed["header"] + 48, (how, landed)


# The result's first screen, from its heading down: the list of changes to make first starts on it.
FIRST_SCREEN = """() => { const t = document.querySelector('#candor-prelaunch-result-title').getBoundingClientRect();
  const f = document.querySelector('#candor-prelaunch-widget .candor-fix-first li').getBoundingClientRect();
  return { title: t.top, first: f.top, firstBottom: f.bottom, height: innerHeight }; }"""


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_the_result_s_first_screen_shows_what_to_fix_first(page: Page, site_url: str, size: tuple[int, int]) -> None:
    open_check(page, site_url, size)
    page.get_by_label("A chatbot or AI assistant that people talk to").check()
    page.locator(CHATBOT).get_by_label("Only if someone asks").check()  # a red flag: the change that clears it comes first
    first = page.locator(f"{WIDGET} .candor-fix-first li").first
    expect(first).to_have_attribute("data-cause", "red-flag")
    expect(first).to_have_attribute("data-question", "tr-chatbot-disclosed")
    expect(first).to_contain_text("You answered “Only if someone asks”: change it to")
    expect(first).to_contain_text("Clears a red flag")
    expect(page.locator(f"{WIDGET} .candor-result h3").first).to_have_text("Fix these first")  # before the flags
    page.locator(f"{STICKY} [data-candor-details]").click()
    expect(page.locator(f"{WIDGET} .candor-result")).to_be_focused()
    screen = page.evaluate(FIRST_SCREEN)
    assert screen["title"] < screen["first"] and screen["firstBottom"] <= screen["height"], screen
    # Answered as it says: that change leaves the list.
    page.locator(CHATBOT).get_by_label("Yes, in its first message, in plain words").check()
    expect(page.locator(f"{WIDGET} .candor-fix-first li[data-question='tr-chatbot-disclosed']")).to_have_count(0)
