"""The learning model: word counts and module times at the rounding step and one past it, and module lookup."""

from __future__ import annotations

from candor.compiler.content_files import read_catalog
from candor.learning.path import Pace, count_words, module_minutes

from ..conftest import CONTENT

PACE = Pace(words_per_minute=200, seconds_per_question=60, round_to_minutes=5)


def test_count_words_leaves_out_what_a_reader_does_not_read() -> None:
    assert count_words("Read [PR-01](privacy.md#PR-01) now <!-- candor:form x --> { #a }") == 3
    assert count_words("<span class='x'>Don’t</span> e.g. re-use 3.5 things") == 5
    assert count_words("") == 0


def test_module_minutes_at_the_step_and_one_past_it() -> None:
    assert module_minutes(2000, 0, PACE) == 10  # exactly two steps of reading stays 10
    assert module_minutes(2001, 0, PACE) == 15  # one word past rounds up
    assert module_minutes(1000, 5, PACE) == 10  # 5 minutes reading + 5 questions of a minute each
    assert module_minutes(0, 0, PACE) == 5  # never under one step


def test_modules_by_id_and_pages() -> None:
    learning = read_catalog(CONTENT).learning
    assert learning is not None
    first = learning.modules[0]
    assert learning.module(first.id) is first
    assert learning.module("no-such-module") is None and learning.module(None) is None
    assert first.page == f"learn/{first.id}.md" and first.number == 1
    assert [p.scope for p in learning.checklist.parts] == ["campaign", "company"]
