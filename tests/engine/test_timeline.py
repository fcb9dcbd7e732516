"""Dates: readable forms, review age, in-force status at the boundary, and the timeline cross-checks."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import load_yaml
from candor.model.timeline import long_date, month_label, months_old, parse_timeline, status

from ..conftest import CONTENT


@pytest.fixture(scope="module")
def raw_timeline() -> dict[str, Any]:
    return load_yaml(CONTENT / "timeline.yml", "timeline.yml")


def parse(catalog: Catalog, data: dict[str, Any]) -> tuple[Any, list[str]]:
    return parse_timeline(data, catalog.practices, catalog.sources, catalog.checks)


def test_long_date_and_month_label_read_as_words() -> None:
    assert long_date("2027-01-01") == "1 January 2027"
    assert long_date("2026-12-31") == "31 December 2026"
    assert month_label("2026-12") == "December 2026"
    assert month_label("2027-01") == "January 2027"


def test_months_old_counts_whole_months_across_years() -> None:
    assert months_old("2026-12", dt.date(2026, 12, 31)) == 0
    assert months_old("2026-12", dt.date(2027, 1, 1)) == 1
    assert months_old("2025-12", dt.date(2026, 12, 1)) == 12
    assert months_old("2025-11", dt.date(2026, 12, 1)) == 13


def test_status_is_in_force_from_the_day_itself() -> None:
    assert status("2026-08-02", dt.date(2026, 8, 1)) == "upcoming"
    assert status("2026-08-02", dt.date(2026, 8, 2)) == "in-force"
    assert status("2026-08-02", dt.date(2026, 8, 3)) == "in-force"


def test_the_real_timeline_parses_without_problems_in_order(catalog: Catalog, raw_timeline: dict[str, Any]) -> None:
    timeline, problems = parse(catalog, raw_timeline)
    assert problems == []
    assert timeline is not None
    assert timeline.max_age_months == raw_timeline["review"]["max_age_months"]
    keys = [(o.date, o.id) for o in timeline.obligations]
    assert keys == sorted(keys)
    dates = [c.date for c in timeline.changes]
    assert dates == sorted(dates, reverse=True)


def test_unknown_ids_and_impossible_dates_are_each_named(catalog: Catalog, raw_timeline: dict[str, Any]) -> None:
    data = copy.deepcopy(raw_timeline)
    first, second = data["obligations"][0], data["obligations"][1]
    first["source"] = "no-such-source"
    first["practices"] = [*first["practices"], "ZZ-99"]
    first["regions"] = [*first["regions"], "mars"]
    second["date"] = "2026-02-30"
    _, problems = parse(catalog, data)
    text = "\n".join(problems)
    for needle in ("no-such-source", "ZZ-99", "mars", "2026-02-30"):
        assert needle in text
    assert all(first["id"] in p for p in problems if "2026-02-30" not in p)


def test_a_duplicate_obligation_and_a_practice_without_added_entry(catalog: Catalog, raw_timeline: dict[str, Any]) -> None:
    data = copy.deepcopy(raw_timeline)
    data["obligations"].append(copy.deepcopy(data["obligations"][0]))
    dropped = next(c for c in data["changes"] if c["kind"] == "added")
    data["changes"].remove(dropped)
    _, problems = parse(catalog, data)
    assert any("listed twice" in p for p in problems)
    others = {p for c in data["changes"] if c["kind"] == "added" for p in c["practices"]}
    assert any(f"practice {p} has no 'added'" in line for p in set(dropped["practices"]) - others for line in problems)


def test_a_region_question_that_does_not_exist_is_a_problem(catalog: Catalog, raw_timeline: dict[str, Any]) -> None:
    data = copy.deepcopy(raw_timeline)
    data["regions"]["question"] = "no-such-question"
    _, problems = parse(catalog, data)
    assert any("no-such-question" in p for p in problems)
