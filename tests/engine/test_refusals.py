"""Messages for answers that cannot be used, as the page shows them: plain words for a marketer (what happened,
what to do), with the technical part (parser words, schema rules, ids) apart in ``detail``."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from candor import bridge
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import raw_checks

from ..conftest import CONTENT

GOOD = {"questionnaire": "disclosure", "version": 3, "answers": {"made": ["chatbot"], "tr-chatbot-disclosed": "if-asked"}}
# What a marketer should never have to read in a message (it may appear in the detail).
TECHNICAL = re.compile(r"\^|\$|\\\(|line \d|column \d|JSON|YAML|Expecting|Unterminated|answers\.[a-z]|'[a-z-]+'|\bwas not used\b")


@pytest.fixture(scope="module")
def read(catalog: Catalog, schemas: dict[str, Any]) -> Any:
    bundle = make_bundle(catalog, raw_checks(CONTENT)["disclosure"], schemas["answers"])
    assert json.loads(bridge.handle(json.dumps({"op": "load", "bundle": bundle})))["ok"]
    return lambda text: json.loads(bridge.handle(json.dumps({"op": "read", "check": "disclosure", "text": text})))


def changed(**parts: Any) -> str:
    return json.dumps({**GOOD, **parts})


CASES = {
    "cut short": ('{"questionnaire": "disc', "its text is damaged or incomplete",
                  "JSON: Unterminated string starting at line 1, column 19."),
    "bad check name": (changed(questionnaire="Not A Check!"), "the name of its check is missing or not written as Candor writes it",
                       "does not match ^[a-z0-9]+(-[a-z0-9]+)*$"),
    "no version": (json.dumps({"questionnaire": "disclosure", "answers": {}}), "the version of its check is missing",
                   "version: is required but missing"),
    "answers as a list": (changed(answers=["chatbot"]), "its answers are missing or not written as Candor writes them",
                          "answers: expected object"),
    "another check": (changed(questionnaire="outreach"), "These answers are for another check (“outreach”), not this one.",
                      "questionnaire: 'outreach', expected 'disclosure'."),
    "unknown question": (changed(answers={"colour": "red"}), "These answers include one to a question this check does not have",
                         "answers.colour: 'colour' is not a question of check 'disclosure' (version 3)."),
    "not an option": (changed(answers={"tr-chatbot-disclosed": "sometimes"}), "The answer to “",
                      "answers.tr-chatbot-disclosed: 'sometimes' is not an option. "
                      "Valid choices: first-message, label-only, if-asked, never."),
    "list for one choice": (changed(answers={"tr-chatbot-disclosed": ["never"]}), "gives several choices, but the question takes one",
                            "answers.tr-chatbot-disclosed: a list where one choice is expected."),
    # Answers not written as choices at all: said with how to write them (issue 29).
    "unquoted no": (changed(answers={"made": ["images"], "real-person": False}),
                    'was read as false, not as one of its choices: put it in quotes: "no"',
                    "answers.real-person: false (YAML reads an unquoted no, yes, on or off as false or true)."),
    "empty list for one choice": (changed(answers={"made": ["chatbot"], "tr-chatbot-disclosed": []}),
                                  "gives an empty list, but the question takes one choice. Write one of its choices, or "
                                  "leave the question out to leave it unanswered.",
                                  "answers.tr-chatbot-disclosed: an empty list where one choice is expected."),
    "named parts": (changed(answers={"made": {}}), "is a set of named parts, not a choice",
                    "answers.made: a mapping where a choice is expected."),
    "empty": (changed(answers={"made": ["chatbot"], "tr-chatbot-disclosed": None}), "is empty. Write one of its choices",
              "answers.tr-chatbot-disclosed: no value."),
    "a number": (changed(answers={"made": [1]}), "is a number, not one of its choices", "answers.made: the number 1."),
    "capitals": (changed(answers={"made": ["Chatbot"]}), "but choices are written in lower case: write “chatbot”.",
                 "answers.made: 'Chatbot' is not an option (ids are lower case)."),
    "question in capitals": (changed(answers={"Made": ["chatbot"]}),
                             "These answers name a question “Made”, but questions are written in lower case: write “made”.",
                             "answers.'Made': ids are lower case."),
    "extra part": (changed(comment="first draft"), "it has a part called “comment”, which an answers file does not have "
                   "(an answers file has questionnaire, version, saved_at, campaign and answers)",
                   "comment: is not allowed here"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_refusal_is_plain_and_its_technical_detail_apart(read: Any, case: str) -> None:
    text, plain, technical = CASES[case]
    error = read(text)["error"]
    assert plain in error["message"] and technical in error["detail"], error
    assert not TECHNICAL.search(error["message"]), error["message"]
    assert error["message"].endswith(".") and error["message"][0].isupper()
    assert len(error["message"]) < 300


def test_unknown_questions_never_list_every_id(read: Any) -> None:
    error = read(changed(answers={f"q{i}": "x" for i in range(60)}))["error"]
    assert "Valid ids" not in error["message"] + error["detail"] and "made" not in error["detail"]
    assert len(error["message"]) < 300 and len(error["detail"]) < 120


def test_an_internal_fault_is_said_plainly_with_the_fault_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setitem(bridge._OPS, "info", broken)
    error = json.loads(bridge.handle('{"op": "info"}'))["error"]
    assert error["message"] == bridge.INTERNAL_ERROR and error["detail"] == "KeyError: 'boom'"
