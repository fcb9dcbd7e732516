"""Which questions are shown: conditions evaluated in order, hidden questions never count."""

from __future__ import annotations

from candor.checks.loaded import LoadedCheck
from candor.checks.visibility import visible_questions
from candor.model.questionnaire import parse_questionnaire

from .sample import PRACTICES, sample, sample_raw


def test_with_no_answers_only_unconditional_questions_are_shown() -> None:
    q = sample()
    assert visible_questions(q, {}) == [x.id for x in q.questions if x.show_if is None]


def test_a_condition_met_shows_the_question_in_questionnaire_order() -> None:
    q = sample()
    shown = visible_questions(q, {"uses": ("chat",)})
    assert shown == [x.id for x in q.questions]


def test_a_condition_not_met_hides_the_question() -> None:
    q = sample()
    assert "a2" not in visible_questions(q, {"uses": ("images",)})


def test_a_condition_on_a_hidden_question_is_false() -> None:
    raw = sample_raw()
    raw["questions"].append(
        {"id": "b2", "area": "beta", "text": "Beta two?", "show_if": {"question": "a2", "in": ["yes"]},
         "options": [{"id": "yes", "label": "Yes", "score": 1}, {"id": "no", "label": "No", "score": 0}]})
    q = parse_questionnaire(raw, PRACTICES)
    # a2 answered "yes" but hidden (uses is not chat): b2, which depends on it, is hidden too
    assert "b2" not in visible_questions(q, {"uses": ("images",), "a2": "yes"})
    assert "b2" in visible_questions(q, {"uses": ("chat",), "a2": "yes"})


def test_every_real_check_opens_with_questions_in_their_order(loaded: dict[str, LoadedCheck]) -> None:
    for cid, check in loaded.items():
        q = check.questionnaire
        order = [x.id for x in q.questions]
        shown = visible_questions(q, {})
        assert shown, cid
        assert shown == [x for x in order if x in shown], cid
        assert set(shown) >= {x.id for x in q.questions if x.show_if is None}, cid
