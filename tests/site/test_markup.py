"""The built pages' own markup, as a screen reader and the Nu HTML checker read it: headings that never skip a level,
and Material's search dialog with an accessible name (overrides/main.html)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class _Outline(HTMLParser):
    """Heading levels in document order, and the attributes of each element with role="dialog"."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.dialogs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if ("role", "dialog") in attrs:
            self.dialogs.append(dict(attrs))


def outline(path: Path) -> _Outline:
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def skips(levels: list[int]) -> list[tuple[int, int]]:
    """Each (heading, next heading) pair where the next one goes down more than one level; the first must be h1."""
    return [(a, b) for a, b in zip([1, *levels], levels, strict=False) if b > a + 1]


def test_skips_finds_a_jump_and_accepts_any_climb_back() -> None:
    assert skips([1, 2, 3, 2, 3, 4, 1, 2]) == []
    assert skips([1, 2, 4]) == [(2, 4)]
    assert skips([2, 3]) == []
    assert skips([3]) == [(1, 3)]


def test_no_built_page_skips_a_heading_level(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40
    jumps = {p.relative_to(site_dir).as_posix(): found for p in pages if (found := skips(outline(p).levels))}
    assert not jumps, f"pages whose headings skip a level (h2 → h4): {jumps}"


def test_every_page_names_materials_search_dialog(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    unnamed = []
    for page in pages:
        dialogs = outline(page).dialogs
        search = [d for d in dialogs if d.get("data-md-component") == "search"]
        if len(search) != 1 or not (search[0].get("aria-label") or "").strip():
            unnamed.append(page.relative_to(site_dir).as_posix())
    assert not unnamed, f"pages whose search dialog has no accessible name: {unnamed}"
    assert 'aria-label="Search"' in (site_dir / "index.html").read_text(encoding="utf-8")
