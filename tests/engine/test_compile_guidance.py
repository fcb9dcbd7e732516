"""Compiling the guidance files: each mistake is reported with the file and the id, and the rest still compiles."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from candor.compiler.catalog import Problems
from candor.compiler.content_files import read_content
from candor.compiler.guidance import (
    checklist_problems,
    compile_glossary,
    compile_practices,
    compile_sources,
    compile_themes,
    uncited_sources,
)

from ..conftest import CONTENT

PARSED = read_content(CONTENT)
SCHEMAS = PARSED.schemas


def themes_doc(**change: Any) -> tuple[str, Any]:
    data = copy.deepcopy(PARSED.themes[1])
    data["themes"][1].update(change)
    return ("themes.yml", data)


def test_themes_with_a_repeated_id_or_prefix() -> None:
    out = Problems()
    first = PARSED.themes[1]["themes"][0]
    themes = compile_themes(themes_doc(id=first["id"], prefix=first["prefix"]), SCHEMAS, out)
    assert out.lines == [
        f"themes.yml: theme id {first['id']!r} is not unique",
        f"themes.yml: theme prefix {first['prefix']!r} is not unique",
    ]
    assert len(themes) == len(PARSED.themes[1]["themes"])


def test_an_invalid_themes_file_gives_no_themes_and_names_the_field() -> None:
    out = Problems()
    assert compile_themes(("themes.yml", {"themes": "none"}), SCHEMAS, out) == ()
    assert out.lines and all(line.startswith("themes.yml: ") for line in out.lines)


def test_sources_repeated_across_files_and_without_a_reviewed_month() -> None:
    name, data = PARSED.sources[0]
    again = copy.deepcopy(data)
    again.pop("reviewed", None)
    for s in again["sources"]:
        s.pop("reviewed", None)
    out = Problems()
    sources, files = compile_sources([(name, data), ("sources/copy.yml", again)], SCHEMAS, out)
    sid = data["sources"][0]["id"]
    assert f"sources/copy.yml: source id {sid!r} is not unique (also in {name})" in out.lines
    assert files[sid] == name and len(sources) == len(data["sources"])
    out = Problems()
    compile_sources([("sources/copy.yml", again)], SCHEMAS, out)
    assert f"sources/copy.yml: source {sid!r} has no reviewed month (on the source or the file)" in out.lines


def guidance() -> tuple[Any, ...]:
    out = Problems()
    themes = compile_themes(PARSED.themes, SCHEMAS, out)
    sources, source_files = compile_sources(PARSED.sources, SCHEMAS, out)
    assert out.lines == []
    return themes, sources, source_files


def test_a_practice_with_the_wrong_prefix_or_an_unknown_source() -> None:
    themes, sources, _ = guidance()
    name, data = copy.deepcopy(PARSED.practices[0])
    theme = next(t for t in themes if t.id == data["theme"])
    other = next(t for t in themes if t.id != theme.id)
    p = data["practices"][0]
    p["id"] = f"{other.prefix}-99"
    p["mappings"][0]["source"] = "no-such-source"
    out = Problems()
    practices, files = compile_practices([(name, data)], themes, sources, SCHEMAS, out)
    assert out.lines == [
        f"{name}: practice id '{other.prefix}-99' does not use its theme's prefix {theme.prefix!r}",
        f"{name}: practice {other.prefix}-99 maps to unknown source 'no-such-source'",
    ]
    assert files[f"{other.prefix}-99"] == name and practices[f"{other.prefix}-99"].url.endswith(f"#{other.prefix}-99")


def test_a_practice_file_for_an_unknown_theme() -> None:
    themes, sources, _ = guidance()
    name, data = copy.deepcopy(PARSED.practices[0])
    data["theme"] = "astrology"
    out = Problems()
    assert compile_practices([(name, data)], themes, sources, SCHEMAS, out) == ({}, {})
    assert out.lines == [f"{name}: unknown theme 'astrology'"]


def test_uncited_sources_and_checklist_lines() -> None:
    themes, sources, source_files = guidance()
    out = Problems()
    practices, files = compile_practices(PARSED.practices, themes, sources, SCHEMAS, out)
    assert uncited_sources(sources, source_files, practices) == []
    assert checklist_problems(practices, files) == []
    must = next(p for p in practices.values() if p.level == "must" and not p.deprecated)
    should = next(p for p in practices.values() if p.level == "should" and not p.deprecated)
    changed = {**practices, must.id: replace(must, checklist=None), should.id: replace(should, checklist=must.checklist)}
    assert checklist_problems(changed, files) == [
        f"{files[must.id]}: must practice {must.id} has no checklist line (checklist: {{line, scope}})",
        f"{files[should.id]}: practice {should.id} is a should practice but has a checklist line",
    ]
    cited = {m.source for p in practices.values() for m in p.mappings}
    once = [s for s in cited if not sources[s].background and sum(any(m.source == s for m in p.mappings) for p in practices.values()) == 1]
    only = sorted(once)[0]
    citing = next(p for p in practices.values() if any(m.source == only for m in p.mappings))
    rest = {pid: p for pid, p in practices.items() if pid != citing.id}
    found = uncited_sources(sources, source_files, rest)
    assert f"{source_files[only]}: source {only!r} is neither cited by a practice nor marked background: true" in found
    assert all(any(m.source in line for m in citing.mappings) for line in found)  # only the sources that practice cited


def test_glossary_repeats_and_unknown_practices() -> None:
    data = copy.deepcopy(PARSED.glossary[1])
    data["terms"].append({**data["terms"][0], "practices": ["ZZ-01"]})
    out = Problems()
    terms = compile_glossary(("glossary.yml", data), {}, SCHEMAS, out)
    term = data["terms"][0]["term"]
    assert f"glossary.yml: term {term!r} is not unique" in out.lines
    assert f"glossary.yml: term {term!r} links unknown practice 'ZZ-01'" in out.lines
    assert len(terms) == len(data["terms"])
