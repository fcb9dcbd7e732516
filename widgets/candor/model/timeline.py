"""When things happen: the review-age limit, the dated obligations behind the practices, the content changelog.

:func:`parse_timeline` checks ``content/timeline.yml`` against the rest of the catalogue (every source, practice,
check and region it names must exist). The other functions are small, pure date helpers shared by the site build
and the pre-launch result; none of them reads the clock: "today" is always an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
STATUS = {"in-force": "In force", "upcoming": "Upcoming"}


@dataclass(frozen=True)
class Obligation:
    id: str
    title: str
    jurisdiction: str
    regions: tuple[str, ...]
    date: str  # ISO date the obligation applies from
    source: str
    locator: str | None
    practices: tuple[str, ...]
    reported: str | None = None  # what was not seen published; the title already ends with "(reported: ...)"


@dataclass(frozen=True)
class Change:
    date: str
    kind: str  # added, changed or deprecated
    practices: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Timeline:
    max_age_months: int
    region_check: str
    region_question: str
    obligations: tuple[Obligation, ...]  # ordered by date, then id
    changes: tuple[Change, ...]  # newest first


def long_date(iso: str) -> str:
    """``2027-01-01`` as ``1 January 2027``."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_label(month: str) -> str:
    """``2026-12`` as ``December 2026``."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def months_old(month: str, today: dt.date) -> int:
    """Whole months from a ``YYYY-MM`` review month to today's month (0 in the same month)."""
    year, number = (int(x) for x in month.split("-"))
    return (today.year - year) * 12 + today.month - number


def status(iso: str, today: dt.date) -> str:
    """``in-force`` from the obligation's date on, ``upcoming`` before it."""
    return "in-force" if dt.date.fromisoformat(iso) <= today else "upcoming"


def _known(kind: str, ids: Iterable[str], known: Mapping[str, Any], where: str) -> list[str]:
    return [f"{where} names unknown {kind} {i!r}" for i in ids if i not in known]


def parse_timeline(
    data: Mapping[str, Any], practices: Mapping[str, Any], sources: Mapping[str, Any], checks: Mapping[str, Any]
) -> tuple[Timeline | None, list[str]]:
    """The timeline and a list of problems (each naming the obligation or change); the data is schema-valid."""
    problems: list[str] = []
    check_id, question_id = data["regions"]["check"], data["regions"]["question"]
    regions: set[str] = set()
    check = checks.get(check_id)
    question = next((q for q in check.questions if q.id == question_id), None) if check else None
    if question is None:
        problems.append(f"regions: check {check_id!r} has no question {question_id!r}")
    else:
        regions = {o.id for o in question.options}
    obligations: list[Obligation] = []
    for raw in data["obligations"]:
        where = f"obligation {raw['id']!r}"
        if any(o.id == raw["id"] for o in obligations):
            problems.append(f"{where} is listed twice")
        try:
            dt.date.fromisoformat(raw["date"])
        except ValueError:
            problems.append(f"{where} has an impossible date {raw['date']!r}")
            continue
        problems += _known("source", [raw["source"]], sources, where)
        problems += _known("practice", raw["practices"], practices, where)
        if question is not None:
            problems += [f"{where} names region {r!r}, not an option of {question_id}" for r in raw["regions"] if r not in regions]
        reported = raw.get("reported")
        title = f"{raw['title']} (reported: {reported})" if reported else raw["title"]
        obligations.append(Obligation(
            raw["id"], title, raw["jurisdiction"], tuple(raw["regions"]), raw["date"], raw["source"],
            raw.get("locator"), tuple(raw["practices"]), reported,
        ))
    changes: list[Change] = []
    for n, raw in enumerate(data["changes"], 1):
        where = f"change {n} ({raw['date']}, {raw['kind']})"
        problems += _known("practice", raw["practices"], practices, where)
        if raw["kind"] == "deprecated":
            problems += [f"{where}: {p} is not marked deprecated: true" for p in raw["practices"]
                         if p in practices and not practices[p].deprecated]
        changes.append(Change(raw["date"], raw["kind"], tuple(raw["practices"]), raw["note"]))
    added = {p for c in changes if c.kind == "added" for p in c.practices}
    problems += [f"practice {p} has no 'added' entry under changes" for p in practices if p not in added]
    timeline = Timeline(
        data["review"]["max_age_months"], check_id, question_id,
        tuple(sorted(obligations, key=lambda o: (o.date, o.id))),
        tuple(sorted(changes, key=lambda c: c.date, reverse=True)),
    )
    return timeline, problems
