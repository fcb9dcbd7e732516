"""The facilitator kit: the brief's answers are scored by the engine, and each drift is named in facilitator.yml."""

from __future__ import annotations

import copy
from typing import Any

from candor.compiler.catalog import Problems
from candor.compiler.content_files import read_catalog, read_content
from candor.compiler.facilitator import compile_facilitator

from ..conftest import CONTENT

PARSED = read_content(CONTENT)
CATALOG = read_catalog(CONTENT)
SCHEMA = PARSED.schemas["facilitator"]


def doc() -> tuple[str, Any]:
    assert PARSED.facilitator is not None
    return PARSED.facilitator[0], copy.deepcopy(PARSED.facilitator[1])


def test_the_published_kit_scores_as_stated() -> None:
    out = Problems()
    kit = compile_facilitator(PARSED.facilitator, CATALOG, SCHEMA, out)
    assert out.lines == [] and kit is not None
    assert kit.result["verdict"] == kit.data["stated_result"]["verdict"]
    assert kit.must_failures and all(r.debrief and r.fix for r in kit.must_failures)
    assert kit.answers_file()["version"] == CATALOG.checks[kit.data["check"]].version


def test_answers_for_another_version_unknown_questions_and_areas() -> None:
    name, data = doc()
    data["version"] += 1
    data["answers"]["no-such-question"] = {"answer": "x", "why": "The brief says nothing about it."}
    data["pairs"][0]["areas"].append("astrology")
    out = Problems()
    assert compile_facilitator((name, data), CATALOG, SCHEMA, out) is None
    assert out.lines[0].startswith(f"facilitator.yml: the brief's answers are for prelaunch version {data['version']}")
    assert "facilitator.yml: answers unknown question 'no-such-question'" in out.lines
    assert f"facilitator.yml: pair group {data['pairs'][0]['id']!r} lists unknown area 'astrology'" in out.lines


def test_an_unknown_check_and_no_kit() -> None:
    name, data = doc()
    data["check"] = "horoscope"
    out = Problems()
    assert compile_facilitator((name, data), CATALOG, SCHEMA, out) is None
    assert out.lines == ["facilitator.yml: unknown check 'horoscope'"]
    out = Problems()
    assert compile_facilitator(None, CATALOG, SCHEMA, out) is None and out.lines == []
