"""Reading answers that come from outside: an imported file, a share link, an autosave, a CLI argument.

Every path goes through :func:`check_envelope`, so each gives the same clear message and none changes
anything on failure. Text is size-checked before it is parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from .answers import AnswersError, Envelope, check_answers, parse_envelope
from .migrate import migrate
from .questionnaire import Questionnaire

MAX_ANSWERS_BYTES = 256 * 1024  # an answers file of the largest check is a few kilobytes
# Brackets nested deeper than this are refused before parsing. An answers file nests 3 deep and a bridge
# request (a check bundle included) under 10; Pyodide's WebAssembly stack overflows, fatally for the whole
# runtime, from about 2,400 levels, before Python's own recursion limit can answer.
MAX_JSON_DEPTH = 32

_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def json_depth(text: str) -> int:
    """How deep the brackets in JSON text nest (outside strings), counted without parsing or recursion."""
    depth = deepest = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def data_depth(value: Any) -> int:
    """How deep lists and mappings nest in parsed data (YAML), without recursion; stops past the limit.

    Each list or mapping is visited once, so data that refers to itself (YAML aliases) cannot loop.
    """
    deepest, seen, stack = 0, set(), [(value, 1)]
    while stack and deepest <= MAX_JSON_DEPTH:
        item, depth = stack.pop()
        if isinstance(item, list | dict) and id(item) not in seen:
            seen.add(id(item))
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def check_json_depth(text: str, depth: int | None = None) -> None:
    """Raise :class:`AnswersError` when ``text`` (or data of the given ``depth``) nests past :data:`MAX_JSON_DEPTH`."""
    if (json_depth(text) if depth is None else depth) > MAX_JSON_DEPTH:
        raise AnswersError(
            f"This is not a Candor answers file: its brackets nest more than {MAX_JSON_DEPTH} levels deep "
            "(an answers file nests 3). Nothing was read from it.", ""
        )


def loads_bounded(text: str) -> Any:
    """``json.loads`` after the depth check: deep nesting is refused before the parser can recurse.

    Numbers longer than Python's integer-conversion limit raise ``ValueError`` here as well.
    """
    check_json_depth(text)
    return json.loads(text)


def parse_json_text(text: str) -> Any:
    """Parse JSON text, or raise :class:`AnswersError` naming the line and column."""
    if len(text.encode("utf-8", errors="replace")) > MAX_ANSWERS_BYTES:
        raise AnswersError(
            f"The file is too large ({len(text) // 1024:,} KB). A Candor answers file is at most "
            f"{MAX_ANSWERS_BYTES // 1024} KB.", ""
        )
    check_json_depth(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        what = re.sub(r"\s+at$", "", exc.msg)  # "Unterminated string starting at" is followed by the place
        raise AnswersError(f"This is not valid JSON: {what} at line {exc.lineno}, column {exc.colno}.", "") from None
    except (ValueError, RecursionError):  # a number with thousands of digits, or nesting past the check
        raise AnswersError("This is not a Candor answers file: it holds a number far too long to be one of its values.", "") from None


def check_envelope(data: Any, q: Questionnaire, schema: Mapping[str, Any]) -> tuple[Envelope, list[str]]:
    """Validate an envelope for ``q``; return it with clean answers and notes on anything migrated."""
    env = parse_envelope(data, schema)
    if env.questionnaire != q.id:
        raise AnswersError(
            f"questionnaire: these answers are for {env.questionnaire!r}, not for {q.id!r}.", "questionnaire"
        )
    if env.version > q.version:
        raise AnswersError(
            f"version: these answers were made with version {env.version} of {q.id!r}, newer than version {q.version}, "
            "the one this copy of Candor has. Open them with the Candor they were made with, or a newer one.", "version"
        )
    answers, notes = migrate(env.answers, env.version, q.version, q.migrations, {x.id: x.text for x in q.questions})
    return Envelope(env.questionnaire, q.version, check_answers(q, answers), env.saved_at), notes


def read_envelope(text: str, q: Questionnaire, schema: Mapping[str, Any]) -> tuple[Envelope, list[str]]:
    return check_envelope(parse_json_text(text), q, schema)
