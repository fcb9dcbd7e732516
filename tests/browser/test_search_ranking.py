"""What site search ranks first, as Material's own search worker ranks the built index (the worker the search box
talks to, given the index the site serves): a theme's key terms find its page and its check in the top three, a
check is found by its name and its id, and the key terms do not push any other page below its own title."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from candor.compiler.catalog import Catalog
from candor.compiler.search_terms import check_page, words
from playwright.sync_api import Page, expect

from .conftest import READY_TIMEOUT

pytestmark = pytest.mark.browser

TOP = 3

# Material's worker protocol: SETUP (0) the index, READY (1), QUERY (2) a query, RESULT (3) pages in ranked order.
RANK = """async ([worker, queries]) => {
  const index = await (await fetch("search/search_index.full.json")).json();
  const search = new Worker(worker);
  const reply = () => new Promise((resolve) => search.addEventListener("message", (e) => resolve(e.data), { once: true }));
  search.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  await reply();
  const ranked = {};
  for (const query of queries) {
    search.postMessage({ type: 2, data: query });
    ranked[query] = (await reply()).data.items.map((page) => page[0].location.split("#")[0]);
  }
  search.terminate();
  return ranked;
}"""


def ranked(page: Page, site_url: str, site_dir: Path, queries: list[str]) -> dict[str, list[str]]:
    """Each query's result pages, best first, from Material's search worker on the built index."""
    worker = next((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    page.goto(site_url)
    found: dict[str, list[str]] = page.evaluate(RANK, [f"assets/javascripts/workers/{worker.name}", queries])
    return found


def test_a_themes_key_terms_find_its_page_and_its_check_first(page: Page, site_url: str, site_dir: Path, catalog: Catalog) -> None:
    wanted = {term: (theme.url, check_page(theme.check)) for theme in catalog.themes for term in theme.key_terms}
    results = ranked(page, site_url, site_dir, list(wanted))
    misses = {term: results[term][:TOP] for term, pages in wanted.items() if not set(pages) <= set(results[term][:TOP])}
    assert not misses, f"key terms whose theme page or check is not in the top {TOP}: {misses}"
    assert set(results["chatbot"][:2]) == set(wanted["chatbot"])  # the report: Transparency came tenth


def test_every_check_is_found_by_its_name_and_by_its_id(page: Page, site_url: str, site_dir: Path, catalog: Catalog) -> None:
    names = {check.title: cid for cid, check in catalog.checks.items()}
    names |= {str(tool["title"]): tid for tid, tool in catalog.tools.items()}
    queries = {**{name: check_page(cid) for name, cid in names.items()}, **{cid: check_page(cid) for cid in names.values()}}
    results = ranked(page, site_url, site_dir, list(queries))
    misses = {query: results[query][:TOP] for query, url in queries.items() if url not in results[query][:TOP]}
    assert not misses, f"checks not in the top {TOP} for their name or id: {misses}"


def test_key_terms_do_not_push_a_page_below_its_own_title(page: Page, site_url: str, site_dir: Path, catalog: Catalog) -> None:
    """A title made only of key-term words ("Privacy") is the key term's by design; every other title finds its page."""
    key_words = {w for theme in catalog.themes for term in theme.key_terms for w in words(term)}
    index = json.loads((site_dir / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    titles = {}
    for doc in index["docs"]:
        title_words = [w for w in re.split(r"[^a-z0-9]+", doc["title"].lower()) if w]
        if "#" not in doc["location"] and title_words and not all(any(w.startswith(k) for k in key_words) for w in title_words):
            titles.setdefault(doc["title"], doc["location"])
    assert len(titles) > 40  # guidance, checks, kit, learning and standards pages
    results = ranked(page, site_url, site_dir, list(titles))
    misses = {title: results[title][:TOP] for title, url in titles.items() if url not in results[title][:TOP]}
    assert not misses, f"pages not in the top {TOP} for their own title: {misses}"


def test_the_search_box_lists_the_transparency_page_first_for_chatbot(page: Page, site_url: str, catalog: Catalog) -> None:
    transparency = next(t for t in catalog.themes if t.id == "transparency")
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type("chatbot")
    items = page.locator(".md-search-result__item > .md-search-result__link")
    expect(items.first).to_be_visible(timeout=READY_TIMEOUT)
    first = [str(items.nth(i).get_attribute("href")).split("?")[0] for i in range(TOP)]
    assert site_url + transparency.url in first
    assert site_url + check_page(transparency.check) in first


# Names of laws and codes a marketer searches for: the practical guidance that applies them comes before the list of
# sources that cites them (the report: "TCPA" listed the sources page first, the outreach guidance second).
NAMED_RULES = ["TCPA", "AI Act", "DSA", "FTC", "CAN-SPAM"]
PRACTICAL = ("guidance/", "checks/", "learn/", "kit/")
SOURCES = "guidance/sources/"


def test_practical_guidance_ranks_above_the_list_of_sources(page: Page, site_url: str, site_dir: Path) -> None:
    results = ranked(page, site_url, site_dir, NAMED_RULES)
    assert results["TCPA"][0] == "guidance/outreach/", results["TCPA"][:4]
    late = {}
    for query, pages in results.items():
        practical = [i for i, p in enumerate(pages) if p.startswith(PRACTICAL) and p != SOURCES]
        if not practical or (SOURCES in pages and pages.index(SOURCES) < practical[0]):
            late[query] = pages[:4]
    assert not late, f"the sources page ranks before the guidance: {late}"
