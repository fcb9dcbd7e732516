"""Compiling the guidance: themes, sources, practices and the glossary, each file checked against its schema
and against the others (unique ids, known themes and sources, reviewed months, checklist lines).

Part of :mod:`candor.compiler.compile`; every problem goes to a :class:`~candor.compiler.catalog.Problems` naming file and id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from candor.compiler.catalog import ChecklistLine, Document, Practice, Problems, Source, SourceMapping, Term, Theme
from candor.compiler.search_terms import key_term_problems

Schemas = Mapping[str, Mapping[str, Any]]


def compile_themes(doc: Document, schemas: Schemas, out: Problems) -> tuple[Theme, ...]:
    if not out.schema(doc, schemas["themes"]):
        return ()
    name, data = doc
    themes: list[Theme] = []
    for t in data["themes"]:
        if any(x.id == t["id"] for x in themes):
            out.add(f"{name}: theme id {t['id']!r} is not unique")
        if any(x.prefix == t["prefix"] for x in themes):
            out.add(f"{name}: theme prefix {t['prefix']!r} is not unique")
        themes.append(Theme(t["id"], t["prefix"], t["title"], t["summary"], t["page"], t["mistake"], t["check"],
                            tuple(t["key_terms"])))
    out.extend(key_term_problems(themes, name))
    return tuple(themes)


def _source(s: Mapping[str, Any], file_reviewed: str) -> Source:
    return Source(
        s["id"], s["title"], s["publisher"], s["date"], s["url"], s["kind"], s["family"],
        s["covers"], s["confidence"], s.get("confidence_note"), bool(s.get("background", False)),
        s.get("reviewed", file_reviewed),
    )


def compile_sources(docs: Sequence[Document], schemas: Schemas, out: Problems) -> tuple[dict[str, Source], dict[str, str]]:
    """The sources by id, and the file each came from."""
    sources: dict[str, Source] = {}
    files: dict[str, str] = {}
    for doc in docs:
        if not out.schema(doc, schemas["sources"]):
            continue
        name, data = doc
        for s in data["sources"]:
            if s["id"] in sources:
                out.add(f"{name}: source id {s['id']!r} is not unique (also in {files[s['id']]})")
                continue
            files[s["id"]] = name
            sources[s["id"]] = _source(s, data.get("reviewed", ""))
            if not sources[s["id"]].reviewed:
                out.add(f"{name}: source {s['id']!r} has no reviewed month (on the source or the file)")
    return sources, files


def _practice(p: Mapping[str, Any], theme: Theme, file_reviewed: str) -> Practice:
    return Practice(
        id=p["id"], theme=theme.id, title=p["title"], rule=p["rule"], level=p["level"], why=p["why"],
        steps=tuple(p["steps"]), evidence=tuple(p["evidence"]), pitfalls=tuple(p["pitfalls"]),
        mappings=tuple(SourceMapping(m["source"], m["relation"], m.get("locator")) for m in p["mappings"]),
        url=f"{theme.url}#{p['id']}", deprecated=bool(p.get("deprecated", False)), example=p.get("example"),
        reviewed=p.get("reviewed", file_reviewed),
        checklist=ChecklistLine(p["checklist"]["line"], p["checklist"]["scope"], tuple(p["checklist"].get("also", ())))
        if "checklist" in p else None,
    )


def _practice_problems(name: str, p: Mapping[str, Any], theme: Theme, sources: Mapping[str, Source]) -> list[str]:
    pid = p["id"]
    found = [f"{name}: practice {pid} maps to unknown source {m['source']!r}" for m in p["mappings"] if m["source"] not in sources]
    if not pid.startswith(theme.prefix + "-"):
        found.insert(0, f"{name}: practice id {pid!r} does not use its theme's prefix {theme.prefix!r}")
    return found


def compile_practices(
    docs: Sequence[Document], themes: Sequence[Theme], sources: Mapping[str, Source], schemas: Schemas, out: Problems
) -> tuple[dict[str, Practice], dict[str, str]]:
    """The practices by id, and the file each came from."""
    by_theme = {t.id: t for t in themes}
    practices: dict[str, Practice] = {}
    files: dict[str, str] = {}
    for doc in docs:
        if not out.schema(doc, schemas["practices"]):
            continue
        name, data = doc
        theme = by_theme.get(data["theme"])
        if theme is None:
            out.add(f"{name}: unknown theme {data['theme']!r}")
            continue
        for p in data["practices"]:
            if p["id"] in practices:
                out.add(f"{name}: practice id {p['id']!r} is not unique")
                continue
            out.extend(_practice_problems(name, p, theme, sources))
            practices[p["id"]] = _practice(p, theme, data.get("reviewed", ""))
            files[p["id"]] = name
            if not practices[p["id"]].reviewed:
                out.add(f"{name}: practice {p['id']} has no reviewed month (on the practice or the file)")
    return practices, files


def uncited_sources(sources: Mapping[str, Source], files: Mapping[str, str], practices: Mapping[str, Practice]) -> list[str]:
    cited = {m.source for p in practices.values() for m in p.mappings}
    return [
        f"{files[sid]}: source {sid!r} is neither cited by a practice nor marked background: true"
        for sid, s in sources.items() if sid not in cited and not s.background
    ]


def checklist_problems(practices: Mapping[str, Practice], files: Mapping[str, str]) -> list[str]:
    """Practices whose checklist line is missing (a live must) or out of place (a should, or deprecated)."""
    problems = []
    for p in practices.values():
        live_must = p.live_must
        if live_must and p.checklist is None:
            problems.append(f"{files[p.id]}: must practice {p.id} has no checklist line (checklist: {{line, scope}})")
        elif not live_must and p.checklist is not None:
            why = "deprecated" if p.deprecated else "a should"
            problems.append(f"{files[p.id]}: practice {p.id} is {why} practice but has a checklist line")
    return problems


def compile_glossary(doc: Document, practices: Mapping[str, Practice], schemas: Schemas, out: Problems) -> tuple[Term, ...]:
    if not out.schema(doc, schemas["glossary"]):
        return ()
    name, data = doc
    terms: list[Term] = []
    for t in data["terms"]:
        if any(x.term == t["term"] for x in terms):
            out.add(f"{name}: term {t['term']!r} is not unique")
        out.extend([f"{name}: term {t['term']!r} links unknown practice {pid!r}" for pid in t.get("practices", []) if pid not in practices])
        terms.append(Term(t["term"], t["definition"], t.get("expansion"), tuple(t.get("practices", []))))
    return tuple(terms)
