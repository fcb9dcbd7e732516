"""Search key terms: which page site search should rank first for which words, compiled from the content.

Each theme names its key terms (``content/themes.yml``: ``key_terms``). Its guidance page and the check it points
to (``check``) carry them; every check or calculator page also carries its own id (``candor assess prelaunch``),
so a reader who knows the id finds the page. The site build hands these to the search index
(``sitebuild/search_terms.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from candor.compiler.catalog import Catalog, Theme

# A key term is one or more words separated by a space or a hyphen; site search splits on both.
_SPLIT = re.compile(r"[\s\-]+")


def words(term: str) -> list[str]:
    """The words site search indexes for a term, lower-cased."""
    return [w for w in _SPLIT.split(term.lower()) if w]


def key_term_problems(themes: Sequence[Theme], where: str = "themes.yml") -> list[str]:
    """Search matches the start of words, so a word that starts another theme's word would lead to both themes."""
    problems: list[str] = []
    owner: dict[str, str] = {}
    for theme in themes:
        for word in sorted({w for term in theme.key_terms for w in words(term)}):
            for other, other_theme in owner.items():
                if other_theme != theme.id and (other.startswith(word) or word.startswith(other)):
                    problems.append(
                        f"{where}: key term word {word!r} of theme {theme.id!r} and {other!r} of theme "
                        f"{other_theme!r} start alike, so a search for one finds both themes: keep each word to one theme"
                    )
            owner.setdefault(word, theme.id)
    return problems


def check_page(check_id: str) -> str:
    """Site URL of a check's or calculator's page (docs/checks/<id>.md)."""
    return f"checks/{check_id}/"


def terms_by_page(catalog: Catalog) -> dict[str, list[str]]:
    """Page URL -> the words it is ranked first for: a theme's page its key terms; a check's page its id and
    the key terms of every theme that points to it."""
    pages: dict[str, list[str]] = {}

    def add(url: str, terms: Iterable[str]) -> None:
        known = pages.setdefault(url, [])
        known.extend(t for t in terms if t not in known)

    for check_id in [*catalog.checks, *catalog.tools]:
        add(check_page(check_id), [check_id])
    for theme in catalog.themes:
        add(theme.url, theme.key_terms)
        add(check_page(theme.check), theme.key_terms)
    return pages
