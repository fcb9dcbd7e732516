"""Answers files: one envelope everywhere (export, autosave, share link, CLI, tests).

``{"questionnaire": <id>, "version": <n>, "saved_at": <optional>, "answers": {<question id>: <option id> |
[<option ids>] | "na"}}``. :func:`parse_answers` checks an envelope against its questionnaire and returns
the answers, or raises :class:`AnswersError` whose message names the field and the valid choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from .questionnaire import NOT_APPLICABLE, Question, Questionnaire
from .schema_check import first_problems, validate

Answer = str | tuple[str, ...]
Answers = dict[str, Answer]


class AnswersError(ValueError):
    """An answers file or envelope is not valid for its questionnaire."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Envelope:
    questionnaire: str
    version: int
    answers: Answers
    saved_at: str | None = None


def parse_envelope(raw: Any, schema: Mapping[str, Any]) -> Envelope:
    """Check the shape of an envelope against the answers JSON Schema (not yet against a questionnaire)."""
    problems = validate(raw, schema)
    if problems:
        raise AnswersError(f"This is not a Candor answers file: {first_problems(problems)}", problems[0].path)
    answers: Answers = {
        k: tuple(v) if isinstance(v, list) else v for k, v in raw["answers"].items()
    }
    return Envelope(raw["questionnaire"], raw["version"], answers, raw.get("saved_at"))


def check_answers(q: Questionnaire, answers: Mapping[str, Answer]) -> Answers:
    """Check every answer against the questionnaire; return them normalised (multi answers sorted by option order)."""
    clean: Answers = {}
    for qid, value in answers.items():
        question = q.question(qid)
        if question is None:
            valid_ids = ", ".join(x.id for x in q.questions)
            raise AnswersError(f"answers.{qid}: unknown question id {qid!r} in check {q.id!r}. Valid ids: {valid_ids}",
                               f"answers.{qid}")
        clean[qid] = _checked(question, value)
    return clean


def _checked(question: Question, value: Answer) -> Answer:
    """One answer, normalised, or :class:`AnswersError` (messages are built only when something is wrong)."""
    options = question.option_index
    if value == NOT_APPLICABLE:
        if not question.na:
            _refuse(question, "'not applicable' is not allowed for this question. Valid choices: {shown}")
        return value
    if question.type == "multi":
        chosen = (value,) if isinstance(value, str) else value
        bad = [v for v in chosen if v not in options]
        if bad:
            _refuse(question, f"{', '.join(map(repr, bad))} is not an option. Valid choices: {{shown}}")
        exclusive = [v for v in chosen if question.options[options[v]].exclusive]
        if exclusive and len(chosen) > 1:
            _refuse(question, f"{exclusive[0]!r} cannot be combined with other choices")
        return tuple(sorted(set(chosen), key=options.__getitem__))
    if not isinstance(value, str):
        _refuse(question, "this question takes one choice, not a list. Valid choices: {shown}")
    if value not in options:
        _refuse(question, f"{value!r} is not an option. Valid choices: {{shown}}")
    return value


def _refuse(question: Question, message: str) -> NoReturn:
    """Raise for ``answers.<question id>``; ``{shown}`` in ``message`` becomes the valid choices."""
    field = f"answers.{question.id}"
    shown = ", ".join([o.id for o in question.options] + ([NOT_APPLICABLE] if question.na else []))
    raise AnswersError(f"{field}: {message.replace('{shown}', shown)}", field)


def envelope_to_json(env: Envelope) -> dict[str, Any]:
    out: dict[str, Any] = {"questionnaire": env.questionnaire, "version": env.version}
    if env.saved_at:
        out["saved_at"] = env.saved_at
    out["answers"] = {k: list(v) if isinstance(v, tuple) else v for k, v in env.answers.items()}
    return out
