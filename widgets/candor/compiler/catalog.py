"""The content catalogue, as typed objects: themes, practices, sources, glossary, checks, tools, the timeline,
the kit, the learning path with its quizzes, and the facilitator kit.

:func:`candor.compiler.compile.compile_catalog` makes a :class:`Catalog` from the parsed content files (or raises
:class:`ContentError` listing every problem, each naming the file and the id). Nothing here opens a file:
:mod:`candor.compiler.content_files` does that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from candor.model.links import PracticeLink, TemplateLink, page_url
from candor.util.schema_check import validate

if TYPE_CHECKING:  # the catalogue holds these; their modules import this one
    from candor.learning.path import Learning
    from candor.model.facilitator import FacilitatorKit
    from candor.model.kit import Template
    from candor.model.questionnaire import Questionnaire
    from candor.model.timeline import Timeline

Document = tuple[str, Any]  # (file name relative to the content folder, parsed data)


@dataclass(frozen=True)
class SourceMapping:
    source: str
    relation: str
    locator: str | None = None


@dataclass(frozen=True)
class ChecklistLine:
    """A practice's checkable actions: ``scope`` is "campaign" (check for each launch) or "company" (a standing
    control); ``also`` holds a line for each further action of a practice that bundles several."""

    line: str
    scope: str
    also: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        return (self.line, *self.also)


@dataclass(frozen=True)
class Practice:
    id: str
    theme: str
    title: str
    rule: str
    level: str
    why: str
    steps: tuple[str, ...]
    evidence: tuple[str, ...]
    pitfalls: tuple[str, ...]
    mappings: tuple[SourceMapping, ...]
    url: str
    deprecated: bool = False
    reviewed: str = ""
    checklist: ChecklistLine | None = None  # the practice's one line on the pre-launch checklist, if it has one
    example: str | None = None

    @property
    def link(self) -> PracticeLink:
        return PracticeLink(self.id, self.title, self.url)

    @property
    def live_must(self) -> bool:
        """A must that is in force (not deprecated): the one rule for what the checklist, a theme's list of musts,
        the guidance's must markers and the facilitator kit count as a must."""
        return self.level == "must" and not self.deprecated


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    kind: str
    family: str
    covers: str
    confidence: str
    confidence_note: str | None
    background: bool
    reviewed: str = ""


@dataclass(frozen=True)
class Theme:
    id: str
    prefix: str
    title: str
    summary: str
    page: str
    mistake: str = ""
    check: str = ""
    key_terms: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return page_url(self.page)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    expansion: str | None
    practices: tuple[str, ...]


@dataclass(frozen=True)
class Difference:
    """One declared difference: in ``check``, the answers ``flags`` (option id to level, or 'none') of ``question``."""

    check: str
    question: str
    reason: str
    flags: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Catalog:
    """Every content kind, parsed and cross-checked. ``raw_checks`` and ``answers_schema`` are the data the
    browser bundles carry as they are (see :mod:`candor.compiler.bundle`)."""

    themes: tuple[Theme, ...]
    practices: dict[str, Practice]
    sources: dict[str, Source]
    glossary: tuple[Term, ...]
    checks: dict[str, Questionnaire] = field(default_factory=dict)
    tools: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    timeline: Timeline | None = None
    templates: dict[str, Template] = field(default_factory=dict)
    raw_checks: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    answers_schema: Mapping[str, Any] = field(default_factory=dict)
    learning: Learning | None = None
    facilitator: FacilitatorKit | None = None
    differences: tuple[Difference, ...] = ()  # where a check judges a bank question's answers differently (declared)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def templates_for(self, practice_id: str) -> tuple[TemplateLink, ...]:
        return tuple(TemplateLink(t.id, t.title, t.url) for t in self.templates.values() if practice_id in t.practices)

    def links(self) -> dict[str, PracticeLink]:
        return {pid: PracticeLink(p.id, p.title, p.url, self.templates_for(pid)) for pid, p in self.practices.items()}

    def practices_of(self, theme_id: str) -> list[Practice]:
        return [p for p in self.practices.values() if p.theme == theme_id]

    def citing(self, source_id: str) -> list[Practice]:
        return [p for p in self.practices.values() if any(m.source == source_id for m in p.mappings)]


class ContentError(ValueError):
    """Content data failed validation. ``problems`` holds one line per problem, each naming file and id."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("invalid content:\n  " + "\n  ".join(problems))
        self.problems = list(problems)


@dataclass
class Problems:
    """Collects content problems, each line naming the file (and, where there is one, the id)."""

    lines: list[str] = field(default_factory=list)

    def schema(self, doc: Document, schema: Mapping[str, Any]) -> bool:
        """Validate one file against its schema; report at most ten problems; True when it is valid."""
        name, data = doc
        found = validate(data, schema)
        self.lines += [f"{name}: {p}" for p in found[:10]]
        return not found

    def add(self, line: str) -> None:
        self.lines.append(line)

    def extend(self, lines: Sequence[str]) -> None:
        self.lines += lines
