"""Table-of-contents entries for parts of a page the build writes as HTML (the result panel of a check).

Markdown's toc extension only sees Markdown headings; an element the build marks with ``data-candor-toc="Title"``
gets an entry too, at its place in the page's order, so the reader can jump to it from the contents.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import Any

MARK = re.compile(r'<[a-z][a-z0-9]*\b[^>]*?\bid="([^"]+)"[^>]*?\bdata-candor-toc="([^"]+)"')


def marked(page_html: str) -> list[tuple[str, str, int]]:
    """(anchor id, title, position) of every marked element, in page order."""
    return [(m.group(1), html_lib.unescape(m.group(2)), m.start()) for m in MARK.finditer(page_html)]


def add_entries(toc: list[Any], page_html: str, make: Callable[[str, str, int], Any]) -> None:
    """Insert an entry for each marked element into ``toc`` (a list of entries with ``id`` and ``children``).

    Under a page title (one top-level entry) the entries go among its children, as section headings do."""
    entries = toc[0].children if len(toc) == 1 and toc[0].level == 1 else toc
    level = 2 if entries is not toc else 1
    for anchor, title, where in marked(page_html):
        if any(e.id == anchor for e in entries):
            continue
        after = [i for i, e in enumerate(entries) if 0 <= page_html.find(f'id="{e.id}"') > where]
        entries.insert(after[0] if after else len(entries), make(esc_title(title), anchor, level))


def esc_title(title: str) -> str:
    return html_lib.escape(title, quote=False)
