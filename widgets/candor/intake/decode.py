"""Bytes from outside into data: the checks every intake path shares, in this order.

1. **Size**, before anything is decoded or parsed (:data:`MAX_ANSWERS_BYTES`).
2. **Strict UTF-8**: a byte that is not UTF-8 is refused with its place named; a UTF-8 byte-order mark
   (Windows editors add one) is accepted and dropped.
3. **Format from the content**, not the file name: text whose first character is ``{`` or ``[`` is JSON,
   anything else is YAML (``answers.YAML``, ``answers.txt`` and standard input all work).
4. **A bounded parse**: JSON here, with duplicate keys refused; YAML by the caller's parser (the command
   line's :mod:`candor.intake.yaml_answers`, under the same limits), because the engine is stdlib-only. Where no
   YAML parser is given (the browser), YAML is refused with a message that says what to do instead.
5. **No broken character** in what was parsed: an escape such as ``\\ud800`` makes half of a character pair
   from plain text, which no report, file or terminal can hold.

The answers schema, the questionnaire and migrations come after (:mod:`candor.intake.envelope`). Messages are plain;
the technical part (the place in the file, the parser's words) is the error's ``detail``. Both show at most
a few dozen characters of what was read (:func:`candor.util.schema_check.shorten`), so a huge value cannot make a
huge message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from candor.model.answers import AnswersError
from candor.util.schema_check import clip, shorten

# Every limit on input from outside, in one place. They protect the reader, not a policy about answers.
MAX_ANSWERS_BYTES = 256 * 1024  # an answers file of the largest check is a few kilobytes
# Lists and mappings inside each other (JSON or YAML), refused before JSON is parsed. An answers file nests 3
# deep and a bridge request (a check bundle included) under 10; Pyodide's WebAssembly stack overflows, fatally
# for the whole runtime, from about 2,400 levels, before Python's own recursion limit can answer.
MAX_JSON_DEPTH = 32
MAX_YAML_ALIASES = 100  # YAML "*name" references; answers files written by hand need none
MAX_YAML_NODES = 20_000  # values in a YAML file once every alias is expanded; the largest check needs under 1,000
# Digits in a number: Python's own limit on turning text into an integer (its default), which JSON meets while it
# is parsed; YAML's hexadecimal, octal, binary and base-60 integers are held to it too. An answers file needs 1 or 2.
MAX_NUMBER_DIGITS = 4_300

DAMAGED = (
    "This is not a Candor answers file: its text is damaged or incomplete (perhaps cut short, or changed by hand). "
    "Use a file exported from Candor, or correct this one."
)
TOO_LONG_NUMBER = "This is not a Candor answers file: it holds a number far too long to be one of its values."
BOM = "\ufeff"
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')
_YAML_KEY_LINE = re.compile(r"^\s*[\w-]+\s*:(\s|$)", re.MULTILINE)

YamlParser = Callable[[str], Any]


def _too_large(limit: int, what: str) -> AnswersError:
    return AnswersError(
        f"The {what} is too large: a Candor {what} is at most {limit:,} bytes ({limit / 1024:,.0f} KB). "
        "Nothing was read from it.", ""
    )


def _broken_character(half: str, what: str, written: str = "") -> AnswersError:
    return AnswersError(
        f"The {what} holds a broken character, so it cannot be read. Nothing was read from it.", "",
        detail=f"U+{ord(half):04X}{written} is half of a character pair, which no UTF-8 text can hold.",
    )


def check_characters(data: Any, what: str = "answers file") -> None:
    """Refuse a lone surrogate anywhere in parsed data, keys included: a JSON or YAML escape such as ``\\ud800``
    makes one from plain text, and no report, file or terminal can hold it. (Nesting is already bounded.)"""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                half = item[exc.start]
                raise _broken_character(half, what, f" (written \\u{ord(half):04x} in the file)") from None


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, what: str) -> AnswersError:
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return AnswersError(
        f"The {what} is not saved as UTF-8 text, so it cannot be read. Save it as UTF-8 (most editors offer it "
        "under “Save as” or “Encoding”) and try again.", "",
        detail=f"The byte 0x{raw[exc.start]:02X} at line {line}, column {column} is not UTF-8.",
    )


def decode_text(raw: bytes | str, *, limit: int = MAX_ANSWERS_BYTES, what: str = "answers file") -> str:
    """Size first, then strict UTF-8: the text of ``raw`` without a byte-order mark, or :class:`AnswersError`.

    ``raw`` may already be text (the browser hands over a string): its UTF-8 size is what counts, and a
    lone surrogate (half of a character pair, which no UTF-8 file can hold) is refused like a bad byte.
    A reader may stop one byte past ``limit``: anything longer is refused all the same.
    """
    if isinstance(raw, str):
        text = raw
        if len(text) > limit:  # every character is at least one byte: too large without encoding it
            raise _too_large(limit, what)
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _broken_character(text[exc.start], what) from None
    if len(raw) > limit:
        raise _too_large(limit, what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, exc, what) from None
    return text.removeprefix(BOM)


def looks_like_json(text: str) -> bool:
    """True when the first character that is not white space opens a JSON object or array."""
    return text.lstrip(" \t\r\n")[:1] in ("{", "[")


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


def check_json_depth(text: str) -> None:
    """Raise :class:`AnswersError` when ``text`` nests deeper than :data:`MAX_JSON_DEPTH`."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise AnswersError(
            "This is not a Candor answers file: it is built far more deeply than one. Nothing was read from it.", "",
            detail=f"Its brackets nest more than {MAX_JSON_DEPTH} levels deep; an answers file nests 3.",
        )


def loads_bounded(text: str) -> Any:
    """``json.loads`` after the depth check: deep nesting is refused before the parser can recurse.

    Numbers longer than Python's integer-conversion limit raise ``ValueError`` here as well.
    """
    check_json_depth(text)
    return json.loads(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise AnswersError(
                f"The file gives “{clip(key)}” twice in the same place, so Candor cannot tell which one to use. "
                "Keep one of them and try again.", "", detail=f"The key {shorten(key)} appears twice in the same object.",
            )
        out[key] = value
    return out


def parse_json_text(text: str) -> Any:
    """Parse JSON text with its depth checked first and duplicate keys refused; raise :class:`AnswersError`."""
    check_json_depth(text)
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except AnswersError:  # a limit or a duplicate key, refused while reading (also a ValueError)
        raise
    except json.JSONDecodeError as exc:
        what = re.sub(r"\s+at$", "", exc.msg)  # "Unterminated string starting at" is followed by the place
        raise AnswersError(DAMAGED, "", detail=f"JSON: {what} at line {exc.lineno}, column {exc.colno}.") from None
    except (ValueError, RecursionError):  # a number with thousands of digits, or nesting past the check
        raise AnswersError(TOO_LONG_NUMBER, "", detail=f"A number has more than {MAX_NUMBER_DIGITS:,} digits.") from None


def read_data(raw: bytes | str, parse_yaml: YamlParser | None = None) -> Any:
    """Bytes or text from a file, standard input, an import or a share link, checked and parsed into data.

    ``parse_yaml`` reads YAML under the same limits (the command line passes one); without it only JSON is read.
    What was parsed holds no broken character (:func:`check_characters`), whichever format it came in.
    """
    data = _parse(decode_text(raw), parse_yaml)
    check_characters(data)
    return data


def _parse(text: str, parse_yaml: YamlParser | None) -> Any:
    if not text.strip():
        raise AnswersError("The answers file is empty: there is nothing to read in it.", "")
    if parse_yaml is not None and not looks_like_json(text):
        return parse_yaml(text)
    try:
        return parse_json_text(text)
    except AnswersError as json_error:
        if parse_yaml is not None:  # "{questionnaire: x, ...}" is YAML's flow style, not JSON
            try:
                return parse_yaml(text)
            except AnswersError:
                raise json_error from None
        if not looks_like_json(text) and _YAML_KEY_LINE.search(text):
            raise AnswersError(
                "This looks like a YAML answers file, and this page reads only JSON files like the ones “Export "
                "answers” makes. The candor command line reads YAML too.", ""
            ) from None
        raise
