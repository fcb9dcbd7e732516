"""The JSDoc types of the bridge's replies (widgets/js/bridge-replies.mjs, checked by TypeScript in scripts/test)
name exactly the fields the bridge sends: each typed reply is compared with a real one, so a field the engine adds,
renames or drops fails here until the types say so too."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from candor import bridge
from candor.compiler.bundle import browser_bundles
from candor.compiler.catalog import Catalog

from ..conftest import ROOT

TYPES = ROOT / "widgets" / "js" / "bridge-replies.mjs"
_BLOCK = re.compile(r"/\*\*((?:(?!\*/).)*?)@typedef \{object\} (\w+)((?:(?!\*/).)*)\*/", re.S)
_PROPERTY = re.compile(r"@property \{(?:[^{}]|\{[^{}]*\})*\} (\[?)(\w+)")  # a type may hold one level of braces


def typed_fields(text: str) -> dict[str, tuple[set[str], set[str]]]:
    """Each `@typedef {object}` of the file: its required and its optional (`[name]`) properties."""
    found = {}
    for match in _BLOCK.finditer(text):
        props = _PROPERTY.findall(match.group(3))
        found[match.group(2)] = ({name for optional, name in props if not optional}, {name for optional, name in props if optional})
    return found


def call(request: dict[str, Any]) -> Any:
    reply = json.loads(bridge.handle(json.dumps(request)))
    assert reply["ok"], reply
    return reply["result"]


@pytest.fixture(scope="module")
def replies(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """One real reply of each typed shape, from the bundles the browser loads."""
    bundles = browser_bundles(catalog)
    call({"op": "load", "bundle": bundles["checks/disclosure.json"]})
    answers = {"made": ["chatbot"], "profile-regions": ["eu"]}
    result = call({"op": "evaluate", "check": "disclosure", "answers": answers, "today": "2026-12-07"})
    text = json.dumps({"questionnaire": "disclosure", "version": result["version"], "saved_at": "2026-12-07T00:00:00Z",
                       "campaign": {"name": "Winter"}, "answers": {"made": ["chatbot"]}})
    read = call({"op": "read", "check": "disclosure", "text": text})
    error = json.loads(bridge.handle(json.dumps({"op": "read", "check": "disclosure", "text": "{"})))["error"]
    quiz = next(uri for uri in bundles if uri.startswith("quizzes/"))
    quiz_id = call({"op": "quiz-load", "bundle": bundles[quiz]})["id"]
    scored = call({"op": "quiz-score", "quiz": quiz_id, "answers": {}})
    call({"op": "tool-load", "bundle": bundles["tools/bias-audit.json"]})
    audit = call({"op": "bias-audit", "tool": "bias-audit", "csv": "group,reached,eligible\nA,30,100\nB,60,100\n"})
    return {
        "CheckResult": result, "Completeness": result["completeness"], "Envelope": read["envelope"], "BridgeError": error,
        "QuizResult": scored, "QuizQuestionResult": scored["questions"][0], "BiasResult": audit,
    }


def test_every_typed_reply_is_compared() -> None:
    assert set(typed_fields(TYPES.read_text(encoding="utf-8"))) == {
        "BridgeError", "Completeness", "CheckResult", "Envelope", "QuizQuestionResult", "QuizResult", "BiasResult"}


@pytest.mark.parametrize("name", ["BridgeError", "Completeness", "CheckResult", "Envelope", "QuizQuestionResult", "QuizResult"])
def test_the_types_name_every_field_the_bridge_sends(name: str, replies: dict[str, dict[str, Any]]) -> None:
    required, optional = typed_fields(TYPES.read_text(encoding="utf-8"))[name]
    sent = set(replies[name])
    assert required <= sent, f"{name}: typed but not sent: {sorted(required - sent)}"
    assert sent <= required | optional, f"{name}: sent but not typed: {sorted(sent - required - optional)}"


def test_the_bias_result_types_what_the_widget_reads(replies: dict[str, dict[str, Any]]) -> None:
    """The audit carries more figures than the widget reads (the table holds them formatted): what is typed is sent."""
    required, _ = typed_fields(TYPES.read_text(encoding="utf-8"))["BiasResult"]
    assert required <= set(replies["BiasResult"]), sorted(required - set(replies["BiasResult"]))


def test_the_comparison_finds_a_field_left_out() -> None:
    text = "/** @typedef {object} X\n * @property {string} a\n * @property {number} [b] maybe\n * @property {{ d: 1 }} c\n */"
    assert typed_fields(text) == {"X": ({"a", "c"}, {"b"})}
