"""Answers envelopes: shape checks, per-question checks and normalisation, and the JSON round trip."""

from __future__ import annotations

from typing import Any

import pytest
from candor.model.answers import AnswersError, Envelope, check_answers, envelope_to_json, parse_envelope
from candor.model.questionnaire import NOT_APPLICABLE

from .sample import sample


def test_multi_answers_are_deduplicated_and_kept_in_option_order() -> None:
    q = sample()
    uses = q.question("uses")
    assert uses is not None
    ids = [o.id for o in uses.options if not o.exclusive]
    clean = check_answers(q, {"uses": (ids[1], ids[0], ids[1])})
    assert clean["uses"] == (ids[0], ids[1])


def test_a_single_string_for_a_multi_question_becomes_a_tuple() -> None:
    q = sample()
    uses = q.question("uses")
    assert uses is not None
    assert check_answers(q, {"uses": uses.options[0].id})["uses"] == (uses.options[0].id,)


def test_an_exclusive_option_alone_is_accepted_but_not_with_another() -> None:
    q = sample()
    uses = q.question("uses")
    assert uses is not None
    exclusive = next(o.id for o in uses.options if o.exclusive)
    other = next(o.id for o in uses.options if not o.exclusive)
    assert check_answers(q, {"uses": [exclusive]})["uses"] == (exclusive,)
    with pytest.raises(AnswersError):
        check_answers(q, {"uses": (other, exclusive)})


def test_unknown_question_and_unknown_option_are_refused() -> None:
    q = sample()
    with pytest.raises(AnswersError):
        check_answers(q, {"no-such-question": "yes"})
    with pytest.raises(AnswersError):
        check_answers(q, {"a1": "no-such-option"})


def test_not_applicable_only_where_the_question_allows_it() -> None:
    q = sample()
    allows = next(x for x in q.questions if x.na)
    refuses = next(x for x in q.questions if not x.na and x.type == "single")
    assert check_answers(q, {allows.id: NOT_APPLICABLE}) == {allows.id: NOT_APPLICABLE}
    with pytest.raises(AnswersError):
        check_answers(q, {refuses.id: NOT_APPLICABLE})


def test_a_single_choice_question_takes_exactly_one_option() -> None:
    q = sample()
    a1 = q.question("a1")
    assert a1 is not None
    with pytest.raises(AnswersError):
        check_answers(q, {"a1": (a1.options[0].id,)})


def test_envelope_round_trips_through_json(schemas: dict[str, Any]) -> None:
    raw = {"questionnaire": "sample", "version": 2, "saved_at": "2026-01-02T03:04:05Z",
           "answers": {"uses": ["chat", "images"], "a1": "yes"}}
    env = parse_envelope(raw, schemas["answers"])
    assert env.answers["uses"] == ("chat", "images")
    assert envelope_to_json(env) == raw


def test_envelope_to_json_leaves_out_empty_optional_fields() -> None:
    out = envelope_to_json(Envelope("sample", 2, {"a1": "yes"}))
    assert list(out) == ["questionnaire", "version", "answers"]


def test_a_malformed_envelope_is_refused_with_a_message(schemas: dict[str, Any]) -> None:
    with pytest.raises(AnswersError) as err:
        parse_envelope({"questionnaire": "sample", "answers": {}}, schemas["answers"])
    assert str(err.value)


def test_an_empty_selection_is_no_answer_where_several_choices_are_taken() -> None:
    """One rule (candor.model.answers.no_answer) for the page and the command line: [] is a question left unanswered."""
    q = sample()
    assert check_answers(q, {"uses": (), "a1": "yes"}) == {"a1": "yes"}
    assert check_answers(q, {"uses": [], "a1": "yes"}) == {"a1": "yes"}
    with pytest.raises(AnswersError, match="gives an empty list, but the question takes one choice"):
        check_answers(q, {"a1": []})
