"""Key terms into Material's search index, so theme pages and checks rank first for the words readers search for.

Material's search plugin writes ``search/search_index.json``: one entry per page section (``location``, ``title``,
``text``), with the field boosts from mkdocs.yml (``plugins: search: fields``). Its worker ranks a word found in a
field by that field's boost. Prose alone ranks a page that mentions "chatbot" in passing below every section
with the word in its heading, so the build adds a field of its own, ``terms``, to the page's first entry (the
page itself, not each section, so a result lists the page once): a theme page gets its key terms, a check page
its id and the key terms of the themes that point to it (``candor/compiler/search_terms.py`` compiles them from the
content). Material displays title, text and tags only, so the terms are not shown. Material's files are not
touched; the build fails if the index no longer has the shape this module expects, or if a theme's page does not
mention one of its key terms (a term must lead to a page that explains it).

The index holds prose: :func:`leave_out_non_prose` marks tables (the methodology's scores, the crosswalk, answer
tables), form controls and their labels, and buttons with Material's ``data-search-exclude``, which its search
plugin honours and then removes from the page. Paragraphs, lists, definitions and code stay.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from candor.compiler.catalog import Catalog
from candor.compiler.search_terms import terms_by_page, words

FIELD = "terms"
_TAG = re.compile(r"<[^>]+>")
# Elements that never hold prose. None of them nests inside itself, which Material's exclusion needs (it ends an
# excluded element at the first closing tag of the same name). The value makes Material remove the attribute.
_NOT_PROSE = re.compile(r"<(table|button|select|label|legend)(?=[\s>])(?![^>]*\bdata-search-exclude\b)")


def leave_out_non_prose(html: str) -> str:
    """The page's HTML with tables, controls, labels and buttons marked for Material's search to skip."""
    return _NOT_PROSE.sub(lambda m: f'<{m.group(1)} data-search-exclude="not-prose"', html)


class SearchTermsError(ValueError):
    """The search index or the content does not allow the key terms to be added as intended."""


def _page_words(docs: list[dict[str, Any]], url: str) -> str:
    """Everything search indexes for a page, lower-cased, as plain text."""
    parts = [f"{d.get('title', '')} {d.get('text', '')}" for d in docs if str(d.get("location", "")).split("#")[0] == url]
    return html.unescape(_TAG.sub(" ", " ".join(parts))).lower()


def add_terms(index_json: str, catalog: Catalog) -> str:
    """The search index with each page's key terms in the ``terms`` field of its first entry."""
    index = json.loads(index_json)
    config, docs = index.get("config"), index.get("docs")
    if not isinstance(config, dict) or not isinstance(docs, list):
        raise SearchTermsError("search_index.json has no 'config' and 'docs': Material's index format has changed")
    if FIELD not in config.get("fields", {}):
        raise SearchTermsError(f"mkdocs.yml: the search plugin has no '{FIELD}' field (plugins: search: fields: {FIELD})")
    separator = re.compile(str(config.get("separator", r"[\s\-]+")))
    articles = {d.get("location"): d for d in docs if isinstance(d, dict) and "#" not in str(d.get("location", "#"))}
    pages = terms_by_page(catalog)
    for url, terms in pages.items():
        if url not in articles:
            raise SearchTermsError(f"no page at {url!r} in the search index (a theme or check page is missing)")
        for term in terms:
            if [w for w in separator.split(term.lower()) if w] != words(term):
                raise SearchTermsError(f"the search separator {separator.pattern!r} splits key term {term!r} differently")
        articles[url][FIELD] = terms
    for theme in catalog.themes:
        text = _page_words(docs, theme.url)
        for term in theme.key_terms:
            missing = [w for w in words(term) if not re.search(rf"(?<![a-z0-9]){re.escape(w)}", text)]
            if missing:
                raise SearchTermsError(
                    f"themes.yml: theme {theme.id!r} has key term {term!r}, but its page {theme.page} never uses "
                    f"{', '.join(repr(w) for w in missing)}: a search for it would lead to a page that does not explain it"
                )
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)


def add_terms_to_site(site_dir: Path, catalog: Catalog) -> None:
    """Rewrite the built site's search index with the key terms (after Material's plugin has written it)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        raise SearchTermsError(f"{path} was not written: is Material's search plugin enabled?")
    path.write_text(add_terms(path.read_text(encoding="utf-8"), catalog), encoding="utf-8")
