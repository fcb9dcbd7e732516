"""Answers files: one envelope everywhere (export, autosave, share link, CLI, tests).

``{"questionnaire": <id>, "version": <n>, "saved_at": <optional>, "campaign": <optional details>, "answers": {<question id>: <option id> |
[<option ids>] | "na"}}``. :func:`parse_answers` checks an envelope against its questionnaire and returns
the answers, or raises :class:`AnswersError` whose message names the field and the valid choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from candor.model import refusals
from candor.model.questionnaire import NOT_APPLICABLE, Question, Questionnaire
from candor.util.errors import CandorError
from candor.util.schema_check import validate

Answer = str | tuple[str, ...]
Answers = dict[str, Answer]


class AnswersError(CandorError):
    """An answers file or envelope is not valid for its questionnaire (message, field and detail as
    :class:`~candor.util.errors.CandorError`)."""


@dataclass(frozen=True)
class Envelope:
    questionnaire: str
    version: int
    answers: Answers
    saved_at: str | None = None
    campaign: dict[str, str] = field(default_factory=dict)  # optional details for the report (candor.intake.campaign)
    kept: Answers = field(default_factory=dict)  # answers to bank questions this check does not ask (kept, not scored)


def parse_envelope(raw: Any, schema: Mapping[str, Any]) -> Envelope:
    """Check the shape of an envelope against the answers JSON Schema (not yet against a questionnaire)."""
    problems = validate(raw, schema)
    if problems:
        raise AnswersError(*refusals.not_an_answers_file(problems, tuple(schema.get("properties", {}))))
    answers: Answers = {
        k: tuple(v) if isinstance(v, list) else v for k, v in raw["answers"].items()
    }
    return Envelope(raw["questionnaire"], raw["version"], answers, raw.get("saved_at"), dict(raw.get("campaign", {})))


def no_answer(question: Question, value: Any) -> bool:
    """The one rule for an empty selection: a question of several choices answered with an empty list is not
    answered, as the form leaves a question with nothing ticked out of its answers. (A question of one choice
    takes no list, so an empty list there is refused, with the other answers of the wrong form.)"""
    return question.type == "multi" and isinstance(value, list | tuple) and not value


def check_answers(q: Questionnaire, answers: Mapping[str, Answer], reader: refusals.Reader = "page") -> Answers:
    """Check every answer against the questionnaire; return them normalised (multi answers sorted by option order),
    without the questions :func:`no_answer` finds unanswered. ``reader`` words a refusal for the page or the CLI."""
    clean: Answers = {}
    for qid, value in answers.items():
        question = q.question(qid)
        if question is None:
            raise AnswersError(*refusals.unknown_question(q, qid, reader))
        if not no_answer(question, value):
            clean[qid] = _checked(question, value)
    return clean


def _checked(question: Question, value: Answer) -> Answer:
    """One answer, normalised, or :class:`AnswersError` (messages are built only when something is wrong)."""
    options = question.option_index
    if value == NOT_APPLICABLE:
        if not question.na:
            raise AnswersError(*refusals.not_applicable_refused(question))
        return value
    if question.type == "multi":
        chosen = (value,) if isinstance(value, str) else value
        bad = [v for v in chosen if v not in options]
        if bad:
            raise AnswersError(*refusals.not_an_option(question, bad))
        exclusive = [v for v in chosen if question.options[options[v]].exclusive]
        if exclusive and len(chosen) > 1:
            raise AnswersError(*refusals.not_alone(question, exclusive[0]))
        return tuple(sorted(set(chosen), key=options.__getitem__))
    if not isinstance(value, str):
        raise AnswersError(*(refusals.wrong_form(question, value) or refusals.one_choice_only(question)))
    if value not in options:
        raise AnswersError(*refusals.not_an_option(question, [value]))
    return value


def envelope_to_json(env: Envelope) -> dict[str, Any]:
    out: dict[str, Any] = {"questionnaire": env.questionnaire, "version": env.version}
    if env.saved_at:
        out["saved_at"] = env.saved_at
    if env.campaign:
        out["campaign"] = dict(env.campaign)
    out["answers"] = {k: list(v) if isinstance(v, tuple) else v for k, v in env.answers.items()}
    return out
