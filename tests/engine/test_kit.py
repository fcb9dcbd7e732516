"""Kit templates: linked to the catalogue, CSV rows that fit their header, references expanded in the text."""

from __future__ import annotations

import csv
import io
from typing import Any

from candor.compiler.catalog import Catalog
from candor.model.kit import csv_text, expand_refs, parse_template, template_text


def raw_csv(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "register", "title": "Register", "summary": "S.", "when": ["launch"], "practices": ["AA-01"],
        "format": "csv", "columns": [{"name": "Tool", "meaning": "m"}, {"name": "Owner", "meaning": "m"}],
        "rows": [["Chat, assistant", "Ana \"A\""]], "notes": "See [[BB-01]] and [[check:prelaunch]].",
    }
    raw.update(changes)
    return raw


def parse(raw: dict[str, Any]) -> tuple[Any, list[str]]:
    return parse_template("kit/x.yml", raw, {"AA-01", "BB-01"}, {"profile-regions"}, {"prelaunch"})


def test_a_valid_template_has_no_problems_and_names_what_it_links() -> None:
    t, problems = parse(raw_csv())
    assert problems == []
    assert t.named_practices() == ["AA-01", "BB-01"]
    assert t.named_checks() == ["prelaunch"]
    assert (t.page, t.url, t.filename) == ("kit/register.md", "kit/register/", "candor-register.csv")


def test_a_row_with_one_cell_too_many_or_too_few_is_a_problem() -> None:
    _, problems = parse(raw_csv(rows=[["a", "b", "c"], ["a"], ["a", "b"]]))
    assert len(problems) == 2
    assert "row 1 has 3 cells for 2 columns" in problems[0] and "row 2 has 1 cells" in problems[1]
    assert all(p.startswith("kit/x.yml: template 'register'") for p in problems)


def test_unknown_links_and_repeated_columns_are_named() -> None:
    raw = raw_csv(notes="[[ZZ-99]] [[check:nope]]",
                  columns=[{"name": "Tool", "meaning": "m", "question": "no-such-q"}, {"name": "Tool", "meaning": "m"}])
    _, problems = parse(raw)
    text = "\n".join(problems)
    for needle in ("'ZZ-99'", "'nope'", "repeats a column", "'no-such-q'"):
        assert needle in text


def test_csv_text_quotes_cells_and_reads_back() -> None:
    t, _ = parse(raw_csv())
    text = template_text(t, str, str)
    assert text == csv_text(t)
    assert list(csv.reader(io.StringIO(text))) == [["Tool", "Owner"], ["Chat, assistant", "Ana \"A\""]]


def test_markdown_text_expands_references_and_ends_with_one_newline() -> None:
    t, problems = parse(raw_csv(format="markdown", columns=[], rows=[], body="\nUse [[AA-01]] then [[check:prelaunch]].\n\n"))
    assert problems == []
    assert template_text(t, lambda p: f"<{p}>", lambda c: f"{{{c}}}") == "Use <AA-01> then {prelaunch}.\n"
    assert t.filename.endswith(".md")


def test_only_well_formed_references_are_expanded() -> None:
    text = "[[aa-01]] [[AA-1]] [[check:Bad]] [AA-01]"
    assert expand_refs(text, lambda p: "X", lambda c: "Y") == text


def test_the_real_kit_links_only_known_practices(catalog: Catalog) -> None:
    assert catalog.templates
    for t in catalog.templates.values():
        assert set(t.named_practices()) <= set(catalog.practices), t.id
        assert set(t.named_checks()) <= set(catalog.checks) | set(catalog.tools), t.id
        if t.format == "csv":
            assert all(len(r) == len(t.columns) for r in t.rows), t.id
