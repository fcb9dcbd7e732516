"""Knowledge-check quizzes for the onboarding path: scenario questions with one best response each.

:func:`parse_quiz` turns a quiz (a parsed ``content/quizzes/<id>.yml``) into frozen objects and checks what
a schema cannot: unique ids, exactly one best option per question, an explanation and a known practice for
every option. :func:`score_quiz` scores a set of answers (``{question id: option id}``) and explains every
question: what was chosen, whether it was the best response, why, and the practice behind it.

Like the rest of the engine it is pure and stdlib-only: the site build and the browser (through
:mod:`candor.bridge`) call the same code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .answers import AnswersError
from .catalog import PracticeLink
from .jsonable import plain_object

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class QuizError(AnswersError):
    """A quiz or a set of quiz answers is inconsistent. The message names the quiz and the question."""

    def __init__(self, quiz: str, message: str, question: str | None = None) -> None:
        where = f"quiz {quiz!r}" + (f" question {question!r}" if question is not None else "")
        super().__init__(f"{where}: {message}", question or "quiz")
        self.quiz = quiz
        self.question = question


@dataclass(frozen=True)
class QuizOption:
    id: str
    label: str
    best: bool
    explanation: str
    practice: str


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    scenario: str
    prompt: str
    options: tuple[QuizOption, ...]

    @property
    def best(self) -> QuizOption:
        return next(o for o in self.options if o.best)

    def option(self, option_id: str) -> QuizOption | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    questions: tuple[QuizQuestion, ...]
    links: Mapping[str, PracticeLink]

    def question(self, question_id: str) -> QuizQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class QuestionResult:
    question: str
    answered: bool
    chosen: str | None
    chosen_label: str | None
    correct: bool
    best: str
    best_label: str
    chosen_explanation: str | None
    best_explanation: str
    chosen_practice: PracticeLink | None
    practice: PracticeLink  # the practice behind the best response


@dataclass(frozen=True)
class QuizResult:
    quiz: str
    title: str
    correct: int
    total: int
    answered: int
    complete: bool  # every question answered
    score: float  # correct / total, 0 to 1
    percent: int
    summary: str
    questions: tuple[QuestionResult, ...]

    def to_json(self) -> dict[str, Any]:
        """The result exactly as JSON carries it (lists, not tuples), the same on the host and in the browser."""
        return plain_object(self)


def _text(raw: Mapping[str, Any], key: str, quiz: str, question: str | None = None) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise QuizError(quiz, f"{key} must be a non-empty string", question)
    return value.strip()


def _option(raw: Any, quiz: str, question: str, links: Mapping[str, PracticeLink]) -> QuizOption:
    if not isinstance(raw, Mapping):
        raise QuizError(quiz, "every option must be a mapping", question)
    oid = raw.get("id")
    if not isinstance(oid, str) or not _ID.match(oid):
        raise QuizError(quiz, f"option id {oid!r} is not a lower-case id", question)
    best = raw.get("best", False)
    if not isinstance(best, bool):
        raise QuizError(quiz, f"option {oid!r}: best must be true or false", question)
    explanation = raw.get("explanation")
    if not isinstance(explanation, str) or not explanation.strip():
        raise QuizError(quiz, f"option {oid!r} has no explanation", question)
    practice = raw.get("practice")
    if not isinstance(practice, str) or not practice:
        raise QuizError(quiz, f"option {oid!r} has no practice link", question)
    if practice not in links:
        raise QuizError(quiz, f"option {oid!r} links unknown practice {practice!r}", question)
    return QuizOption(oid, _text(raw, "label", quiz, question), best, explanation.strip(), practice)


def _question(raw: Any, quiz: str, links: Mapping[str, PracticeLink]) -> QuizQuestion:
    if not isinstance(raw, Mapping):
        raise QuizError(quiz, "every question must be a mapping")
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.match(qid):
        raise QuizError(quiz, f"question id {qid!r} is not a lower-case id")
    raw_options = raw.get("options")
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        raise QuizError(quiz, "needs at least two options", qid)
    options = tuple(_option(o, quiz, qid, links) for o in raw_options)
    seen: set[str] = set()
    for o in options:
        if o.id in seen:
            raise QuizError(quiz, f"option id {o.id!r} is not unique", qid)
        seen.add(o.id)
    best = [o.id for o in options if o.best]
    if len(best) != 1:
        found = ", ".join(repr(b) for b in best) if best else "none"
        raise QuizError(quiz, f"needs exactly one best option (found {len(best)}: {found})", qid)
    return QuizQuestion(qid, _text(raw, "scenario", quiz, qid), _text(raw, "prompt", quiz, qid), options)


def parse_quiz(raw: Mapping[str, Any], links: Mapping[str, PracticeLink]) -> Quiz:
    """Build a :class:`Quiz` from its data; ``links`` are the practices its options may point at."""
    if not isinstance(raw, Mapping):
        raise QuizError("?", "a quiz must be a mapping")
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.match(qid):
        raise QuizError(str(qid), "the quiz id must be a lower-case id")
    raw_questions = raw.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise QuizError(qid, "has no questions")
    questions = tuple(_question(q, qid, links) for q in raw_questions)
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise QuizError(qid, "question id is not unique", q.id)
        seen.add(q.id)
    used = {o.practice for q in questions for o in q.options}
    return Quiz(qid, _text(raw, "title", qid), questions, {p: links[p] for p in sorted(used)})


def _summary(correct: int, total: int, answered: int) -> str:
    text = f"{correct} of {total} correct"
    if answered < total:
        left = total - answered
        text += f"; {left} question{'s' if left > 1 else ''} not answered yet"
    return text + "."


def score_quiz(quiz: Quiz, answers: Mapping[str, str]) -> QuizResult:
    """Score ``answers`` (question id -> option id; unanswered questions are simply left out)."""
    if not isinstance(answers, Mapping):
        raise QuizError(quiz.id, "answers must map question ids to option ids")
    for question_id, option_id in answers.items():
        question = quiz.question(question_id)
        if question is None:
            known = ", ".join(q.id for q in quiz.questions)
            raise QuizError(quiz.id, f"is not in this quiz (known: {known})", str(question_id))
        if not isinstance(option_id, str) or question.option(option_id) is None:
            choices = ", ".join(o.id for o in question.options)
            raise QuizError(quiz.id, f"{option_id!r} is not one of its options ({choices})", question_id)
    results: list[QuestionResult] = []
    for q in quiz.questions:
        best = q.best
        chosen = q.option(answers[q.id]) if q.id in answers else None
        results.append(
            QuestionResult(
                question=q.id,
                answered=chosen is not None,
                chosen=chosen.id if chosen else None,
                chosen_label=chosen.label if chosen else None,
                correct=chosen is not None and chosen.best,
                best=best.id,
                best_label=best.label,
                chosen_explanation=chosen.explanation if chosen else None,
                best_explanation=best.explanation,
                chosen_practice=quiz.links[chosen.practice] if chosen else None,
                practice=quiz.links[best.practice],
            )
        )
    correct = sum(1 for r in results if r.correct)
    answered = sum(1 for r in results if r.answered)
    total = len(results)
    return QuizResult(
        quiz=quiz.id,
        title=quiz.title,
        correct=correct,
        total=total,
        answered=answered,
        complete=answered == total,
        score=correct / total,
        percent=round(100 * correct / total),
        summary=_summary(correct, total, answered),
        questions=tuple(results),
    )
