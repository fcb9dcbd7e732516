"""Show/hide conditions of a questionnaire's questions: the model, its parsing and its consistency checks.

A condition only ever looks at earlier questions, so visibility is decided in one pass in question order
(:mod:`candor.visibility`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class InCondition:
    """True when the answer to ``question`` (visible and answered) includes any of ``options``."""

    question: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class AllCondition:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyCondition:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class NotCondition:
    part: Condition


Condition = InCondition | AllCondition | AnyCondition | NotCondition


def collect_sources(cond: Condition, found: set[str]) -> None:
    if isinstance(cond, InCondition):
        found.add(cond.question)
    elif isinstance(cond, NotCondition):
        collect_sources(cond.part, found)
    else:
        for part in cond.parts:
            collect_sources(part, found)


def parse_condition(raw: Mapping[str, Any]) -> Condition:
    if "question" in raw:
        return InCondition(raw["question"], tuple(raw["in"]))
    if "all" in raw:
        return AllCondition(tuple(parse_condition(c) for c in raw["all"]))
    if "any" in raw:
        return AnyCondition(tuple(parse_condition(c) for c in raw["any"]))
    return NotCondition(parse_condition(raw["not"]))


def check_condition(cond: Condition, earlier: Mapping[str, Any], qid: str, fail: Callable[[str], Exception]) -> None:
    """Raise ``fail(message)`` unless every part names an earlier question and real options of it."""
    if isinstance(cond, InCondition):
        target = earlier.get(cond.question)
        if target is None:
            raise fail(f"question {qid!r}: show_if names {cond.question!r}, which is not an earlier question")
        bad = [o for o in cond.options if target.option(o) is None]
        if bad:
            valid = ", ".join(o.id for o in target.options)
            raise fail(f"question {qid!r}: show_if names option(s) {', '.join(bad)} of {cond.question!r} (valid: {valid})")
    elif isinstance(cond, NotCondition):
        check_condition(cond.part, earlier, qid, fail)
    else:
        for part in cond.parts:
            check_condition(part, earlier, qid, fail)
