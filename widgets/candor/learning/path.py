"""Team onboarding, the model: the learning path, its modules, their knowledge checks and the checklist texts.

:func:`candor.compiler.learning.compile_learning` makes a :class:`Learning` from ``content/learning.yml`` and
``content/quizzes/<id>.yml``. How long a module takes depends on the words on its theme pages, which the site
renders: :func:`count_words` and :func:`module_minutes` do the arithmetic, the site build supplies the words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from candor.learning.quiz import Quiz

LEARN = "learn"  # the docs folder of the onboarding pages: learn/index.md, learn/<module id>.md, ...
LEARNING_FILE = "learning.yml"
QUIZ_FOLDER = "quizzes"
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
# What a reader does not read in a page's Markdown, and what replaces it: comments (shortcodes), link
# targets, HTML tags and attribute lists such as { #PR-01 }.
_NOT_READ = (
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"\]\([^)]*\)"), "]"),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"\{[^}\n]*\}"), " "),
)


@dataclass(frozen=True)
class TryIt:
    check: str
    why: str


@dataclass(frozen=True)
class Pace:
    """How long the path takes, from ``learning.yml``: reading speed, time per question, rounding."""

    words_per_minute: int
    seconds_per_question: int
    round_to_minutes: int


@dataclass(frozen=True)
class ChecklistPart:
    """The title and introduction of one part of the pre-launch checklist ("campaign" or "company")."""

    scope: str
    title: str
    intro: str


@dataclass(frozen=True)
class ChecklistTexts:
    title: str
    intro: str
    parts: tuple[ChecklistPart, ...]  # in print order: campaign, then company


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    summary: str
    objectives: tuple[str, ...]
    themes: tuple[str, ...]
    practices: tuple[str, ...]
    try_it: tuple[TryIt, ...]
    quiz: str

    @property
    def page(self) -> str:
        return f"{LEARN}/{self.id}.md"


@dataclass(frozen=True)
class Learning:
    title: str
    modules: tuple[Module, ...]
    quizzes: dict[str, Quiz]
    raw_quizzes: dict[str, Mapping[str, Any]]  # as the browser bundles carry them (see candor.compiler.bundle)
    pace: Pace
    checklist: ChecklistTexts

    def module(self, module_id: str | None) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)


def count_words(markdown: str) -> int:
    """Words a reader reads in a page's Markdown: comments, link targets, tags and attribute lists left out."""
    for pattern, replacement in _NOT_READ:
        markdown = pattern.sub(replacement, markdown)
    return len(_WORD.findall(markdown))


def module_minutes(words: int, questions: int, pace: Pace) -> int:
    """Reading time plus knowledge-check time, rounded up to the pace's step (never under one step)."""
    raw = words / pace.words_per_minute + questions * pace.seconds_per_question / 60
    step = pace.round_to_minutes
    return max(step, math.ceil(raw / step) * step)
