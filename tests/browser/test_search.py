"""Site search on the pages that boot the engine: Material's index is built after the engine has started
(widgets/js/search-after-engine.js), or at once when the reader goes to the search box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from .conftest import READY_TIMEOUT, wait_ready

pytestmark = pytest.mark.browser


def material_worker_requests(page: Page) -> list[str]:
    """Requests for Material's own search worker file (the wrapper's URL names it only in its fragment)."""
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url) if "/workers/search." in request.url else None)
    return seen


def search_finds(page: Page, words: str) -> None:
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type(words)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=READY_TIMEOUT)


def test_search_works_on_a_check_page_once_the_engine_is_ready(page: Page, site_url: str) -> None:
    requested = material_worker_requests(page)
    page.goto(site_url + "checks/prelaunch/")
    wait_ready(page)
    search_finds(page, "consent")
    assert requested, "Material's search worker was never loaded"


def test_the_index_waits_for_the_engine_but_not_for_a_reader_who_searches(page: Page, site_url: str) -> None:
    held: list[Route] = []
    page.context.route("**/assets/candor/manifest.json", lambda route: held.append(route))  # the engine cannot finish starting
    requested = material_worker_requests(page)
    page.goto(site_url + "checks/prelaunch/")
    expect(page.locator("[data-candor-check]")).to_have_attribute("data-candor-stage", "download")
    page.wait_for_timeout(1000)
    assert held and not requested, "the search index was built while the engine was starting"
    search_finds(page, "disclosure")
    assert requested


@pytest.mark.parametrize("failure", ["no-manifest", "no-webassembly"])
def test_a_failed_engine_releases_the_index(page: Page, site_url: str, failure: str) -> None:
    if failure == "no-manifest":  # fails while booting, after Material's search worker has started
        page.context.route("**/assets/candor/manifest.json", lambda route: route.fulfill(status=404, body=""))
    else:  # fails at once, before Material's search worker exists: the worker asks when it starts
        page.add_init_script("delete globalThis.WebAssembly")
    requested = material_worker_requests(page)
    page.goto(site_url + "checks/prelaunch/")
    expect(page.locator("[data-candor-check]")).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
    for _ in range(20):  # up to 2 s: well before the wrapper's own 4-second limit
        if requested:
            break
        page.wait_for_timeout(100)
    assert requested, "the search index still waits although the engine has failed"
