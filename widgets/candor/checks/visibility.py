"""Which questions are shown, given the answers so far. Conditions are data; this only evaluates them."""

from __future__ import annotations

from collections.abc import Mapping

from candor.model.answers import Answer
from candor.model.questionnaire import Questionnaire


def visible_questions(q: Questionnaire, answers: Mapping[str, Answer]) -> list[str]:
    """Ids of the questions shown, in order. A condition on a hidden question is false."""
    visible: set[str] = set()
    order: list[str] = []
    for qid, shown_if in q.shown_when:  # conditions only look back, so one pass is enough
        if shown_if is None or shown_if(answers, visible):
            visible.add(qid)
            order.append(qid)
    return order
