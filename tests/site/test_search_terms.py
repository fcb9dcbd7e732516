"""widgets/sitebuild/search_terms.py: key terms into Material's search index, and what it refuses."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from candor.compiler.catalog import Catalog
from candor.compiler.search_terms import terms_by_page

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild.search_terms import SearchTermsError, add_terms, leave_out_non_prose

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}, "terms": {"boost": 2000}}}


def index(catalog: Catalog, text: dict[str, str] | None = None, config: dict[str, Any] = CONFIG) -> str:
    """An index as Material writes it: each page an entry, and a section under it; theme pages use their terms."""
    docs: list[dict[str, Any]] = []
    for url in terms_by_page(catalog):
        theme = next((t for t in catalog.themes if t.url == url), None)
        body = (text or {}).get(url, f"<p>{', '.join(theme.key_terms)}.</p>" if theme else "<p>A check.</p>")
        docs += [{"location": url, "title": "Page", "text": body}, {"location": f"{url}#more", "title": "More", "text": ""}]
    return json.dumps({"config": config, "docs": docs})


def test_each_page_gets_its_terms_on_its_own_entry_and_nothing_else_changes(catalog: Catalog) -> None:
    before = json.loads(index(catalog))
    after = json.loads(add_terms(index(catalog), catalog))
    pages = terms_by_page(catalog)
    transparency = next(t for t in catalog.themes if t.id == "transparency")
    assert "chatbot" in pages[transparency.url] and "chatbot" in pages[f"checks/{transparency.check}/"]
    for old, new in zip(before["docs"], after["docs"], strict=True):
        url = new["location"]
        assert new == ({**old, "terms": pages[url]} if "#" not in url else old)  # sections carry no terms
    assert after["config"] == before["config"]


def test_a_term_counts_at_the_start_of_a_word_in_any_case_and_markup_is_not_text(catalog: Catalog) -> None:
    transparency = next(t for t in catalog.themes if t.id == "transparency")
    words = " ".join(f"<strong>{term.upper()}s</strong>" for term in transparency.key_terms)
    add_terms(index(catalog, {transparency.url: f"<p>{words}</p>"}), catalog)  # no error
    unlabelled = f"<p>{', '.join(transparency.key_terms).replace('label', 'unlabelled')}</p>"
    never = r"theme 'transparency' has key term 'label', but its page guidance/transparency.md never uses 'label'"
    with pytest.raises(SearchTermsError, match=never):
        add_terms(index(catalog, {transparency.url: unlabelled}), catalog)


def test_a_key_term_the_theme_page_never_uses_fails_the_build(catalog: Catalog) -> None:
    themes = tuple(dataclasses.replace(t, key_terms=(*t.key_terms, "zeppelin")) if t.id == "bias" else t for t in catalog.themes)
    changed = dataclasses.replace(catalog, themes=themes)
    with pytest.raises(SearchTermsError, match=r"theme 'bias' has key term 'zeppelin'.* never uses 'zeppelin'"):
        add_terms(index(catalog), changed)


def test_without_the_terms_field_in_mkdocs_yml_the_build_fails_rather_than_dropping_the_terms(catalog: Catalog) -> None:
    config = {**CONFIG, "fields": {k: v for k, v in CONFIG["fields"].items() if k != "terms"}}
    with pytest.raises(SearchTermsError, match=r"mkdocs.yml: .*plugins: search: fields: terms"):
        add_terms(index(catalog, config=config), catalog)


def test_a_missing_check_page_or_a_changed_index_format_is_named(catalog: Catalog) -> None:
    docs = [d for d in json.loads(index(catalog))["docs"] if not d["location"].startswith("checks/consent/")]
    with pytest.raises(SearchTermsError, match=r"no page at 'checks/consent/'"):
        add_terms(json.dumps({"config": CONFIG, "docs": docs}), catalog)
    with pytest.raises(SearchTermsError, match="Material's index format has changed"):
        add_terms(json.dumps({"docs": docs}), catalog)


def test_a_separator_that_splits_a_term_differently_is_refused(catalog: Catalog) -> None:
    with pytest.raises(SearchTermsError, match=r"splits key term '[a-z]+ [a-z]+' differently"):
        add_terms(index(catalog, config={**CONFIG, "separator": r"\-+"}), catalog)  # "dark patterns" would stay one word


def test_the_built_index_carries_the_terms_and_the_field_boost(site_dir: Path, catalog: Catalog) -> None:
    built = json.loads((site_dir / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    assert built["config"]["fields"]["terms"]["boost"] > built["config"]["fields"]["title"]["boost"]
    carried = {d["location"]: d["terms"] for d in built["docs"] if "terms" in d}
    assert carried == terms_by_page(catalog)


def test_tables_controls_and_buttons_are_marked_once_and_prose_is_not() -> None:
    page = ('<p>Prose <label for="a">A</label></p><table class="x"><tr><td>1</td></tr></table><button type="button">'
            'Go</button><legend>L</legend><select><option>o</option></select><dl><dt>T</dt><dd>D</dd></dl>'
            '<div data-search-exclude><label data-search-exclude>kept as it was</label></div><tablet>')
    marked = leave_out_non_prose(page)
    assert marked.count('data-search-exclude="not-prose"') == 5
    assert '<table data-search-exclude="not-prose" class="x">' in marked
    assert "<label data-search-exclude>kept as it was</label>" in marked and "<tablet>" in marked
    assert "<dl><dt>T</dt><dd>D</dd></dl>" in marked and "<p>Prose " in marked


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_the_built_index_holds_prose_not_tables_or_button_text(site_dir: Path) -> None:
    """Material's index text is flattened: a table's header row or a button's label found in a page's entries
    means the table or the control was indexed. Their pages' prose, the glossary's definitions, stays."""
    docs = json.loads((site_dir / "search" / "search_index.full.json").read_text(encoding="utf-8"))["docs"]
    text: dict[str, str] = {}
    for d in docs:
        url = d["location"].split("#")[0]
        text[url] = text.get(url, "") + " " + _plain(d["text"])
    found, checked = {}, 0
    for path in sorted(site_dir.rglob("index.html")):
        url = path.parent.relative_to(site_dir).as_posix() + "/" if path.parent != site_dir else ""
        page = path.read_text(encoding="utf-8")
        assert "data-search-exclude=\"" not in page, url  # Material removes the attribute once it has read it
        article = page[page.find("<article"):page.find("</article>")]
        heads = [_plain(" ".join(re.findall(r"<th[^>]*>(.*?)</th>", t, re.S)[:3]))
                 for t in re.findall(r"<table.*?</table>", article, re.S)]
        buttons = [_plain(b) for b in re.findall(r"<button[^>]*>(.*?)</button>", article, re.S)]
        prose = " ".join(_plain(x) for x in re.findall(r"<(?:p|li)\b[^>]*>(.*?)</(?:p|li)>", article, re.S))
        wanted = [w for w in heads + buttons if len(w) >= 12 and w not in prose]  # prose may name a button
        checked += len(wanted)
        leaked = [w for w in wanted if w in text.get(url, "")]
        if leaked:
            found[url] = leaked[:3]
    assert checked > 100
    assert found == {}, f"table headers or button labels in the search index: {found}"
    glossary = text["standards/glossary/"]
    assert "The middle conformance level of WCAG" in glossary
