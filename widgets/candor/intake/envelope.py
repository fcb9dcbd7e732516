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
from candor.model import refusals
from candor.model.answers import Answer, AnswersError, Envelope, check_answers, no_answer, parse_envelope
from candor.model.questionnaire import Questionnaire


def check_envelope(
    data: Any, q: Questionnaire, schema: Mapping[str, Any], reader: refusals.Reader = "page"
) -> tuple[Envelope, list[str]]:
    """Validate an envelope for ``q``; return it with clean answers and notes on anything migrated or left
    unanswered. ``reader`` words what to do for the page or the command line."""
    check_campaign(data.get("campaign") if isinstance(data, dict) else None, schema)  # said in words, before the schema
    if isinstance(data, dict) and data.get("questionnaire") == q.id:
        misshapen = refusals.misshapen(q, data.get("answers"))  # said in words, before the schema
        if misshapen is not None:
            raise AnswersError(*misshapen)
    env = parse_envelope(data, schema)
    if env.questionnaire != q.id:
        raise AnswersError(*refusals.other_check(env.questionnaire, q, reader))
    if env.version > q.version:
        raise AnswersError(*refusals.newer_version(env.version, q, reader))
    answers, notes = migrate(env.answers, env.version, q.version, q.migrations, {x.id: x.text for x in q.questions})
    clean = check_answers(q, answers, reader)
    campaign = check_campaign(env.campaign, schema)
    notes += empty_answer_notes(q, answers) + hidden_answer_notes(q, clean)
    return Envelope(env.questionnaire, q.version, clean, env.saved_at, campaign), notes


def empty_answer_notes(q: Questionnaire, answers: Mapping[str, Answer]) -> list[str]:
    """A note for each empty list given as an answer: it counts as not answered (:func:`candor.model.answers.no_answer`)."""
    return [
        f"The answer to “{question.text}” ({qid}) is an empty list, so it counts as not answered."
        for qid, value in answers.items() if (question := q.question(qid)) is not None and no_answer(question, value)
    ]


def hidden_answer_notes(q: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """A note for each answer kept but not counted, because its question is not asked given the other answers."""
    shown = set(visible_questions(q, answers))
    return [
        f"The answer to “{question.text}” ({qid}) is kept but does not count: with these answers that question "
        "is not asked."
        for qid in answers if qid not in shown and (question := q.question(qid)) is not None
    ]


def read_envelope(
    raw: bytes | str, q: Questionnaire, schema: Mapping[str, Any], parse_yaml: YamlParser | None = None,
    reader: refusals.Reader = "page",
) -> tuple[Envelope, list[str]]:
    """Bytes or text from outside, checked in order (size, UTF-8, format, parse, schema, questionnaire, migration)."""
    return check_envelope(read_data(raw, parse_yaml), q, schema, reader)
