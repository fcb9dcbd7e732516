"""Team onboarding, the model: the learning path and the module knowledge checks, read and validated.

Everything is generated from ``content/learning.yml`` (the modules and the reading pace),
``content/quizzes/<id>.yml`` (the scenario questions) and the practice catalogue. The data is read and
validated once per build; any problem fails the build with the file and the id named, for example
``quizzes/foundations.yml: quiz 'foundations' question 'chatbot-persona': needs exactly one best option``.

Each module's time is computed here from the content: the words on its theme pages (the page's own text and
its generated practices) at the reading pace in ``learning.yml``, plus a fixed time per knowledge-check
question, rounded up. The pages are rendered by :mod:`sitebuild.learning_pages`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from candor.catalog import Catalog, PracticeLink
from candor.content_files import load_yaml
from candor.quiz import Quiz, QuizError, parse_quiz
from candor.schema_check import validate
from candor.storage_keys import LEARNING_KEY
from mkdocs.exceptions import PluginError

from .guidance import practices_markdown

LEARN = "learn"  # the docs folder of the onboarding pages: learn/index.md, learn/<module id>.md, ...
LEARNING_FILE = "learning.yml"
QUIZ_FOLDER = "quizzes"
T = TypeVar("T")
STORAGE_KEY = LEARNING_KEY  # published on each quiz element for quiz.mjs (documented on the progress page)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
# What a reader does not read in a page's Markdown, and what replaces it: comments (shortcodes), link
# targets, HTML tags and attribute lists such as { #PR-01 }.
_NOT_READ = (
    (re.compile(r"<!--.*?-->", re.S), " "),
    (re.compile(r"\]\([^)]*\)"), "]"),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"\{[^}\n]*\}"), " "),
)


class LearningError(PluginError, ValueError):
    """The onboarding content is invalid. ``problems`` holds one line per problem, naming the file and the id."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid onboarding content:\n  " + "\n  ".join(problems))
        self.problems = problems


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


def theme_words(catalog: Catalog, theme_id: str, docs: Path) -> int:
    """The words on a theme page: its own text plus the practices the build generates into it."""
    theme = next(t for t in catalog.themes if t.id == theme_id)
    page = docs / theme.page
    own = page.read_text(encoding="utf-8") if page.is_file() else ""
    return count_words(own) + count_words(practices_markdown(theme_id, catalog, theme.page))


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    summary: str
    minutes: int  # computed from the content: see :func:`module_minutes`
    words: int  # the words on its theme pages
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
    raw_quizzes: dict[str, Mapping[str, Any]]
    pace: Pace

    def module(self, module_id: str | None) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)


def _schema(content: Path, name: str) -> dict[str, Any]:
    return json.loads((content / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def _load_quizzes(catalog: Catalog, content: Path, problems: list[str]) -> tuple[dict[str, Quiz], dict[str, Mapping[str, Any]]]:
    schema = _schema(content, "quiz")
    links: dict[str, PracticeLink] = {pid: p.link for pid, p in catalog.practices.items() if not p.deprecated}
    quizzes: dict[str, Quiz] = {}
    raws: dict[str, Mapping[str, Any]] = {}
    for path in sorted((content / QUIZ_FOLDER).glob("*.yml")):
        name = f"{QUIZ_FOLDER}/{path.name}"
        try:
            raw = load_yaml(path)
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
            continue
        found = validate(raw, schema)
        if found:
            problems += [f"{name}: {p}" for p in found[:10]]
            continue
        if raw["id"] != path.stem:
            problems.append(f"{name}: quiz id {raw['id']!r} does not match its file name {path.stem!r}")
            continue
        unlinked = [
            f"{name}: question {q['id']!r} option {o['id']!r} links "
            f"{'deprecated' if o['practice'] in catalog.practices else 'unknown'} practice {o['practice']!r}"
            for q in raw["questions"] for o in q["options"] if o["practice"] not in links
        ]
        if unlinked:
            problems += unlinked
            continue
        try:
            quizzes[raw["id"]] = parse_quiz(raw, links)
        except QuizError as exc:
            problems.append(f"{name}: {exc}")
            continue
        raws[raw["id"]] = raw
    return quizzes, raws


def _check_module(m: Mapping[str, Any], catalog: Catalog, quizzes: Mapping[str, Quiz], where: str) -> list[str]:
    themes = {t.id for t in catalog.themes}
    problems = [f"{where} covers unknown theme {t!r}" for t in m["themes"] if t not in themes]
    for pid in m["practices"]:
        p = catalog.practices.get(pid)
        if p is None or p.deprecated:
            problems.append(f"{where} lists {'unknown' if p is None else 'deprecated'} practice {pid!r}")
        elif p.theme not in m["themes"]:
            problems.append(f"{where} lists practice {pid!r}, whose theme {p.theme!r} the module does not cover")
    problems += [f"{where} links unknown check {t['check']!r}" for t in m["try"] if t["check"] not in catalog.checks]
    if m["quiz"] not in quizzes:
        problems.append(f"{where} links unknown quiz {m['quiz']!r} (no valid {QUIZ_FOLDER}/{m['quiz']}.yml)")
    return problems


def _check_tempting(raws: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Each question's facilitator note names one of its own options, and not the best one."""
    problems = []
    for qid, raw in raws.items():
        for q in raw["questions"]:
            options = {o["id"]: o.get("best", False) for o in q["options"]}
            tempting = q["tempting"]["option"]
            if tempting not in options or options[tempting]:
                problems.append(
                    f"{QUIZ_FOLDER}/{qid}.yml: question {q['id']!r}: tempting option {tempting!r} "
                    f"is {'the best option' if options.get(tempting) else 'not one of its options'}"
                )
    return problems


def read_learning(catalog: Catalog, content: Path, docs: Path | None = None) -> Learning:
    """Read and validate the learning path and its quizzes; raise :class:`LearningError` naming file and id.

    ``docs`` is the docs folder whose theme pages set each module's reading time (default: next to ``content``)."""
    docs = docs if docs is not None else content.parent / "docs"
    problems: list[str] = []
    quizzes, raws = _load_quizzes(catalog, content, problems)
    problems += _check_tempting(raws)
    try:
        data = load_yaml(content / LEARNING_FILE)
    except (OSError, ValueError) as exc:
        raise LearningError([*problems, f"{LEARNING_FILE}: {exc}"]) from None
    found = validate(data, _schema(content, "learning"))
    if found:
        raise LearningError([*problems, *(f"{LEARNING_FILE}: {p}" for p in found[:10])])
    pace = Pace(**data["pace"])
    modules: list[Module] = []
    covered: dict[str, str] = {}
    quiz_owner: dict[str, str] = {}
    for number, m in enumerate(data["modules"], 1):
        where = f"{LEARNING_FILE}: module {m['id']!r}"
        if any(x.id == m["id"] for x in modules):
            problems.append(f"{where}: id is not unique")
        problems += _check_module(m, catalog, quizzes, where)
        for t in m["themes"]:
            if t in covered:
                problems.append(f"{where} covers theme {t!r}, already covered by module {covered[t]!r}")
            covered[t] = m["id"]
        if m["quiz"] in quiz_owner:
            problems.append(f"{where} uses quiz {m['quiz']!r}, already used by module {quiz_owner[m['quiz']]!r}")
        quiz_owner[m["quiz"]] = m["id"]
        words = sum(theme_words(catalog, t, docs) for t in m["themes"] if any(x.id == t for x in catalog.themes))
        questions = len(quizzes[m["quiz"]].questions) if m["quiz"] in quizzes else 0
        modules.append(
            Module(
                id=m["id"], number=number, title=m["title"], summary=m["summary"],
                minutes=module_minutes(words, questions, pace), words=words,
                objectives=tuple(m["objectives"]), themes=tuple(m["themes"]), practices=tuple(m["practices"]),
                try_it=tuple(TryIt(t["check"], t["why"]) for t in m["try"]), quiz=m["quiz"],
            )
        )
    problems += [
        f"{QUIZ_FOLDER}/{qid}.yml: quiz {qid!r} is not used by any module in {LEARNING_FILE}" for qid in quizzes if qid not in quiz_owner
    ]
    if problems:
        raise LearningError(problems)
    return Learning(data["title"], tuple(modules), quizzes, raws, pace)


def once_per_catalog(read: Callable[[Catalog, Path], T]) -> Callable[[Catalog, Path], T]:
    """``read(catalog, content)``, kept until the catalogue changes (the hooks re-read it on every rebuild)."""
    cache: dict[str, tuple[Catalog, T]] = {}

    def load(catalog: Catalog, content: Path) -> T:
        key = str(content)
        hit = cache.get(key)
        if hit is None or hit[0] is not catalog:
            cache[key] = (catalog, read(catalog, content))
        return cache[key][1]

    return load


def load_learning(catalog: Catalog, content: Path) -> Learning:
    """:func:`read_learning`, once per catalogue."""
    return _load_learning(catalog, content)


_load_learning = once_per_catalog(read_learning)


def quiz_bundles(catalog: Catalog, content: Path) -> dict[str, dict[str, Any]]:
    """One bundle per knowledge check for the browser: the quiz data and the practice links it needs."""
    learning = load_learning(catalog, content)
    bundles: dict[str, dict[str, Any]] = {}
    for m in learning.modules:
        quiz = learning.quizzes[m.quiz]
        bundles[m.quiz] = {
            "quiz": dict(learning.raw_quizzes[m.quiz]),
            "practices": {pid: {"id": link.id, "title": link.title, "url": link.url} for pid, link in quiz.links.items()},
        }
    return bundles
