"""Reading outside answers: the envelope is checked against its questionnaire, newer versions refused, notes given."""

from __future__ import annotations

import json
from typing import Any

import pytest
from candor.intake.envelope import check_envelope, hidden_answer_notes, read_envelope
from candor.model.answers import AnswersError

from .sample import sample


def envelope(**changes: Any) -> dict[str, Any]:
    env: dict[str, Any] = {"questionnaire": "sample", "version": 2, "answers": {"uses": ["chat"], "a1": "yes"}}
    env.update(changes)
    return env


def test_a_valid_envelope_comes_back_clean_without_notes(schemas: dict[str, Any]) -> None:
    env, notes = check_envelope(envelope(), sample(), schemas["answers"])
    assert env.answers == {"uses": ("chat",), "a1": "yes"}
    assert env.version == 2 and notes == []


def test_answers_for_another_check_are_refused_naming_the_field(schemas: dict[str, Any]) -> None:
    with pytest.raises(AnswersError) as err:
        check_envelope(envelope(questionnaire="other"), sample(), schemas["answers"])
    assert err.value.field == "questionnaire" and "other" in str(err.value)


def test_current_version_is_read_and_one_newer_is_refused(schemas: dict[str, Any]) -> None:
    q = sample()
    check_envelope(envelope(version=q.version), q, schemas["answers"])
    with pytest.raises(AnswersError) as err:
        check_envelope(envelope(version=q.version + 1), q, schemas["answers"])
    assert err.value.field == "version"
    assert str(q.version + 1) in str(err.value)


def test_older_answers_are_brought_forward_with_notes(schemas: dict[str, Any]) -> None:
    q = sample()
    env, notes = check_envelope(envelope(version=1, answers={"alpha-one": "yes"}), q, schemas["answers"])
    assert env.version == q.version
    assert env.answers == {"a1": "yes"}
    assert notes


def test_hidden_answer_notes_name_each_hidden_question() -> None:
    q = sample()
    a2 = q.question("a2")
    assert a2 is not None
    notes = hidden_answer_notes(q, {"uses": ("images",), "a2": "yes", "a1": "yes"})
    assert len(notes) == 1 and a2.text in notes[0] and "(a2)" in notes[0]
    assert hidden_answer_notes(q, {"uses": ("chat",), "a2": "yes"}) == []


def test_read_envelope_takes_bytes_and_text_alike(schemas: dict[str, Any]) -> None:
    text = json.dumps(envelope())
    q = sample()
    assert read_envelope(text, q, schemas["answers"]) == read_envelope(text.encode(), q, schemas["answers"])


def test_a_bad_answer_inside_a_valid_envelope_is_refused(schemas: dict[str, Any]) -> None:
    with pytest.raises(AnswersError):
        read_envelope(json.dumps(envelope(answers={"a1": "maybe"})), sample(), schemas["answers"])


def test_an_empty_list_is_no_answer_with_a_note_and_the_same_result_as_leaving_it_out(schemas: dict[str, Any]) -> None:
    """The form leaves a question with nothing ticked out of its answers; a file that writes [] means the same."""
    q = sample()
    env, notes = check_envelope(envelope(answers={"uses": [], "a1": "yes"}), q, schemas["answers"])
    assert env.answers == {"a1": "yes"}
    assert notes == ["The answer to “What do you use?” (uses) is an empty list, so it counts as not answered."]
    assert check_envelope(envelope(answers={"a1": "yes"}), q, schemas["answers"]) == (env, [])


@pytest.mark.parametrize("reader", ["page", "cli"])
def test_what_to_do_is_worded_for_the_page_or_the_command_line(schemas: dict[str, Any], reader: Any) -> None:
    q = sample()
    said = []
    for changes in ({"questionnaire": "other"}, {"version": q.version + 1}, {"answers": {"zz": "yes"}}):
        with pytest.raises(AnswersError) as err:
            check_envelope(envelope(**changes), q, schemas["answers"], reader)
        said.append(str(err.value))
    on_the_page = any("page" in s or "site" in s for s in said)
    assert on_the_page == (reader == "page"), said
    if reader == "cli":
        assert "candor check other FILE" in said[0] and "in this copy of Candor" in said[1] and "candor show sample" in said[2]
