"""Contents entries for build-written HTML marked with data-candor-toc (a check's result panel)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)
from sitebuild.toc_marks import add_entries


@dataclass
class Entry:
    title: str
    id: str
    level: int
    children: list[Entry] = field(default_factory=list)


PAGE = (
    '<h1 id="check">Check</h1><h2 id="before">Before</h2>'
    '<section class="candor-result" id="candor-x-result" data-candor-toc="Result &amp; more" hidden></section>'
    '<h2 id="use-it-in-ci">Use it in CI</h2>'
)


def test_the_entry_goes_under_the_title_in_page_order() -> None:
    toc = [Entry("Check", "check", 1, [Entry("Before", "before", 2), Entry("Use it in CI", "use-it-in-ci", 2)])]
    add_entries(toc, PAGE, Entry)
    assert [(e.title, e.id, e.level) for e in toc[0].children] == [
        ("Before", "before", 2), ("Result &amp; more", "candor-x-result", 2), ("Use it in CI", "use-it-in-ci", 2)]


def test_a_page_without_headings_after_the_mark_gets_it_last_and_only_once() -> None:
    toc = [Entry("Check", "check", 1, [Entry("Before", "before", 2)])]
    add_entries(toc, PAGE, Entry)
    add_entries(toc, PAGE, Entry)
    assert [e.id for e in toc[0].children] == ["before", "candor-x-result"]


def test_an_unmarked_page_is_left_alone() -> None:
    toc = [Entry("Page", "page", 1, [Entry("A", "a", 2)])]
    add_entries(toc, '<h1 id="page">Page</h1><h2 id="a">A</h2><section id="candor-x-result" hidden></section>', Entry)
    assert [e.id for e in toc[0].children] == ["a"]
