"""The widget kit in Chromium: each change a reader makes is saved once, in every widget."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import READY_TIMEOUT, wait_ready

pytestmark = pytest.mark.browser

# Counts localStorage writes per key from the first script on; read back with WRITES.
COUNT_WRITES = """(() => {
  window.__writes = {};
  const set = Storage.prototype.setItem, remove = Storage.prototype.removeItem;
  const count = (key) => (window.__writes[key] = (window.__writes[key] || 0) + 1);
  Storage.prototype.setItem = function (key, value) { count(key); return set.call(this, key, value); };
  Storage.prototype.removeItem = function (key) { count(key); return remove.call(this, key); };
})()"""
WRITES = "(key) => window.__writes[key] || 0"


def saved_key(page: Page, widget: str) -> str:
    return str(page.locator(widget).get_attribute("data-candor-saved-key"))


def test_a_changed_answer_on_a_check_is_saved_once_and_scored_once(page: Page, site_url: str) -> None:
    widget = "#candor-disclosure-widget"
    page.add_init_script(COUNT_WRITES)
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    key = saved_key(page, widget)
    updates = int(page.locator(widget).get_attribute("data-candor-updates") or 0)
    for n, label in enumerate(["A chatbot or assistant that people talk to", "Images"], start=1):
        page.get_by_label(label, exact=True).check()
        page.wait_for_selector(f'{widget}[data-candor-updates="{updates + n}"]', timeout=READY_TIMEOUT)
        assert page.evaluate(WRITES, key) == n, f"change {n} was not saved exactly once"


def test_an_edited_count_is_saved_once(page: Page, site_url: str) -> None:
    widget = "#candor-bias-audit-widget"
    page.add_init_script(COUNT_WRITES)
    page.goto(site_url + "checks/bias-audit/")
    wait_ready(page, widget)
    key = saved_key(page, widget)
    before = page.evaluate(WRITES, key)
    page.locator(f"{widget} tbody tr").first.locator("[name=total]").fill("100")
    page.locator(f"{widget} tbody tr").first.locator("[name=group]").focus()  # leaving the field fires "change"
    assert page.evaluate(WRITES, key) == before + 1
    page.locator(f"{widget} input[type=radio]").nth(1).check()
    assert page.evaluate(WRITES, key) == before + 2


def test_a_chosen_quiz_answer_is_saved_once(page: Page, site_url: str) -> None:
    widget = "#candor-quiz-foundations-widget"
    page.add_init_script(COUNT_WRITES)
    page.goto(site_url + "learn/foundations/")
    expect(page.locator(widget)).to_have_class("candor-widget candor-quiz candor-live")
    key = saved_key(page, widget)
    page.locator(f"{widget} fieldset[data-question] input").first.check()
    assert page.evaluate(WRITES, key) == 1
