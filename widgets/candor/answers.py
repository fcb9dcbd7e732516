"""Answers files: one envelope everywhere (export, autosave, share link, CLI, tests).

``{"questionnaire": <id>, "version": <n>, "saved_at": <optional>, "campaign": <optional details>, "answers": {<question id>: <option id> |
[<option ids>] | "na"}}``. :func:`parse_answers` checks an envelope against its questionnaire and returns
the answers, or raises :class:`AnswersError` whose message names the field and the valid choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .questionnaire import NOT_APPLICABLE, Questionnaire
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
    campaign: dict[str, str] = field(default_factory=dict)  # optional details for the report (candor.campaign)


def parse_envelope(raw: Any, schema: Mapping[str, Any]) -> Envelope:
    """Check the shape of an envelope against the answers JSON Schema (not yet against a questionnaire)."""
    problems = validate(raw, schema)
    if problems:
        raise AnswersError(f"This is not a Candor answers file: {first_problems(problems)}", problems[0].path)
    answers: Answers = {
        k: tuple(v) if isinstance(v, list) else v for k, v in raw["answers"].items()
    }
    return Envelope(raw["questionnaire"], raw["version"], answers, raw.get("saved_at"), dict(raw.get("campaign", {})))


def check_answers(q: Questionnaire, answers: Mapping[str, Answer]) -> Answers:
    """Check every answer against the questionnaire; return them normalised (multi answers sorted by option order)."""
    clean: Answers = {}
    valid_ids = ", ".join(x.id for x in q.questions)
    for qid, value in answers.items():
        question = q.question(qid)
        field = f"answers.{qid}"
        if question is None:
            raise AnswersError(f"{field}: unknown question id {qid!r} in check {q.id!r}. Valid ids: {valid_ids}", field)
        choices = [o.id for o in question.options] + ([NOT_APPLICABLE] if question.na else [])
        shown = ", ".join(choices)
        if value == NOT_APPLICABLE:
            if not question.na:
                raise AnswersError(f"{field}: 'not applicable' is not allowed for this question. Valid choices: {shown}", field)
            clean[qid] = value
        elif question.type == "multi":
            if isinstance(value, str):
                value = (value,)
            bad = [v for v in value if question.option(v) is None]
            if bad:
                raise AnswersError(f"{field}: {', '.join(map(repr, bad))} is not an option. Valid choices: {shown}", field)
            exclusive = [v for v in value if question.option(v).exclusive]  # type: ignore[union-attr]
            if exclusive and len(value) > 1:
                raise AnswersError(f"{field}: {exclusive[0]!r} cannot be combined with other choices", field)
            order = [o.id for o in question.options]
            clean[qid] = tuple(sorted(set(value), key=order.index))
        else:
            if not isinstance(value, str):
                raise AnswersError(f"{field}: this question takes one choice, not a list. Valid choices: {shown}", field)
            if question.option(value) is None:
                raise AnswersError(f"{field}: {value!r} is not an option. Valid choices: {shown}", field)
            clean[qid] = value
    return clean


def envelope_to_json(env: Envelope) -> dict[str, Any]:
    out: dict[str, Any] = {"questionnaire": env.questionnaire, "version": env.version}
    if env.saved_at:
        out["saved_at"] = env.saved_at
    if env.campaign:
        out["campaign"] = dict(env.campaign)
    out["answers"] = {k: list(v) if isinstance(v, tuple) else v for k, v in env.answers.items()}
    return out
