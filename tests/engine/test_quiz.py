"""Knowledge-check quizzes: parsing (QuizError names the quiz and question), scoring and the bridge ops."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from candor import bridge
from candor.learning.quiz import Quiz, QuizError, parse_quiz, score_quiz
from candor.model.links import PracticeLink
from candor.util.schema_check import validate

from ..conftest import CONTENT

LINKS = {
    "TR-01": PracticeLink("TR-01", "Tell people when they are talking to an AI", "guidance/transparency/#TR-01"),
    "TR-04": PracticeLink("TR-04", "Make AI disclosures clear, close and hard to miss", "guidance/transparency/#TR-04"),
    "HO-01": PracticeLink("HO-01", "Have a person review AI-generated content", "guidance/oversight/#HO-01"),
}

RAW: dict[str, Any] = {
    "id": "sample",
    "title": "Sample knowledge check",
    "questions": [
        {
            "id": "chatbot",
            "scenario": "Your shop launches a chatbot that only says it is an AI if someone asks.",
            "prompt": "What do you recommend?",
            "options": [
                {"id": "keep", "label": "Keep it", "explanation": "Leaves the burden on the customer.", "practice": "TR-01"},
                {"id": "first", "label": "Say so in the first message", "best": True, "explanation": "People know from the start.",
                 "practice": "TR-01"},
                {"id": "terms", "label": "Put it in the terms", "explanation": "Nobody reads the terms.", "practice": "TR-04"},
            ],
        },
        {
            "id": "autopost",
            "scenario": "A tool offers to write and auto-post daily tips with AI.",
            "prompt": "How do you use it?",
            "options": [
                {"id": "queue", "label": "Queue and approve", "best": True, "explanation": "A person approves each post.",
                 "practice": "HO-01"},
                {"id": "auto", "label": "Auto-post", "explanation": "Mistakes reach customers.", "practice": "HO-01"},
            ],
        },
    ],
}


def raw(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    data.update(changes)
    return data


@pytest.fixture
def quiz() -> Quiz:
    return parse_quiz(RAW, LINKS)


class TestParse:
    def test_a_valid_quiz(self, quiz: Quiz) -> None:
        assert quiz.id == "sample"
        assert [q.id for q in quiz.questions] == ["chatbot", "autopost"]
        assert quiz.questions[0].best.id == "first"
        assert set(quiz.links) == {"TR-01", "TR-04", "HO-01"}

    def test_two_best_options(self) -> None:
        data = raw()
        data["questions"][0]["options"][0]["best"] = True
        with pytest.raises(QuizError, match=r"quiz 'sample' question 'chatbot': needs exactly one best option \(found 2"):
            parse_quiz(data, LINKS)

    def test_no_best_option(self) -> None:
        data = raw()
        data["questions"][1]["options"][0]["best"] = False
        with pytest.raises(QuizError, match=r"quiz 'sample' question 'autopost': needs exactly one best option \(found 0"):
            parse_quiz(data, LINKS)

    def test_unknown_practice(self) -> None:
        data = raw()
        data["questions"][1]["options"][1]["practice"] = "ZZ-99"
        with pytest.raises(QuizError, match=r"question 'autopost': option 'auto' links unknown practice 'ZZ-99'"):
            parse_quiz(data, LINKS)

    def test_duplicate_ids(self) -> None:
        data = raw()
        data["questions"][1]["id"] = "chatbot"
        with pytest.raises(QuizError, match=r"quiz 'sample' question 'chatbot': question id is not unique"):
            parse_quiz(data, LINKS)
        data = raw()
        data["questions"][0]["options"][2]["id"] = "keep"
        with pytest.raises(QuizError, match=r"question 'chatbot': option id 'keep' is not unique"):
            parse_quiz(data, LINKS)

    def test_what_the_schema_checks_is_left_to_the_schema(self) -> None:
        """Missing explanations or practices, too few options, blank prompts and bad ids are quiz.schema.json's
        job (the catalogue validates every quiz before parsing it); the schema names where each one is."""
        schema = json.loads((CONTENT / "schema" / "quiz.schema.json").read_text(encoding="utf-8"))
        data = raw()
        del data["questions"][0]["options"][2]["explanation"]
        del data["questions"][0]["options"][1]["practice"]
        data["questions"][0]["prompt"] = " "
        data["questions"][1]["options"] = data["questions"][1]["options"][:1]
        data["id"] = "Not An Id"
        found = "\n".join(str(p) for p in validate(data, schema))
        for where in ("questions[0].options[2]", "questions[0].options[1]", "questions[0].prompt", "questions[1].options", "id"):
            assert f"{where}" in found, where

    def test_quiz_error_is_a_value_error_with_the_question_as_field(self) -> None:
        error = QuizError("sample", "something is wrong", "chatbot")
        assert isinstance(error, ValueError)
        assert error.field == "chatbot" and error.quiz == "sample"


class TestScore:
    def test_all_best(self, quiz: Quiz) -> None:
        r = score_quiz(quiz, {"chatbot": "first", "autopost": "queue"})
        assert (r.correct, r.total, r.answered, r.complete, r.score, r.percent) == (2, 2, 2, True, 1.0, 100)
        assert r.summary == "2 of 2 correct."
        first = r.questions[0]
        assert first.correct and first.chosen == first.best == "first"
        assert first.chosen_explanation == first.best_explanation == "People know from the start."
        assert first.practice == LINKS["TR-01"] and first.chosen_practice == LINKS["TR-01"]

    def test_a_wrong_answer_explains_both_options(self, quiz: Quiz) -> None:
        r = score_quiz(quiz, {"chatbot": "terms", "autopost": "queue"})
        assert (r.correct, r.total, r.score, r.percent) == (1, 2, 0.5, 50)
        q = r.questions[0]
        assert not q.correct and q.answered
        assert (q.chosen, q.chosen_label, q.best, q.best_label) == ("terms", "Put it in the terms", "first", "Say so in the first message")
        assert q.chosen_explanation == "Nobody reads the terms."
        assert q.best_explanation == "People know from the start."
        assert q.chosen_practice == LINKS["TR-04"] and q.practice == LINKS["TR-01"]

    def test_unanswered_questions_count_as_not_correct(self, quiz: Quiz) -> None:
        r = score_quiz(quiz, {"autopost": "queue"})
        assert (r.correct, r.total, r.answered, r.complete, r.score) == (1, 2, 1, False, 0.5)
        assert r.summary == "1 of 2 correct; 1 question not answered yet."
        q = r.questions[0]
        assert not q.answered and not q.correct and q.chosen is None and q.chosen_explanation is None
        assert q.best == "first" and q.practice == LINKS["TR-01"]
        assert score_quiz(quiz, {}).score == 0

    def test_unknown_question_or_option(self, quiz: Quiz) -> None:
        with pytest.raises(QuizError, match=r"quiz 'sample' question 'nope': is not in this quiz \(known: chatbot, autopost\)"):
            score_quiz(quiz, {"nope": "first"})
        with pytest.raises(QuizError, match=r"quiz 'sample' question 'chatbot': 'queue' is not one of its options \(keep, first, terms\)"):
            score_quiz(quiz, {"chatbot": "queue"})
        with pytest.raises(QuizError, match="is not one of its options"):
            score_quiz(quiz, {"chatbot": ["first"]})  # type: ignore[dict-item]

    def test_to_json_round_trips(self, quiz: Quiz) -> None:
        data = score_quiz(quiz, {"chatbot": "keep"}).to_json()
        assert json.loads(json.dumps(data)) == data
        assert isinstance(data["questions"], list)
        link = LINKS["TR-01"]
        assert data["questions"][0]["chosen_practice"] == {"id": "TR-01", "title": link.title, "url": link.url, "templates": []}
        assert data["questions"][1]["chosen_practice"] is None


def call(request: dict[str, Any]) -> dict[str, Any]:
    return json.loads(bridge.handle(json.dumps(request)))


class TestBridge:
    def bundle(self) -> dict[str, Any]:
        return {"quiz": RAW, "practices": {pid: {"id": p.id, "title": p.title, "url": p.url} for pid, p in LINKS.items()}}

    def test_load_then_score(self) -> None:
        assert call({"op": "quiz-load", "bundle": self.bundle()}) == {"ok": True, "result": {"id": "sample"}}
        reply = call({"op": "quiz-score", "quiz": "sample", "answers": {"chatbot": "first", "autopost": "auto"}})
        assert reply["ok"] and reply["result"]["correct"] == 1 and reply["result"]["total"] == 2
        assert reply["result"]["questions"][1]["best"] == "queue"

    def test_bad_requests_are_errors_with_the_question(self) -> None:
        call({"op": "quiz-load", "bundle": self.bundle()})
        bad = call({"op": "quiz-score", "quiz": "sample", "answers": {"chatbot": "nope"}})
        assert bad["ok"] is False and bad["error"]["field"] == "chatbot"
        assert "quiz 'sample' question 'chatbot'" in bad["error"]["message"]
        assert "unknown quiz" in call({"op": "quiz-score", "quiz": "missing", "answers": {}})["error"]["message"]
        broken = self.bundle()
        broken["quiz"] = raw()
        broken["quiz"]["questions"][0]["options"][0]["best"] = True
        reply = call({"op": "quiz-load", "bundle": broken})
        assert reply["ok"] is False and "needs exactly one best option" in reply["error"]["message"]
