"""How long a check takes for its typical campaign: the words of the questions that campaign is shown (their
text and options, as on the page) at a reading pace, plus the seconds to choose each answer, rounded up to a
minute. The site says it on the check's page and the home page; the figures come from the content."""

from __future__ import annotations

import math
from dataclasses import dataclass

from candor.checks.visibility import visible_questions
from candor.learning.path import count_words
from candor.model.questionnaire import Questionnaire


@dataclass(frozen=True)
class CheckTime:
    questions: int  # shown to the typical campaign, its profile included
    minutes: int
    label: str  # the typical campaign, in words


def time_to_answer(q: Questionnaire, words_per_minute: float) -> CheckTime | None:
    """The check's time for its typical campaign (None when its content names none)."""
    if q.typical is None:
        return None
    shown = set(visible_questions(q, dict(q.typical.profile)))
    words = sum(count_words(" ".join([x.text, *(o.label for o in x.options)])) for x in q.questions if x.id in shown)
    seconds = words / words_per_minute * 60 + len(shown) * q.typical.seconds_to_choose
    return CheckTime(len(shown), max(1, math.ceil(round(seconds, 3) / 60)), q.typical.label)  # no float dust


def time_sentence(t: CheckTime) -> str:
    """The check's time as the site says it, e.g. "About 15 minutes for an email campaign (52 questions)."."""
    return f"About {t.minutes} minutes for {t.label} ({t.questions} questions)."
