"""Material's search index (search/search_index.full.json, about 890 KB) is fetched only when search is wanted, on
every kind of page: when the reader goes to the search box, or once the page is idle (widgets/js/search-start.mjs,
widgets/js/search-after-engine.js). Until then the page has fetched only the empty index Material's code asks for.
When the reader searches, results come without anything else to wait for."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Request, expect

from ..conftest import Site
from .conftest import READY_TIMEOUT

pytestmark = pytest.mark.browser
FULL = "/search/search_index.full.json"
STUB = "/search/search_index.json"
PAGES = ["", "guidance/transparency/", "kit/creator-brief-clause/", "learn/foundations/", "checks/disclosure/",
         "404.html"]  # the page a host sends for a missing path
NEVER_IDLE = "window.requestIdleCallback = () => 0;"  # a page that is never idle: only the reader can ask


def watch(context: Any) -> list[Request]:
    seen: list[Request] = []
    context.on("request", lambda request: seen.append(request) if "/search/search_index" in request.url else None)
    return seen


@pytest.mark.parametrize("path", PAGES)
def test_the_index_waits_for_the_reader_and_search_works_at_once(browser: Browser, site: Site, path: str) -> None:
    context = browser.new_context()
    context.add_init_script(NEVER_IDLE)
    seen = watch(context)
    page = context.new_page()
    try:
        page.goto(site.url + path)
        page.wait_for_timeout(1500)  # well inside the wrapper's own 4-second limit
        early = [r.url for r in seen]
        stub_sizes = [len(r.response().body()) for r in seen if r.url.endswith(STUB) and r.response()]
        page.keyboard.press("/")  # Material's shortcut to the search box: focusing it asks for the index
        page.keyboard.type("consent")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=READY_TIMEOUT)
        late = [r.url for r in seen]
    finally:
        context.close()
    assert not [u for u in early if u.endswith(FULL)], f"{path or 'home'}: the full index came before search was used"
    assert stub_sizes and max(stub_sizes) < 1024
    assert [u for u in late if u.endswith(FULL)], "search found results without the full index?"


def test_an_idle_page_fetches_the_index_after_it_has_loaded_and_search_is_ready(browser: Browser, site: Site) -> None:
    context = browser.new_context()
    seen = watch(context)
    page = context.new_page()
    try:
        page.goto(site.url + "guidance/privacy/")
        for _ in range(100):
            if any(r.url.endswith(FULL) for r in seen):
                break
            page.wait_for_timeout(100)
        full = next(r for r in seen if r.url.endswith(FULL))
        assert full.response() is not None  # its timing is filled in once the answer arrives (0 until then)
        loaded = page.evaluate("performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventEnd")
        assert full.timing["startTime"] >= loaded, "the index was fetched before the page had loaded"
        page.keyboard.press("/")
        page.keyboard.type("lawful basis")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=READY_TIMEOUT)
    finally:
        context.close()
