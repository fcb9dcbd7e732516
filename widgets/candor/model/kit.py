"""The kit: copy-ready templates (labels, scripts, registers, logs) that help teams meet the practices.

Each template is one file under ``content/kit/``. :func:`parse_templates` validates them against the catalogue
(every practice named exists, every CSV row fits the header, every pre-launch question named exists);
:func:`template_text` writes the text people download or copy, with ``[[TR-01]]`` expanded into practice links.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PRACTICE_REF = re.compile(r"\[\[([A-Z]{2}-[0-9]{2})\]\]")
CHECK_REF = re.compile(r"\[\[check:([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")
KIT_PAGE = "kit/{id}.md"  # the generated page of each template (docs-relative source path)
EXTENSIONS = {"markdown": "md", "csv": "csv"}


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    values: str | None
    question: str | None


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    summary: str
    when: tuple[str, ...]
    practices: tuple[str, ...]
    format: str
    body: str | None
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: str | None

    @property
    def page(self) -> str:
        return KIT_PAGE.format(id=self.id)

    @property
    def url(self) -> str:
        return f"kit/{self.id}/"

    @property
    def filename(self) -> str:
        return f"candor-{self.id}.{EXTENSIONS[self.format]}"

    def named_practices(self) -> list[str]:
        """Every practice the template names: those it satisfies and those its text links, in order."""
        seen = dict.fromkeys(self.practices)
        for text in (self.body or "", self.notes or ""):
            seen.update(dict.fromkeys(PRACTICE_REF.findall(text)))
        return list(seen)

    def named_checks(self) -> list[str]:
        return list(dict.fromkeys(c for text in (self.body or "", self.notes or "") for c in CHECK_REF.findall(text)))


def parse_template(
    name: str, raw: Mapping[str, Any], practice_ids: set[str], questions: set[str], check_ids: set[str]
) -> tuple[Template, list[str]]:
    """The template in ``raw`` (already schema-valid) and the problems found linking it to the catalogue."""
    columns = tuple(Column(c["name"], c["meaning"], c.get("values"), c.get("question")) for c in raw.get("columns", []))
    t = Template(
        id=raw["id"], title=raw["title"], summary=raw["summary"], when=tuple(raw["when"]),
        practices=tuple(raw["practices"]), format=raw["format"], body=raw.get("body"), columns=columns,
        rows=tuple(tuple(r) for r in raw.get("rows", [])), notes=raw.get("notes"),
    )
    problems = [f"{name}: template {t.id!r} names unknown practice {p!r}" for p in t.named_practices() if p not in practice_ids]
    problems += [f"{name}: template {t.id!r} links unknown check {c!r}" for c in t.named_checks() if c not in check_ids]
    if t.format == "csv":
        if len({c.name for c in columns}) != len(columns):
            problems.append(f"{name}: template {t.id!r} repeats a column name")
        problems += [
            f"{name}: template {t.id!r} example row {i} has {len(r)} cells for {len(columns)} columns"
            for i, r in enumerate(t.rows, 1) if len(r) != len(columns)
        ]
        problems += [
            f"{name}: template {t.id!r} column {c.name!r} names unknown pre-launch question {c.question!r}"
            for c in columns if c.question and c.question not in questions
        ]
    return t, problems


def parse_templates(
    docs: Sequence[tuple[str, Any]], practice_ids: set[str], questions: set[str], check_ids: set[str]
) -> tuple[dict[str, Template], list[str]]:
    templates: dict[str, Template] = {}
    problems: list[str] = []
    for name, raw in docs:
        t, found = parse_template(name, raw, practice_ids, questions, check_ids)
        problems += found
        if t.id in templates:
            problems.append(f"{name}: template id {t.id!r} is not unique")
        templates[t.id] = t
    return templates, problems


def csv_text(t: Template) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in t.columns])
    writer.writerows(t.rows)
    return out.getvalue()


Linker = Callable[[str], str]


def expand_refs(text: str, practice: Linker, check: Linker) -> str:
    """Replace each ``[[TR-01]]`` with ``practice("TR-01")`` and each ``[[check:id]]`` with ``check("id")``."""
    return CHECK_REF.sub(lambda m: check(m.group(1)), PRACTICE_REF.sub(lambda m: practice(m.group(1)), text))


def template_text(t: Template, practice: Linker, check: Linker) -> str:
    """What people download or copy: the CSV, or the Markdown with references expanded."""
    if t.format == "csv":
        return csv_text(t)
    return expand_refs(t.body or "", practice, check).strip() + "\n"
