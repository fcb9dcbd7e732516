"""Upcoming legal dates for a campaign: the part of a check's result that depends on the calendar.

The site build puts the dated obligations into the check's bundle (:func:`candor.compiler.bundle.bundle_key_dates`); the engine picks
those that apply to the regions the answers tick and that have not started yet (:func:`upcoming`). "Today" is
always passed in by the front end (the page or the CLI), never read from the clock here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from candor.checks.evaluate import Result
from candor.model.links import PracticeLink
from candor.model.timeline import long_date, status


@dataclass(frozen=True)
class KeyDate:
    """One upcoming obligation, ready to show: what, where, from when, who says so, what to do."""

    id: str
    title: str
    jurisdiction: str
    date: str
    when: str
    source: PracticeLink  # title and URL of the source (its id doubles as the anchor)
    practices: tuple[PracticeLink, ...]


@dataclass(frozen=True)
class KeyDates:
    question: str  # the question whose options are region ids
    obligations: tuple[tuple[tuple[str, ...], KeyDate], ...]  # (regions, key date), ordered by date


def load_key_dates(raw: Mapping[str, Any] | None) -> KeyDates | None:
    if not raw:
        return None
    items = []
    for o in raw["obligations"]:
        src = o["source"]
        items.append((tuple(o["regions"]), KeyDate(
            o["id"], o["title"], o["jurisdiction"], o["date"], long_date(o["date"]),
            PracticeLink(src["id"], src["title"], src["url"]),
            tuple(PracticeLink(p["id"], p["title"], p["url"]) for p in o["practices"]),
        )))
    return KeyDates(raw["question"], tuple(sorted(items, key=lambda i: (i[1].date, i[1].id))))


def upcoming(dates: KeyDates | None, answers: Mapping[str, Any], today: dt.date) -> tuple[KeyDate, ...]:
    """Obligations that start after ``today`` in any region the answers tick, soonest first."""
    if dates is None:
        return ()
    ticked = answers.get(dates.question) or ()
    chosen = {ticked} if isinstance(ticked, str) else set(ticked)
    return tuple(k for regions, k in dates.obligations if chosen & set(regions) and status(k.date, today) == "upcoming")


def with_key_dates(result: Result, dates: KeyDates | None, answers: Mapping[str, Any], today: str | None) -> Result:
    """The result with its upcoming dates filled in; unchanged when no date is given or the check has none."""
    if not today or dates is None:
        return result
    try:
        day = dt.date.fromisoformat(today)
    except ValueError:
        return result
    return replace(result, key_dates=upcoming(dates, answers, day))


HEADING = "Dates coming up in the regions this campaign reaches"


def text_lines(key_dates: Sequence[KeyDate], base_url: str = "") -> list[str]:
    """The upcoming dates as the CLI's text output shows them (nothing when there are none)."""
    if not key_dates:
        return []
    lines = ["", HEADING + ":"]
    for k in key_dates:
        see = ", ".join(f"{p.id} {base_url}{p.url}" for p in k.practices)
        lines.append(f"- {k.when}: {k.title} ({k.jurisdiction}). Source: {k.source.title}. See {see}")
    return lines
