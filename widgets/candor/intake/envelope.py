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
from candor.model.answers import Answer, Answers, AnswersError, Envelope, check_answers, no_answer, parse_envelope
from candor.model.questionnaire import Questionnaire


def check_envelope(
    data: Any, q: Questionnaire, schema: Mapping[str, Any], reader: refusals.Reader = "page",
    others: Mapping[str, Questionnaire] | None = None,
) -> tuple[Envelope, list[str]]:
    """Validate an envelope for ``q``; return it with clean answers and notes on anything migrated or left
    unanswered. ``reader`` words what to do for the page or the command line.

    With ``others`` (every check, by id), one campaign's answers carry across checks: a file made with another
    check is brought forward with that check's migrations and scored with ``q``, and an answer to a question of
    the bank that ``q`` does not ask is kept (``Envelope.kept``) and reported as not asked, never refused."""
    others = others or {}
    check_campaign(data.get("campaign") if isinstance(data, dict) else None, schema)  # said in words, before the schema
    if isinstance(data, dict) and data.get("questionnaire") == q.id:
        misshapen = refusals.misshapen(q, data.get("answers"))  # said in words, before the schema
        if misshapen is not None:
            raise AnswersError(*misshapen)
    env = parse_envelope(data, schema)
    made_with = q if env.questionnaire == q.id else others.get(env.questionnaire)
    if made_with is None:
        raise AnswersError(*refusals.other_check(env.questionnaire, q, reader))
    if env.version > made_with.version:
        raise AnswersError(*refusals.newer_version(env.version, made_with, reader))
    answers, notes = migrate(env.answers, env.version, made_with.version, made_with.migrations,
                             {x.id: x.text for x in made_with.questions})
    asked, kept = carried(q, answers, others, reader)
    clean = check_answers(q, asked, reader)
    campaign = check_campaign(env.campaign, schema)
    if made_with is not q:
        notes.append(f"These answers were made with “{made_with.title}” ({made_with.id}); “{q.title}” asks {len(clean)} of them.")
    notes += empty_answer_notes(q, asked) + hidden_answer_notes(q, clean) + not_asked_notes(q, kept, others)
    return Envelope(q.id, q.version, clean, env.saved_at, campaign, kept), notes


def carried(q: Questionnaire, answers: Mapping[str, Answer], others: Mapping[str, Questionnaire],
            reader: refusals.Reader = "page") -> tuple[dict[str, Answer], Answers]:
    """The answers ``q`` asks, and the answers to bank questions it does not ask (checked against a check that
    asks them). An id no check asks stays with the first group, so it is refused as before."""
    asked: dict[str, Answer] = {}
    kept: Answers = {}
    for qid, value in answers.items():
        owner = None if q.question(qid) is not None else next((o for o in others.values() if o.question(qid)), None)
        if owner is None:
            asked[qid] = value
        else:
            kept.update(check_answers(owner, {qid: value}, reader))
    return asked, kept


def not_asked_notes(q: Questionnaire, kept: Mapping[str, Answer], others: Mapping[str, Questionnaire]) -> list[str]:
    """One note for the answers kept but not asked by this check, naming each and the checks that ask them."""
    if not kept:
        return []
    titles = dict.fromkeys(o.title for o in others.values() if o.id != q.id and any(o.question(qid) for qid in kept))
    return [f"{len(kept)} answer{'s are' if len(kept) > 1 else ' is'} not asked by this check, so kept but not scored "
            f"(asked by: {'; '.join(titles)}): {', '.join(kept)}."]


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
