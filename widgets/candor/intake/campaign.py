"""Campaign details: the optional name, owner, approver, launch date and notes an answers file may carry.

They feed the report's summary and sign-off and never change the result. Their labels, limits and allowed
characters live in the answers schema (``properties.campaign``); the form, the report and the checks here all
read them from there. Empty and blank values count as not given, so a file never carries an empty field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
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


def check_campaign(raw: Any, answers_schema: Mapping[str, Any]) -> Campaign:
    """Campaign details from a file or the page, checked; returns only the fields with a value, trimmed."""
    if raw is None:
        return {}
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
    """A character rule said in words, not as the schema's pattern."""
    if "does not match" not in p.message:
        return p
    if p.path.endswith("launch_date"):
        return Problem(p.path, "write the date as year-month-day, for example 2027-01-15")
    breaks = "" if p.path.endswith("notes") else "a line break, a tab, "
    return Problem(p.path, f"has {breaks}a control character or a text-direction mark; keep it to plain text")


def details(campaign: Mapping[str, str], answers_schema: Mapping[str, Any]) -> tuple[Detail, ...]:
    """The details given, labelled from the schema, the launch date written out (``15 January 2027``)."""
    out = []
    for key, schema in field_schemas(answers_schema).items():
        value = campaign.get(key)
        if value:
            out.append(Detail(key, str(schema["title"]), long_date(value) if key == "launch_date" else value))
    return tuple(out)
