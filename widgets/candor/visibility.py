"""Which questions are shown, given the answers so far. Conditions are data; this only evaluates them."""

from __future__ import annotations

from collections.abc import Mapping

from .answers import Answer
from .conditions import AllCondition, AnyCondition, Condition, InCondition, NotCondition
from .questionnaire import Questionnaire


def _holds(cond: Condition, answers: Mapping[str, Answer], visible: set[str]) -> bool:
    if isinstance(cond, InCondition):
        if cond.question not in visible:
            return False
        value = answers.get(cond.question)
        chosen = (value,) if isinstance(value, str) else (value or ())
        return any(o in chosen for o in cond.options)
    if isinstance(cond, AllCondition):
        return all(_holds(c, answers, visible) for c in cond.parts)
    if isinstance(cond, AnyCondition):
        return any(_holds(c, answers, visible) for c in cond.parts)
    assert isinstance(cond, NotCondition)
    return not _holds(cond.part, answers, visible)


def visible_questions(q: Questionnaire, answers: Mapping[str, Answer]) -> list[str]:
    """Ids of the questions shown, in order. A condition on a hidden question is false."""
    visible: set[str] = set()
    order: list[str] = []
    for question in q.questions:  # conditions only look back, so one pass is enough
        if question.show_if is None or _holds(question.show_if, answers, visible):
            visible.add(question.id)
            order.append(question.id)
    return order
