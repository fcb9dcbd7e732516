"""How long a check takes for its typical campaign: the words of the questions it is shown at the reading pace,
plus the seconds to choose each answer, rounded up to a minute; and the typical campaign checked against the check."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
from candor.checks.duration import time_sentence, time_to_answer
from candor.checks.visibility import visible_questions
from candor.compiler.catalog import Catalog
from candor.learning.path import count_words
from candor.model.questionnaire import QuestionnaireError
from candor.model.typical import Typical, parse_typical


def test_the_pre_launch_time_is_its_typical_campaigns_words_and_choices(catalog: Catalog) -> None:
    q, pace = catalog.checks["prelaunch"], catalog.learning.pace.words_per_minute
    assert q.typical is not None
    t = time_to_answer(q, pace)
    assert t is not None
    shown = visible_questions(q, dict(q.typical.profile))
    words = sum(count_words(" ".join([x.text, *(o.label for o in x.options)])) for x in q.questions if x.id in shown)
    assert t.questions == len(shown)
    assert t.minutes == math.ceil(round(words / pace * 60 + len(shown) * q.typical.seconds_to_choose, 3) / 60)
    assert time_sentence(t) == f"About {t.minutes} minutes for {q.typical.label} ({t.questions} questions)."


@pytest.mark.parametrize(("seconds", "minutes"), [(60.0, 1), (60.5, 2), (0.5, 1)])
def test_the_time_rounds_up_to_the_minute(catalog: Catalog, seconds: float, minutes: int) -> None:
    """At exactly a minute it says one; a moment past, two; never zero."""
    q = catalog.checks["prelaunch"]
    assert q.typical is not None
    shown = len(visible_questions(q, dict(q.typical.profile)))
    silent = dataclasses.replace(q, typical=dataclasses.replace(q.typical, seconds_to_choose=seconds / shown))
    t = time_to_answer(silent, words_per_minute=1e12)  # reading takes no time: only the choices count
    assert t is not None and t.minutes == minutes


def test_a_check_without_a_typical_campaign_has_no_time(catalog: Catalog) -> None:
    q = catalog.checks["outreach"]
    assert q.typical is None and time_to_answer(q, 200) is None


def fail(what: str) -> Exception:
    return QuestionnaireError(what)


PROFILE = {"channels": {"email", "social"}, "regions": {"eu", "us"}}


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ({"channels": ["email"]}, "missing ['regions']"),
        ({"channels": ["email"], "regions": ["eu"], "made": ["copy"]}, "not profile questions ['made']"),
        ({"channels": ["fax"], "regions": ["eu"]}, "channels has no option fax"),
    ],
)
def test_a_typical_campaign_must_answer_the_check_s_profile_with_its_options(profile: dict[str, Any], message: str) -> None:
    with pytest.raises(QuestionnaireError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_typical({"label": "a campaign", "profile": profile, "seconds_to_choose": 5}, PROFILE, fail)


def test_a_typical_campaign_is_read_as_written() -> None:
    raw = {"label": "an email campaign", "profile": {"channels": ["email"], "regions": ["eu", "us"]}, "seconds_to_choose": 5}
    assert parse_typical(raw, PROFILE, fail) == Typical("an email campaign", {"channels": ("email",), "regions": ("eu", "us")}, 5.0)
    assert parse_typical(None, PROFILE, fail) is None
