"""Show/hide conditions of a questionnaire's questions: the model, its parsing, and the one walker over it.

Every reading of a condition goes through :func:`fold`: its sources, its consistency checks, the predicate
visibility evaluates (:func:`predicate`, compiled once per question), the words on the forms and the CLI's
notation. A condition only ever looks at earlier questions, so visibility is decided in one pass in question
order (:mod:`candor.checks.visibility`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from typing import Any, TypeVar


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
T = TypeVar("T")
# Whether a question is shown, given the answers so far and the ids of the questions shown before it.
Predicate = Callable[[Mapping[str, object], Set[str]], bool]


def fold(
    cond: Condition,
    leaf: Callable[[InCondition], T],
    all_: Callable[[list[T]], T],
    any_: Callable[[list[T]], T],
    not_: Callable[[T], T],
) -> T:
    """The one walker: ``leaf`` for each ``question in [options]``, the others to combine their parts' values."""
    if isinstance(cond, InCondition):
        return leaf(cond)
    if isinstance(cond, NotCondition):
        return not_(fold(cond.part, leaf, all_, any_, not_))
    parts = [fold(part, leaf, all_, any_, not_) for part in cond.parts]
    return all_(parts) if isinstance(cond, AllCondition) else any_(parts)


def parse_condition(raw: Mapping[str, Any]) -> Condition:
    if "question" in raw:
        return InCondition(raw["question"], tuple(raw["in"]))
    if "all" in raw:
        return AllCondition(tuple(parse_condition(c) for c in raw["all"]))
    if "any" in raw:
        return AnyCondition(tuple(parse_condition(c) for c in raw["any"]))
    return NotCondition(parse_condition(raw["not"]))


def _union(parts: list[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*parts)


def sources(cond: Condition) -> frozenset[str]:
    """Ids of the questions a condition looks at."""
    return fold(cond, lambda c: frozenset((c.question,)), _union, _union, lambda s: s)


def check_condition(cond: Condition, earlier: Mapping[str, Any], qid: str, fail: Callable[[str], Exception]) -> None:
    """Raise ``fail(message)`` unless every part names an earlier question and real options of it."""

    def leaf(c: InCondition) -> None:
        target = earlier.get(c.question)
        if target is None:
            raise fail(f"question {qid!r}: show_if names {c.question!r}, which is not an earlier question")
        bad = [o for o in c.options if target.option(o) is None]
        if bad:
            valid = ", ".join(o.id for o in target.options)
            raise fail(f"question {qid!r}: show_if names option(s) {', '.join(bad)} of {c.question!r} (valid: {valid})")

    fold(cond, leaf, lambda _: None, lambda _: None, lambda _: None)


def _answered_with(c: InCondition) -> Predicate:
    qid, options = c.question, frozenset(c.options)

    def holds(answers: Mapping[str, object], shown: Set[str]) -> bool:
        if qid not in shown:  # a condition on a hidden question is false
            return False
        value = answers.get(qid)
        if isinstance(value, str):
            return value in options
        return isinstance(value, (tuple, list)) and not options.isdisjoint(value)

    return holds


def _all(parts: list[Predicate]) -> Predicate:
    return lambda answers, shown: all(p(answers, shown) for p in parts)


def _any(parts: list[Predicate]) -> Predicate:
    return lambda answers, shown: any(p(answers, shown) for p in parts)


def _not(part: Predicate) -> Predicate:
    return lambda answers, shown: not part(answers, shown)


def predicate(cond: Condition) -> Predicate:
    """The condition as a function of (answers, ids shown so far), made once per question."""
    return fold(cond, _answered_with, _all, _any, _not)


def notation(cond: Condition) -> str:
    """The condition in ids, e.g. ``(uses in [chat, images] and not region in [eu])`` (the CLI's ``show``)."""
    return fold(
        cond,
        lambda c: f"{c.question} in [{', '.join(c.options)}]",
        lambda parts: "(" + " and ".join(parts) + ")",
        lambda parts: "(" + " or ".join(parts) + ")",
        lambda part: f"not {part}",
    )
