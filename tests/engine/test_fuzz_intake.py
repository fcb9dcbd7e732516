"""Fuzzing the bridge's "read" op from the host: random text, random JSON, mutated valid envelopes.

"read" is the one door for answers from outside (an imported file, a share link, an old autosave). Whatever
comes in, candor.bridge.handle must return JSON, {"ok": true, "result": {"envelope", "notes"}} or
{"ok": false, "error": {"message", "field"}}, and never raise. For requests the page can actually send (a
string of text for a loaded check) a refusal must also be a message for the user, not an internal error.

Examples per test: 300 with CI=true, otherwise 200; CANDOR_EXAMPLES can ask for more. The edges are not left
to chance: empty text, brackets nested exactly to the depth limit and one level past it, and a file exactly at
the size limit and one byte past it are explicit examples.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from candor import bridge
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import raw_checks
from candor.intake.decode import MAX_ANSWERS_BYTES, MAX_JSON_DEPTH
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ..conftest import CONTENT

_FLOOR = 300 if os.environ.get("CI") == "true" else 200
EXAMPLES = max(_FLOOR, int(os.environ.get("CANDOR_EXAMPLES") or 0))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW = raw_checks(CONTENT)
CHECKS = sorted(RAW)
OPTIONS = {cid: {q["id"]: [o["id"] for o in q.get("options", [])] for q in raw["questions"]} for cid, raw in RAW.items()}


@pytest.fixture(scope="module", autouse=True)
def _loaded(catalog: Catalog, schemas: dict[str, Any]) -> None:
    for raw in RAW.values():
        reply = json.loads(bridge.handle(json.dumps({"op": "load", "bundle": make_bundle(catalog, raw, schemas["answers"])})))
        assert reply["ok"], reply


def read(check: Any, text: Any) -> tuple[str, dict[str, Any]]:
    raw = bridge.handle(json.dumps({"op": "read", "check": check, "text": text}))
    return raw, checked_reply(raw)


def checked_reply(raw: Any) -> dict[str, Any]:
    """The reply's shape: JSON text of exactly {ok: true, result} or {ok: false, error: {message, field}}."""
    assert isinstance(raw, str)
    reply = json.loads(raw)
    assert isinstance(reply, dict) and isinstance(reply.get("ok"), bool), raw
    if reply["ok"]:
        assert set(reply) == {"ok", "result"}, raw
    else:
        assert set(reply) == {"ok", "error"}, raw
        error = reply["error"]
        assert isinstance(error.get("message"), str) and error["message"].strip(), raw
        assert isinstance(error.get("field"), str), raw
    return reply


def assert_page_reply(check: str, text: str) -> None:
    """A request the page can send: a clean envelope for this check, or a message for the user."""
    _, reply = read(check, text)
    if not reply["ok"]:
        assert "internal error" not in reply["error"]["message"], (text[:300], reply)
        return
    result = reply["result"]
    envelope = result["envelope"]
    assert envelope["questionnaire"] == check
    assert envelope["version"] == RAW[check]["version"]
    assert isinstance(envelope["answers"], dict)
    assert isinstance(result["notes"], list) and all(isinstance(n, str) for n in result["notes"])
    for qid, value in envelope["answers"].items():
        assert qid in OPTIONS[check], qid
        for option in value if isinstance(value, list) else [value]:
            assert option in [*OPTIONS[check][qid], "na"], (qid, option)
    again = checked_reply(bridge.handle(json.dumps({"op": "read", "check": check, "text": json.dumps(envelope)})))
    assert again["ok"] and again["result"]["envelope"]["answers"] == envelope["answers"], "a clean envelope reads back the same"


# ---- strategies ------------------------------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=300)  # surrogates and control characters too
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | any_text
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=6) | st.dictionaries(any_text, inner, max_size=6), max_leaves=30)


@st.composite
def envelopes(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """An envelope for a real check, most of it right, some of it not."""
    check = draw(st.sampled_from(CHECKS))
    questions = OPTIONS[check]
    answers: dict[Any, Any] = {}
    for qid in draw(st.lists(st.sampled_from(sorted(questions)) | any_text, max_size=len(questions) + 2, unique=True)):
        options = questions.get(qid) or ["x"]
        answers[qid] = draw(
            st.sampled_from(options)
            | st.just("na")
            | st.lists(st.sampled_from(options), max_size=len(options) + 1)
            | json_values
        )
    envelope: dict[str, Any] = {
        "questionnaire": draw(st.just(check) | st.sampled_from(CHECKS) | json_values),
        "version": draw(st.just(RAW[check]["version"]) | st.integers(-3, 10**20) | json_values),
        "answers": draw(st.just(answers) | json_values),
    }
    if draw(st.booleans()):
        envelope["saved_at"] = draw(st.just("2026-01-31T12:00:00Z") | json_values)
    if draw(st.integers(0, 4)) == 0:
        envelope[draw(any_text)] = draw(json_values)
    if draw(st.integers(0, 4)) == 0:
        del envelope[draw(st.sampled_from(sorted(envelope)))]
    return check, envelope


SPLICES = ['"', "{", "}", "[", "]", ",", ":", "\\", "\\u", "\x00", "\ud800", "1e999", "NaN", "-"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """The JSON text of an envelope, then cut, spliced and corrupted as a damaged file or link would be."""
    check, envelope = draw(envelopes())
    text = json.dumps(envelope, ensure_ascii=draw(st.booleans()), indent=draw(st.none() | st.integers(0, 2)))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "insert", "replace", "truncate", "repeat"]))
        if op == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif op == "insert":
            text = text[:at] + draw(st.sampled_from(SPLICES) | any_text) + text[at:]
        elif op == "replace" and text:
            text = text[:at] + draw(st.characters(exclude_categories=())) + text[at + 1 :]
        elif op == "truncate":
            text = text[:at]
        else:
            text = text[:at] + text[at : at + draw(st.integers(1, 20))] * draw(st.integers(2, 50)) + text[at:]
    return check, text


# ---- properties ------------------------------------------------------------------------------------------


@SETTINGS
@given(check=st.sampled_from(CHECKS), text=any_text)
@example(check="disclosure", text="")
@example(check="disclosure", text="[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
@example(check="disclosure", text="[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))
@example(check="disclosure", text=" " * (MAX_ANSWERS_BYTES - 2) + "{}")
@example(check="disclosure", text=" " * (MAX_ANSWERS_BYTES - 1) + "{}")
def test_random_text(check: str, text: str) -> None:
    assert_page_reply(check, text)


@SETTINGS
@given(check=st.sampled_from(CHECKS), value=json_values)
@example(check="disclosure", value={"questionnaire": "disclosure", "version": 1, "answers": {"__proto__": "x"}})
@example(check="disclosure", value={"questionnaire": "disclosure", "version": True, "answers": {}})
def test_random_json(check: str, value: Any) -> None:
    assert_page_reply(check, json.dumps(value))


@SETTINGS
@given(case=envelopes())
def test_envelopes_right_and_wrong(case: tuple[str, dict[str, Any]]) -> None:
    check, envelope = case
    assert_page_reply(check, json.dumps(envelope))


@SETTINGS
@given(case=mutated())
def test_mutated_envelopes(case: tuple[str, str]) -> None:
    check, text = case
    assert_page_reply(check, text)


@SETTINGS
@given(request=st.fixed_dictionaries({"op": st.just("read")}, optional={"check": json_values | st.sampled_from(CHECKS),
                                                                    "text": json_values}))
def test_any_read_request_is_answered_and_never_raises(request: dict[str, Any]) -> None:
    """Requests the page never sends (text not a string, no check, a list for a check): still a JSON answer."""
    checked_reply(bridge.handle(json.dumps(request)))


@SETTINGS
@given(raw=any_text | json_values.map(json.dumps))
def test_any_request_text_is_answered_and_never_raises(raw: str) -> None:
    checked_reply(bridge.handle(raw))


@pytest.mark.parametrize("depth", [2000, 50_000])
def test_deeply_nested_json_is_refused_with_a_message(depth: int) -> None:
    """A small file (or a share link of a few kilobytes) of nested brackets must get a message, not a crash."""
    for text in ("[" * depth + "]" * depth, '{"questionnaire": "disclosure", "version": 1, "answers": ' + "[" * depth):
        assert_page_reply("disclosure", text)


def test_fuzzing_leaves_the_loaded_checks_as_they_were() -> None:
    info = checked_reply(bridge.handle('{"op": "info"}'))
    assert info["result"]["checks"] == {cid: RAW[cid]["version"] for cid in CHECKS}
