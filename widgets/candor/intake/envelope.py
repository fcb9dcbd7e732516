"""Reading answers that come from outside: an imported file, a share link, an autosave, a CLI argument.

Every path goes through :func:`read_envelope` (bytes or text: size, strict UTF-8, format and a bounded parse
in :mod:`candor.intake.decode`) and :func:`check_envelope` (schema, questionnaire, migration), so each gives the
same clear message and none changes anything on failure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from candor.checks.visibility import visible_questions
from candor.intake.campaign import check_campaign
from candor.intake.decode import YamlParser, read_data
from candor.intake.migrate import migrate
from candor.model.answers import AnswersError, Envelope, check_answers, parse_envelope
from candor.model.questionnaire import Questionnaire
from candor.util.schema_check import clip, shorten


def check_envelope(data: Any, q: Questionnaire, schema: Mapping[str, Any]) -> tuple[Envelope, list[str]]:
    """Validate an envelope for ``q``; return it with clean answers and notes on anything migrated."""
    check_campaign(data.get("campaign") if isinstance(data, dict) else None, schema)  # said in words, before the schema
    env = parse_envelope(data, schema)
    if env.questionnaire != q.id:
        raise AnswersError(
            f"These answers are for another check (“{clip(env.questionnaire)}”), not this one. Open them on that "
            "check's page.", "questionnaire", detail=f"questionnaire: {shorten(env.questionnaire)}, expected {q.id!r}.",
        )
    if env.version > q.version:
        raise AnswersError(
            f"These answers were made with version {env.version} of this check, newer than version {q.version} on this "
            "site, so they cannot be read here. Open them with the copy of Candor they were made with, or a newer one.",
            "version", detail=f"version: {env.version}, newer than {q.version}.",
        )
    answers, notes = migrate(env.answers, env.version, q.version, q.migrations, {x.id: x.text for x in q.questions})
    clean = check_answers(q, answers)
    campaign = check_campaign(env.campaign, schema)
    return Envelope(env.questionnaire, q.version, clean, env.saved_at, campaign), notes + hidden_answer_notes(q, clean)


def hidden_answer_notes(q: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """A note for each answer kept but not counted, because its question is not asked given the other answers."""
    shown = set(visible_questions(q, answers))
    return [
        f"The answer to “{question.text}” ({qid}) is kept but does not count: with these answers that question "
        "is not asked."
        for qid in answers if qid not in shown and (question := q.question(qid)) is not None
    ]


def read_envelope(
    raw: bytes | str, q: Questionnaire, schema: Mapping[str, Any], parse_yaml: YamlParser | None = None
) -> tuple[Envelope, list[str]]:
    """Bytes or text from outside, checked in order (size, UTF-8, format, parse, schema, questionnaire, migration)."""
    return check_envelope(read_data(raw, parse_yaml), q, schema)
