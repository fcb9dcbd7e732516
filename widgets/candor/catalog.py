"""The guidance catalogue: themes, practices, sources, glossary and checks, validated together.

:func:`build_catalog` takes the parsed content files (with their file names, so every error can name the
file and the id) and the JSON Schemas, and returns a :class:`Catalog` or raises :class:`ContentError` listing
every problem found. It never opens a file: :mod:`candor.content_files` does that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .kit import Template, parse_templates
from .questionnaire import Questionnaire, QuestionnaireError, parse_questionnaire
from .schema_check import validate
from .timeline import Timeline, months_old, parse_timeline

Document = tuple[str, Any]  # (file name relative to the content folder, parsed data)


@dataclass(frozen=True)
class TemplateLink:
    """A kit template that helps meet a practice: its id, title and site-relative URL."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class PracticeLink:
    """What a result needs to point at a practice: its id, title, site-relative URL and kit templates."""

    id: str
    title: str
    url: str
    templates: tuple[TemplateLink, ...] = ()


@dataclass(frozen=True)
class SourceMapping:
    source: str
    relation: str
    locator: str | None = None


@dataclass(frozen=True)
class ChecklistLine:
    """One checkable action: ``scope`` is "campaign" (check for each launch) or "company" (a standing control)."""

    line: str
    scope: str


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
class Catalog:
    themes: tuple[Theme, ...]
    practices: dict[str, Practice]
    sources: dict[str, Source]
    glossary: tuple[Term, ...]
    checks: dict[str, Questionnaire] = field(default_factory=dict)
    tools: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    timeline: Timeline | None = None
    templates: dict[str, Template] = field(default_factory=dict)

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


def page_url(page: str) -> str:
    """Site-relative URL of a docs page, as MkDocs writes it with directory URLs."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass
class _Collector:
    problems: list[str] = field(default_factory=list)

    def schema(self, doc: Document, schema: Mapping[str, Any]) -> bool:
        name, data = doc
        found = validate(data, schema)
        self.problems += [f"{name}: {p}" for p in found[:10]]
        return not found


def build_catalog(
    themes: Document,
    practices: Sequence[Document],
    sources: Sequence[Document],
    glossary: Document,
    checks: Sequence[Document],
    schemas: Mapping[str, Mapping[str, Any]],
    tools: Sequence[Document] = (),
    timeline: Document | None = None,
    today: dt.date | None = None,
    kit: Sequence[Document] = (),
) -> Catalog:
    """Validate every content file and the links between them; return the catalogue.

    With ``today`` (the site build passes it), a practice reviewed longer ago than the timeline's limit is a problem."""
    out = _Collector()
    theme_list: list[Theme] = []
    if out.schema(themes, schemas["themes"]):
        for t in themes[1]["themes"]:
            if any(x.id == t["id"] for x in theme_list):
                out.problems.append(f"{themes[0]}: theme id {t['id']!r} is not unique")
            if any(x.prefix == t["prefix"] for x in theme_list):
                out.problems.append(f"{themes[0]}: theme prefix {t['prefix']!r} is not unique")
            theme_list.append(Theme(t["id"], t["prefix"], t["title"], t["summary"], t["page"], t["mistake"], t["check"]))
    by_theme = {t.id: t for t in theme_list}

    source_map: dict[str, Source] = {}
    source_file: dict[str, str] = {}
    for doc in sources:
        if not out.schema(doc, schemas["sources"]):
            continue
        for s in doc[1]["sources"]:
            if s["id"] in source_map:
                out.problems.append(f"{doc[0]}: source id {s['id']!r} is not unique (also in {source_file[s['id']]})")
                continue
            source_file[s["id"]] = doc[0]
            source_map[s["id"]] = Source(
                s["id"], s["title"], s["publisher"], s["date"], s["url"], s["kind"], s["family"],
                s["covers"], s["confidence"], s.get("confidence_note"), bool(s.get("background", False)),
                s.get("reviewed", doc[1].get("reviewed", "")),
            )
            if not source_map[s["id"]].reviewed:
                out.problems.append(f"{doc[0]}: source {s['id']!r} has no reviewed month (on the source or the file)")

    practice_map: dict[str, Practice] = {}
    practice_file: dict[str, str] = {}
    for doc in practices:
        if not out.schema(doc, schemas["practices"]):
            continue
        name, data = doc
        theme = by_theme.get(data["theme"])
        if theme is None:
            out.problems.append(f"{name}: unknown theme {data['theme']!r}")
            continue
        for p in data["practices"]:
            pid = p["id"]
            if pid in practice_map:
                out.problems.append(f"{name}: practice id {pid!r} is not unique")
                continue
            if not pid.startswith(theme.prefix + "-"):
                out.problems.append(f"{name}: practice id {pid!r} does not use its theme's prefix {theme.prefix!r}")
            for m in p["mappings"]:
                if m["source"] not in source_map:
                    out.problems.append(f"{name}: practice {pid} maps to unknown source {m['source']!r}")
            practice_map[pid] = Practice(
                id=pid, theme=theme.id, title=p["title"], rule=p["rule"], level=p["level"], why=p["why"],
                steps=tuple(p["steps"]), evidence=tuple(p["evidence"]), pitfalls=tuple(p["pitfalls"]),
                mappings=tuple(SourceMapping(m["source"], m["relation"], m.get("locator")) for m in p["mappings"]),
                url=f"{theme.url}#{pid}", deprecated=bool(p.get("deprecated", False)), example=p.get("example"),
                reviewed=p.get("reviewed", data.get("reviewed", "")),
                checklist=ChecklistLine(p["checklist"]["line"], p["checklist"]["scope"]) if "checklist" in p else None,
            )
            practice_file[pid] = name
            if not practice_map[pid].reviewed:
                out.problems.append(f"{name}: practice {pid} has no reviewed month (on the practice or the file)")

    cited = {m.source for p in practice_map.values() for m in p.mappings}
    for sid, s in source_map.items():
        if sid not in cited and not s.background:
            out.problems.append(f"{source_file[sid]}: source {sid!r} is neither cited by a practice nor marked background: true")

    terms: list[Term] = []
    if out.schema(glossary, schemas["glossary"]):
        for t in glossary[1]["terms"]:
            if any(x.term == t["term"] for x in terms):
                out.problems.append(f"{glossary[0]}: term {t['term']!r} is not unique")
            for pid in t.get("practices", []):
                if pid not in practice_map:
                    out.problems.append(f"{glossary[0]}: term {t['term']!r} links unknown practice {pid!r}")
            terms.append(Term(t["term"], t["definition"], t.get("expansion"), tuple(t.get("practices", []))))

    check_map: dict[str, Questionnaire] = {}
    for doc in checks:
        if not out.schema(doc, schemas["check"]):
            continue
        try:
            parsed = parse_questionnaire(doc[1], set(practice_map))
        except QuestionnaireError as exc:
            out.problems.append(f"{doc[0]}: {exc}")
            continue
        if parsed.id in check_map:
            out.problems.append(f"{doc[0]}: check id {parsed.id!r} is not unique")
        check_map[parsed.id] = parsed

    tool_map: dict[str, Mapping[str, Any]] = {}
    for doc in tools:
        if not out.schema(doc, schemas["tool"]):
            continue
        unknown = [p for p in [*doc[1]["practices"], *(e["practice"] for e in doc[1].get("examples", []))] if p not in practice_map]
        if unknown:
            out.problems.append(f"{doc[0]}: tool {doc[1]['id']!r} links unknown practice id(s): {', '.join(unknown)}")
        decisions = {d["id"] for d in doc[1]["decisions"]}
        out.problems += [f"{doc[0]}: example for {e['practice']} uses unknown decision {e['decision']!r}"
                         for e in doc[1].get("examples", []) if e["decision"] not in decisions]
        if doc[1]["id"] in tool_map or doc[1]["id"] in check_map:
            out.problems.append(f"{doc[0]}: id {doc[1]['id']!r} is not unique among checks and tools")
        tool_map[doc[1]["id"]] = doc[1]

    parsed_timeline = None
    if timeline is not None and out.schema(timeline, schemas["timeline"]):
        parsed_timeline, found = parse_timeline(timeline[1], practice_map, source_map, check_map)
        out.problems += [f"{timeline[0]}: {p}" for p in found]
        if parsed_timeline is not None and today is not None:
            limit = parsed_timeline.max_age_months
            out.problems += [
                f"{practice_file[pid]}: practice {pid} was last reviewed {p.reviewed}, more than {limit} months "
                f"before {today:%B %Y} (review it and update `reviewed`, or raise review.max_age_months in {timeline[0]})"
                for pid, p in practice_map.items()
                if not p.deprecated and p.reviewed and months_old(p.reviewed, today) > limit
            ]


    out.problems += [
        f"{themes[0]}: theme {t.id!r} names unknown check {t.check!r}" for t in theme_list if t.check not in {*check_map, *tool_map}
    ]
    valid_kit = [doc for doc in kit if out.schema(doc, schemas["kit"])]
    prelaunch = check_map.get("prelaunch")
    template_map, kit_problems = parse_templates(
        valid_kit, set(practice_map), {q.id for q in prelaunch.questions} if prelaunch else set(), {*check_map, *tool_map}
    )
    out.problems += kit_problems

    if out.problems:
        raise ContentError(out.problems)
    return Catalog(
        tuple(theme_list), practice_map, source_map, tuple(terms), check_map, tool_map, parsed_timeline, template_map
    )
