"""The content compiler: every content file, parsed and checked through one schema registry, into one Catalog.

:func:`compile_catalog` takes the parsed content files (each with its file name, so every problem can name
the file and the id) and the JSON Schemas by name, and returns a :class:`~candor.compiler.catalog.Catalog` or raises
:class:`~candor.compiler.catalog.ContentError` listing every problem found. It never opens a file:
:mod:`candor.compiler.content_files` reads the folder. The site build, the CLI (``candor validate``) and the tests all
compile the content through here; :func:`candor.compiler.bundle.browser_bundles` then makes every browser bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from candor.compiler.bank import bank_schema, read_bank, resolve_check, unused
from candor.compiler.catalog import Catalog, ContentError, Difference, Document, Practice, Problems, Source, Theme
from candor.compiler.facilitator import compile_facilitator
from candor.compiler.guidance import (
    checklist_problems,
    compile_glossary,
    compile_practices,
    compile_sources,
    compile_themes,
    uncited_sources,
)
from candor.compiler.learning import compile_learning, compile_quizzes
from candor.model.kit import parse_templates
from candor.model.questionnaire import Questionnaire, QuestionnaireError, parse_questionnaire
from candor.model.timeline import Timeline, months_old, parse_timeline

# The schema registry: content/schema/<name>.schema.json, one for every kind of content file.
SCHEMAS = (
    "themes", "practices", "sources", "glossary", "check", "answers", "tool", "timeline", "kit", "quiz", "learning",
    "facilitator",
)


@dataclass(frozen=True)
class Content:
    """The parsed content folder: each file as (name relative to the folder, data), and the schemas by name."""

    themes: Document
    practices: Sequence[Document]
    sources: Sequence[Document]
    glossary: Document
    schemas: Mapping[str, Mapping[str, Any]]
    checks: Sequence[Document] = ()
    tools: Sequence[Document] = ()
    timeline: Document | None = None
    kit: Sequence[Document] = ()
    quizzes: Sequence[Document] = ()
    learning: Document | None = None
    facilitator: Document | None = None
    bank: Sequence[Document] = ()


def resolve_checks(content: Content, out: Problems, practices: set[str] | None = None) -> tuple[dict[str, Any], list[Difference]]:
    """Every check view resolved against the question bank (:mod:`candor.compiler.bank`), by file name, with the
    differences the views declare; problems (file and id) go to ``out``."""
    valid_bank = [doc for doc in content.bank if out.schema(doc, bank_schema(content.schemas["check"]))]
    bank, found = read_bank(valid_bank)
    out.extend(found)
    if practices is not None:
        out.extend([f"{bank.files[qid]}: question {qid!r} links unknown practice id(s): {', '.join(unknown)}"
                    for qid, raw in bank.questions.items() if (unknown := [p for p in raw.get("practices", []) if p not in practices])])
    views = {name: data for name, data in content.checks if out.schema((name, data), content.schemas["check"])}
    resolved: dict[str, Any] = {}
    differences: list[Difference] = []
    for name, view in views.items():
        check, declared, found = resolve_check(name, view, bank)
        out.extend(found)
        differences += declared
        if not found:
            resolved[name] = check
    if len(valid_bank) == len(content.bank):
        out.extend(unused(bank, views))
    return resolved, differences


def _checks(docs: Mapping[str, Any], practices: set[str], out: Problems) -> dict[str, tuple[Questionnaire, Any]]:
    """The checks by id, each with its (resolved) data as the browser bundles carry it."""
    checks: dict[str, tuple[Questionnaire, Any]] = {}
    for name, data in docs.items():
        try:
            parsed = parse_questionnaire(data, practices)
        except QuestionnaireError as exc:
            out.add(f"{name}: {exc}")
            continue
        if parsed.id in checks:
            out.add(f"{name}: check id {parsed.id!r} is not unique")
        checks[parsed.id] = (parsed, data)
    return checks


def _tools(docs: Sequence[Document], practices: Mapping[str, Practice], checks: Mapping[str, Any], content: Content,
           out: Problems) -> dict[str, Mapping[str, Any]]:
    tools: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        if not out.schema(doc, content.schemas["tool"]):
            continue
        name, data = doc
        linked = [*data["practices"], *(e["practice"] for e in data.get("examples", []))]
        unknown = [p for p in linked if p not in practices]
        if unknown:
            out.add(f"{name}: tool {data['id']!r} links unknown practice id(s): {', '.join(unknown)}")
        decisions = {d["id"] for d in data["decisions"]}
        out.extend([f"{name}: example for {e['practice']} uses unknown decision {e['decision']!r}"
                    for e in data.get("examples", []) if e["decision"] not in decisions])
        if data["id"] in tools or data["id"] in checks:
            out.add(f"{name}: id {data['id']!r} is not unique among checks and tools")
        tools[data["id"]] = data
    return tools


def _timeline(content: Content, catalog: Catalog, files: Mapping[str, str], today: dt.date | None, out: Problems) -> Timeline | None:
    """The timeline; with ``today``, a live practice reviewed longer ago than its limit is a problem."""
    doc = content.timeline
    if doc is None or not out.schema(doc, content.schemas["timeline"]):
        return None
    timeline, found = parse_timeline(doc[1], catalog.practices, catalog.sources, catalog.checks)
    out.extend([f"{doc[0]}: {p}" for p in found])
    if timeline is None or today is None:
        return timeline
    limit = timeline.max_age_months
    out.extend([
        f"{files[pid]}: practice {pid} was last reviewed {p.reviewed}, more than {limit} months "
        f"before {today:%B %Y} (review it and update `reviewed`, or raise review.max_age_months in {doc[0]})"
        for pid, p in catalog.practices.items()
        if not p.deprecated and p.reviewed and months_old(p.reviewed, today) > limit
    ])
    return timeline


def _guidance(content: Content, out: Problems) -> tuple[Catalog, dict[str, str]]:
    """Themes, sources, practices and glossary; and the file each practice came from."""
    themes: tuple[Theme, ...] = compile_themes(content.themes, content.schemas, out)
    sources: dict[str, Source]
    sources, source_files = compile_sources(content.sources, content.schemas, out)
    practices, practice_files = compile_practices(content.practices, themes, sources, content.schemas, out)
    out.extend(uncited_sources(sources, source_files, practices))
    out.extend(checklist_problems(practices, practice_files))
    glossary = compile_glossary(content.glossary, practices, content.schemas, out)
    return Catalog(themes, practices, sources, glossary, answers_schema=content.schemas["answers"]), practice_files


def _kit(content: Content, catalog: Catalog, out: Problems) -> Catalog:
    valid = [doc for doc in content.kit if out.schema(doc, content.schemas["kit"])]
    prelaunch = catalog.checks.get("prelaunch")
    templates, found = parse_templates(
        valid, set(catalog.practices), {q.id for q in prelaunch.questions} if prelaunch else set(), {*catalog.checks, *catalog.tools}
    )
    out.extend(found)
    return replace(catalog, templates=templates)


def _learning(content: Content, catalog: Catalog, out: Problems) -> Catalog:
    quizzes = compile_quizzes(content.quizzes, catalog.practices, content.schemas, out)
    known = ({t.id for t in catalog.themes}, catalog.practices, set(catalog.checks))
    return replace(catalog, learning=compile_learning(content.learning, quizzes, known, content.schemas, out))


def compile_catalog(content: Content, today: dt.date | None = None) -> Catalog:
    """Validate every content file and the links between them; return the catalogue.

    With ``today`` (the site build passes it), a practice reviewed longer ago than the timeline's limit is a problem."""
    out = Problems()
    catalog, practice_files = _guidance(content, out)
    resolved, differences = resolve_checks(content, out, set(catalog.practices))
    checks = _checks(resolved, set(catalog.practices), out)
    catalog = replace(catalog, checks={c: q for c, (q, _) in checks.items()}, raw_checks={c: raw for c, (_, raw) in checks.items()},
                      differences=tuple(differences))
    catalog = replace(catalog, tools=_tools(content.tools, catalog.practices, catalog.checks, content, out))
    catalog = replace(catalog, timeline=_timeline(content, catalog, practice_files, today, out))
    known = {*catalog.checks, *catalog.tools}
    out.extend([f"{content.themes[0]}: theme {t.id!r} names unknown check {t.check!r}" for t in catalog.themes if t.check not in known])
    catalog = _learning(content, _kit(content, catalog, out), out)
    if out.lines:  # the facilitator kit is scored with the engine: only on content that is otherwise valid
        raise ContentError(out.lines)
    catalog = replace(catalog, facilitator=compile_facilitator(content.facilitator, catalog, content.schemas["facilitator"], out))
    if out.lines:
        raise ContentError(out.lines)
    return catalog
