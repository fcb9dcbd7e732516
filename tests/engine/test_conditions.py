"""Show/hide conditions (candor.model.conditions): parsing, and every reading of a condition through the one walker."""

from __future__ import annotations

from typing import Any

import pytest
from candor.checks.visibility import visible_questions
from candor.model.conditions import notation as cli_notation
from candor.model.conditions import parse_condition, predicate, sources
from candor.model.questionnaire import QuestionnaireError, parse_questionnaire

from .sample import PRACTICES, sample_raw

NESTED: dict[str, Any] = {"all": [
    {"question": "uses", "in": ["chat", "images"]},
    {"not": {"any": [{"question": "a1", "in": ["no"]}, {"question": "b1", "in": ["poor"]}]}},
]}


def test_the_sources_of_a_nested_condition_are_every_question_it_names() -> None:
    assert sources(parse_condition(NESTED)) == {"uses", "a1", "b1"}


def test_the_cli_writes_a_nested_condition_in_ids() -> None:
    assert cli_notation(parse_condition(NESTED)) == "(uses in [chat, images] and not (a1 in [no] or b1 in [poor]))"


@pytest.mark.parametrize(("answers", "shown", "expected"), [
    ({"uses": ("chat",), "a1": "yes"}, {"uses", "a1", "b1"}, True),
    ({"uses": ("images", "chat")}, {"uses"}, True),  # any chosen option of several counts
    ({"uses": ("none",)}, {"uses"}, False),  # no option in the list
    ({}, {"uses"}, False),  # unanswered
    ({"uses": ("chat",), "a1": "no"}, {"uses", "a1"}, False),  # the "not" part is true
    ({"uses": ("chat",), "a1": "no"}, {"uses"}, True),  # a1 hidden: its part is false, so "not" holds
    ({"uses": ("chat",)}, set(), False),  # uses hidden: a condition on a hidden question is false
])
def test_a_compiled_condition_decides_as_the_rules_say(answers: dict[str, Any], shown: set[str], expected: bool) -> None:
    assert predicate(parse_condition(NESTED))(answers, shown) is expected


def test_a_single_answer_counts_when_it_is_one_of_the_options() -> None:
    holds = predicate(parse_condition({"question": "b1", "in": ["fair", "poor"]}))
    assert holds({"b1": "poor"}, {"b1"}) and not holds({"b1": "good"}, {"b1"}) and not holds({"b1": "na"}, {"b1"})


def test_visibility_uses_the_compiled_conditions_in_one_pass() -> None:
    raw = sample_raw()
    raw["questions"][3]["show_if"] = {"not": {"question": "a2", "in": ["no"]}}  # b1 depends on a2, a2 on uses
    q = parse_questionnaire(raw, PRACTICES)
    assert visible_questions(q, {"uses": ("chat",), "a2": "no"}) == ["uses", "a1", "a2"]
    assert visible_questions(q, {"uses": ("images",), "a2": "no"}) == ["uses", "a1", "b1"]  # a2 hidden, so b1 shows
    assert q.condition_sources() == {"uses", "a2"}


@pytest.mark.parametrize(("show_if", "message"), [
    ({"question": "b1", "in": ["good"]}, "show_if names 'b1', which is not an earlier question"),
    ({"not": {"all": [{"question": "uses", "in": ["chat", "video"]}]}}, "show_if names option(s) video of 'uses'"),
])
def test_a_condition_on_a_later_question_or_a_missing_option_is_refused(show_if: dict[str, Any], message: str) -> None:
    raw = sample_raw()
    raw["questions"][2]["show_if"] = show_if
    with pytest.raises(QuestionnaireError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_questionnaire(raw, PRACTICES)
