"""Reading answers that come from outside: an imported file, a share link, an autosave, a CLI argument.

Every path goes through :func:`check_envelope`, so each gives the same clear message and none changes
anything on failure. Text is size-checked before it is parsed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .answers import AnswersError, Envelope, check_answers, parse_envelope
from .migrate import migrate
from .questionnaire import Questionnaire

MAX_ANSWERS_BYTES = 256 * 1024  # an answers file of the largest check is a few kilobytes


def parse_json_text(text: str) -> Any:
    """Parse JSON text, or raise :class:`AnswersError` naming the line and column."""
    if len(text.encode("utf-8", errors="replace")) > MAX_ANSWERS_BYTES:
        raise AnswersError(
            f"The file is too large ({len(text) // 1024:,} KB). A Candor answers file is at most "
            f"{MAX_ANSWERS_BYTES // 1024} KB.", ""
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersError(f"This is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.", "") from None
    except RecursionError:
        raise AnswersError("This is not a Candor answers file: its JSON nests far too deeply.", "") from None


def check_envelope(data: Any, q: Questionnaire, schema: Mapping[str, Any]) -> tuple[Envelope, list[str]]:
    """Validate an envelope for ``q``; return it with clean answers and notes on anything migrated."""
    env = parse_envelope(data, schema)
    if env.questionnaire != q.id:
        raise AnswersError(
            f"questionnaire: these answers are for {env.questionnaire!r}, not for {q.id!r}.", "questionnaire"
        )
    if env.version > q.version:
        raise AnswersError(
            f"version: these answers were made with version {env.version} of {q.id!r}, newer than this site's "
            f"version {q.version}. Update Candor to read them.", "version"
        )
    answers, notes = migrate(env.answers, env.version, q.version, q.migrations, {x.id: x.text for x in q.questions})
    return Envelope(env.questionnaire, q.version, check_answers(q, answers), env.saved_at), notes


def read_envelope(text: str, q: Questionnaire, schema: Mapping[str, Any]) -> tuple[Envelope, list[str]]:
    return check_envelope(parse_json_text(text), q, schema)
