"""Campaign details: the optional name, owner, approver, launch date and notes an answers file may carry.

They feed the report's summary and sign-off and never change the result. Their labels and limits live in the
answers schema (``properties.campaign``); the form, the report and the checks here all read them from there.
Empty and blank values count as not given, so a file never carries an empty field.

The characters a detail may not hold are decided here, once (:func:`refused`): controls, invisible format
characters (zero-width spaces, the byte-order mark, soft hyphens, word joiners, tag characters) and
text-direction marks, embeddings, overrides and isolates, and the line and paragraph separators, all of which
make text read differently from what it looks like in a report. Line feeds are allowed where the schema lets a
field span lines (the notes). The zero-width joiner and non-joiner stay allowed: Persian, several Indic scripts
and emoji sequences are written with them. The build publishes the same rule to the form (:func:`refused_class`)
with the same message (:func:`character_refusal`), so the form never takes what the engine would refuse.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from candor.model.answers import AnswersError
from candor.model.timeline import long_date
from candor.util.schema_check import Problem, first_problems, validate

Campaign = dict[str, str]


@dataclass(frozen=True)
class Detail:
    """One campaign detail as the report shows it."""

    key: str
    label: str
    value: str


def field_schemas(answers_schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The campaign fields in the order the form and the report show them, each with its schema."""
    return dict(answers_schema["properties"]["campaign"]["properties"])


# Unicode categories refused: controls, format characters, line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_JOINERS = frozenset("\u200c\u200d")  # needed to write Persian, Indic scripts and emoji sequences


def _hides_or_reorders(char: str) -> bool:
    return unicodedata.category(char) in _REFUSED_CATEGORIES and char not in _JOINERS


def refused(char: str, *, lines: bool = False) -> bool:
    """Whether a campaign detail may not hold ``char``; ``lines``: the field may span lines (a line feed is allowed)."""
    return not (lines and char == "\n") and _hides_or_reorders(char)


def takes_lines(field_schema: Mapping[str, Any]) -> bool:
    """Whether the schema lets a field span lines (it refers to the ``lines`` definition)."""
    return any(str(part.get("$ref", "")).endswith("/lines") for part in field_schema.get("allOf", ()))


def character_refusal(key: str, title: str, code: str) -> str:
    """What is said when detail ``key`` (labelled ``title``) holds a refused character, named as ``code`` (U+XXXX)."""
    return (f"The campaign details cannot be used: {title} (campaign.{key}) has the character {code}, which cannot be "
            "seen or changes the direction of text. Remove it.")


def code_point(char: str) -> str:
    """A character named as people look it up: ``U+200B``."""
    return f"U+{ord(char):04X}"


@cache
def _refused_everywhere() -> tuple[int, ...]:
    """Every code point no detail may hold (a line feed included), in order: one pass over Unicode."""
    return tuple(cp for cp in range(sys.maxunicode + 1) if _hides_or_reorders(chr(cp)))


@cache
def refused_ranges(*, lines: bool) -> tuple[tuple[int, int], ...]:
    """Every refused code point (:func:`refused`), as inclusive ranges, in order (what :func:`refused_class` publishes)."""
    ranges: list[tuple[int, int]] = []
    for cp in _refused_everywhere():
        if lines and not refused(chr(cp), lines=True):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return tuple(ranges)


def refused_class(*, lines: bool) -> str:
    """The refused characters as the body of a JavaScript character class for a ``u`` regular expression."""
    def one(cp: int) -> str:
        return f"\\u{{{cp:X}}}"
    return "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in refused_ranges(lines=lines))


def _refuse_characters(raw: Mapping[Any, Any], answers_schema: Mapping[str, Any]) -> None:
    """Refuse the first detail holding a refused character, naming the field and the character."""
    for key, field in field_schemas(answers_schema).items():
        value = raw.get(key)
        if not isinstance(value, str):
            continue
        lines = takes_lines(field)
        bad = next((c for c in value if refused(c, lines=lines)), None)
        if bad is not None:
            raise AnswersError(character_refusal(key, str(field["title"]), code_point(bad)), f"campaign.{key}")


def check_campaign(raw: Any, answers_schema: Mapping[str, Any]) -> Campaign:
    """Campaign details from a file or the page, checked; returns only the fields with a value, trimmed."""
    if raw is None:
        return {}
    if isinstance(raw, Mapping):
        _refuse_characters(raw, answers_schema)
    schema = {"properties": {"campaign": answers_schema["properties"]["campaign"]}, "$defs": answers_schema["$defs"]}
    problems = [_plain_problem(p) for p in validate({"campaign": raw}, schema)]
    if problems:
        raise AnswersError(f"The campaign details cannot be used: {first_problems(problems)}", problems[0].path)
    clean = {k: v.strip() for k, v in raw.items() if v.strip()}
    when = clean.get("launch_date")
    if when is not None:
        try:
            dt.date.fromisoformat(when)
        except ValueError:
            raise AnswersError(
                f"campaign.launch_date: {when} is not a date in the calendar. Write it as year-month-day, "
                "for example 2027-01-15.", "campaign.launch_date"
            ) from None
    return {k: clean[k] for k in field_schemas(answers_schema) if k in clean}


def _plain_problem(p: Problem) -> Problem:
    """The date rule said in words, not as the schema's pattern (characters are refused before, in words)."""
    if "does not match" in p.message and p.path.endswith("launch_date"):
        return Problem(p.path, "write the date as year-month-day, for example 2027-01-15")
    return p


def details(campaign: Mapping[str, str], answers_schema: Mapping[str, Any]) -> tuple[Detail, ...]:
    """The details given, labelled from the schema, the launch date written out (``15 January 2027``)."""
    out = []
    for key, schema in field_schemas(answers_schema).items():
        value = campaign.get(key)
        if value:
            out.append(Detail(key, str(schema["title"]), long_date(value) if key == "launch_date" else value))
    return tuple(out)
