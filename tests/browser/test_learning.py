"""Onboarding in Chromium: a knowledge check taken by keyboard only, progress kept across reloads in one
localStorage key, a plain message when the checker cannot start, and the printable checklist."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from candor.compiler.catalog import Catalog
from playwright.sync_api import Page, Request, Route, expect

from ..conftest import CONTENT
from .conftest import READY_TIMEOUT

pytestmark = pytest.mark.browser
KEY = "candor:learning:v1"
QUIZ = "foundations"
WIDGET = f"#candor-quiz-{QUIZ}-widget"

FOCUSED = """() => {
  const el = document.activeElement;
  const fieldset = el && el.closest("fieldset[data-question]");
  if (!fieldset || !el.closest("#candor-quiz-foundations-form")) return null;
  const style = getComputedStyle(el);
  return { question: fieldset.dataset.question, value: el.value, type: el.type, checked: el.checked,
           outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
}"""


def quiz_data() -> dict[str, Any]:
    return yaml.safe_load((CONTENT / "quizzes" / f"{QUIZ}.yml").read_text())


def planned_answers() -> tuple[dict[str, str], int]:
    """The best response to every scenario but the last two, where the first option that is not best."""
    answers, correct = {}, 0
    questions = quiz_data()["questions"]
    for i, q in enumerate(questions):
        best = next(o["id"] for o in q["options"] if o.get("best"))
        if i < len(questions) - 2:
            answers[q["id"]], correct = best, correct + 1
        else:
            answers[q["id"]] = next(o["id"] for o in q["options"] if not o.get("best"))
    return answers, correct


def answer_by_keyboard(page: Page, answers: dict[str, str]) -> None:
    """Tab into the quiz, choose each radio with the arrow keys (Space for the first option), Tab on."""
    for _ in range(300):  # reach the form from the top of the page
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED):
            break
    for _ in range(200):
        state = page.evaluate(FOCUSED)
        if state is None:
            return
        assert state["outline"], f"no visible focus on {state}"
        wanted = answers[state["question"]]
        if state["value"] != wanted:
            group = page.locator(f'{WIDGET} fieldset[data-question="{state["question"]}"] input')
            values = [group.nth(i).get_attribute("value") for i in range(group.count())]
            for _ in range((values.index(wanted) - values.index(state["value"])) % len(values)):
                page.keyboard.press("ArrowDown")
        elif not state["checked"]:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    raise AssertionError("the keyboard walk did not leave the quiz")


def stored(page: Page) -> Any:
    text = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    return None if text is None else json.loads(text)


def test_take_a_quiz_by_keyboard_then_reload_and_find_it_restored(page: Page, site_url: str) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    answers, correct = planned_answers()
    total = len(answers)
    page.goto(site_url + f"learn/{QUIZ}/")
    status = page.locator(f"{WIDGET} [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")

    answer_by_keyboard(page, answers)
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent]")
    assert focused == ["BUTTON", "Check my answers"]
    expect(page.locator(f"{WIDGET} [data-candor-progress]")).to_have_text(f"{total} of {total} answered")
    page.keyboard.press("Space")

    page.wait_for_selector(f'{WIDGET}[data-candor-updates="1"]', timeout=READY_TIMEOUT)
    percent = round(100 * correct / total)
    expect(status).to_have_text(f"Your score: {correct} of {total} best responses ({percent}%).")
    expect(page.locator(f"{WIDGET} .candor-quiz-score")).to_contain_text(f"{correct} of {total}")
    expect(page.locator(f'{WIDGET} fieldset[data-result="correct"]')).to_have_count(correct)
    wrong = page.locator(f'{WIDGET} fieldset[data-result="incorrect"]')
    expect(wrong).to_have_count(total - correct)
    feedback = wrong.first.locator("[data-candor-feedback]")
    expect(feedback).to_contain_text("Not the best response.")  # words, not only colour
    expect(feedback).to_contain_text("Best response:")
    expect(feedback.get_by_role("link").first).to_have_attribute("href", re.compile(r"/guidance/[a-z-]+/#[A-Z]{2}-\d{2}$"))

    saved = stored(page)
    entry = saved["modules"][QUIZ]
    assert (entry["score"], entry["total"], entry["answers"]) == (correct, total, answers)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", entry["completed_at"])

    page.reload()
    page.wait_for_selector(f'{WIDGET}[data-candor-updates="1"]', timeout=READY_TIMEOUT)
    for question, option in answers.items():
        expect(page.locator(f"#candor-quiz-{QUIZ}-q-{question}-{option}")).to_be_checked()
    expect(status).to_contain_text("Your earlier answers are restored.")
    expect(page.locator(f'{WIDGET} fieldset[data-result="correct"]')).to_have_count(correct)

    page.goto(site_url + "learn/progress/")
    row = page.locator(f'#candor-learning-summary tr[data-module="{QUIZ}"]')
    expect(row.locator('[data-cell="status"]')).to_have_text("Completed")
    expect(row.locator('[data-cell="score"]')).to_have_text(f"{correct} of {total} ({percent}%)")
    expect(row.locator('[data-cell="date"] time')).to_have_attribute("datetime", entry["completed_at"])
    expect(page.locator("#candor-learning-summary-count")).to_have_text("1 of 6 modules completed.")
    expect(page.locator('#candor-learning-summary tr[data-module="governance"] [data-cell="status"]')).to_have_text("Not taken yet")

    for request in requests:  # nothing is sent anywhere: only this site's own files, fetched with GET
        assert urlparse(request.url).hostname == "127.0.0.1" and request.method == "GET", request.url


def test_checking_is_said_next_to_the_button_pressed_while_the_checker_starts(page: Page, site_url: str) -> None:
    held: list[Route] = []
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: held.append(route))  # the runtime waits until the test lets it through
    page.goto(site_url + f"learn/{QUIZ}/")
    first = quiz_data()["questions"][0]
    page.locator(f'{WIDGET} fieldset[data-question="{first["id"]}"] input').first.check()
    button = page.get_by_role("button", name="Check my answers")
    button.click()
    busy = page.locator(f"{WIDGET} .candor-quiz-actions [data-candor-quiz-busy]")
    expect(busy).to_have_text("Checking your answers…")
    expect(busy).to_be_in_viewport()  # where the reader is: by the button, not only in the status above the quiz
    for _ in range(300):
        if held:
            break
        page.wait_for_timeout(100)
    held[0].continue_()
    page.wait_for_selector(f'{WIDGET}[data-candor-updates="1"]', timeout=READY_TIMEOUT)
    expect(busy).to_have_text("")


def test_the_form_stays_usable_when_the_checker_cannot_start(page: Page, site_url: str) -> None:
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(site_url + f"learn/{QUIZ}/")
    first = quiz_data()["questions"][0]
    options = page.locator(f'{WIDGET} fieldset[data-question="{first["id"]}"] input')
    options.nth(0).check()
    page.get_by_role("button", name="Check my answers").click()
    status = page.locator(f"{WIDGET} [role=status]")
    expect(status).to_contain_text("The answer checker could not start", timeout=READY_TIMEOUT)
    expect(page.locator(WIDGET)).to_have_attribute("data-candor-state", "failed")
    expect(page.locator(f"{WIDGET} [data-candor-quiz-busy]")).to_have_text("")  # no "Checking…" left behind
    options.nth(1).check()  # still usable
    expect(options.nth(1)).to_be_checked()
    page.locator(f"#candor-quiz-{QUIZ}-key summary").click()
    expect(page.locator(f"#candor-quiz-{QUIZ}-key")).to_contain_text(first["options"][0]["explanation"].split(".")[0])


def test_the_checklist_lists_every_must_practice_and_prints_at_9pt_on_two_pages(page: Page, site_url: str, catalog: Catalog) -> None:
    musts = sorted(p.id for p in catalog.practices.values() if p.level == "must" and not p.deprecated)
    lines = sorted(p.id for p in catalog.practices.values() if p.checklist and p.id in musts for _ in p.checklist.lines)
    page.goto(site_url + "learn/checklist/")
    items = page.locator(".candor-checklist li[data-practice]")
    expect(items).to_have_count(len(lines))  # one per action: a practice that bundles actions has several
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.practice)")) == lines
    for pid in musts[:3]:  # each line is a labelled checkbox; a practice with several actions has several
        expect(page.get_by_role("checkbox", name=re.compile(rf"^{pid} ")).first).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^BI-06 "))).to_have_count(lines.count("BI-06"))
    download = page.get_by_role("link", name="Download as Markdown")
    assert download.get_attribute("download") == "candor-pre-launch-checklist.md"
    text = page.request.get(download.evaluate("a => a.href")).text()
    assert all(re.search(rf"\*\*\[{pid}\]\(https?://[^)]+#{pid}\)\*\*", text) for pid in musts)
    page.emulate_media(media="print")
    smallest = items.evaluate_all("els => Math.min(...els.map(e => parseFloat(getComputedStyle(e).fontSize)))")
    assert smallest >= 12, f"checklist lines print at {smallest * 0.75:.1f} pt, under 9 pt"  # 9 pt = 12 CSS px
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, f"the checklist should print on at most two {paper} pages, not {pages}"


def test_the_brief_handout_prints_without_facilitator_notes(page: Page, site_url: str) -> None:
    page.goto(site_url + "learn/brief/")
    page.emulate_media(media="print")
    printed = page.evaluate("() => document.querySelector('.md-content').innerText")
    assert "Trail Ready" in printed and "Scout" in printed and "Our verdict:" in printed
    for answer in ("Not ready", "each one alone makes", "Debrief", "Expected answer", "Tempting", "must failure"):
        assert answer.lower() not in printed.lower(), f"the handout prints {answer!r}"
    assert not page.locator(".md-sidebar--primary").is_visible()
    page.goto(site_url + "learn/facilitator/")
    expect(page.locator("#answer-table")).to_be_attached()
    expect(page.get_by_role("link", name="sample campaign brief")).to_have_attribute("href", re.compile(r"brief/$"))


ORDER_KEY = "candor:quiz-order:v1"
ORDER = f"""() => [...document.querySelectorAll('{WIDGET} fieldset[data-question]')].map(
  (f) => [...f.querySelectorAll('input')].map((i) => i.value))"""


def test_each_learner_keeps_their_own_option_order(page: Page, site_url: str) -> None:
    """The options come in the learner's own order, the same after a reload (a review shows what they answered);
    another seed gives another order; the authored order stays in the built page and its answer key."""
    authored = [[o["id"] for o in q["options"]] for q in quiz_data()["questions"]]
    page.goto(site_url + f"learn/{QUIZ}/")
    seed = page.evaluate(f"() => localStorage.getItem('{ORDER_KEY}')")
    assert seed is not None and re.fullmatch(r"\d{1,10}", seed), seed  # stored on the first visit
    first = page.evaluate(ORDER)
    assert [sorted(o) for o in first] == [sorted(o) for o in authored]
    page.reload()
    assert page.evaluate(ORDER) == first

    orders = {}
    for kept in ("1", "2"):
        page.evaluate(f"() => localStorage.setItem('{ORDER_KEY}', '{kept}')")
        page.reload()
        orders[kept] = page.evaluate(ORDER)
        page.reload()
        assert page.evaluate(ORDER) == orders[kept], kept
    assert orders["1"] != orders["2"]
    assert orders["1"] != authored and orders["2"] != authored

    page.evaluate(f"() => localStorage.setItem('{ORDER_KEY}', 'not a seed')")
    page.reload()
    replaced = page.evaluate(f"() => localStorage.getItem('{ORDER_KEY}')")
    assert re.fullmatch(r"\d{1,10}", replaced), replaced

    built = page.request.get(site_url + f"learn/{QUIZ}/").text()
    first_id = quiz_data()["questions"][0]["id"]
    assert re.findall(rf'name="candor-quiz-{QUIZ}-q-{first_id}" value="([^"]+)"', built) == authored[0]  # no JavaScript
