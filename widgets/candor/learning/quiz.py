"""Knowledge-check quizzes for the onboarding path: scenario questions with one best response each.

:func:`parse_quiz` turns a quiz (a parsed ``content/quizzes/<id>.yml``, already valid against
``quiz.schema.json``) into frozen objects and checks what a schema cannot: unique ids, exactly one best option
per question, and a known practice for every option. :func:`score_quiz` scores a set of answers
(``{question id: option id}``) and explains every question: what was chosen, whether it was the best
response, why, and the practice behind it.

Like the rest of the engine it is pure and stdlib-only: the site build and the browser (through
:mod:`candor.bridge`) call the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from candor.model.answers import AnswersError
from candor.model.links import PracticeLink
from candor.util.jsonable import plain_object


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


def _question(raw: Mapping[str, Any], quiz: str, links: Mapping[str, PracticeLink]) -> QuizQuestion:
    qid = raw["id"]
    options = tuple(QuizOption(o["id"], o["label"].strip(), o.get("best", False), o["explanation"].strip(), o["practice"])
                    for o in raw["options"])
    for o in options:
        if o.practice not in links:
            raise QuizError(quiz, f"option {o.id!r} links unknown practice {o.practice!r}", qid)
        if sum(1 for x in options if x.id == o.id) > 1:
            raise QuizError(quiz, f"option id {o.id!r} is not unique", qid)
    best = [o.id for o in options if o.best]
    if len(best) != 1:
        found = ", ".join(repr(b) for b in best) if best else "none"
        raise QuizError(quiz, f"needs exactly one best option (found {len(best)}: {found})", qid)
    return QuizQuestion(qid, raw["scenario"].strip(), raw["prompt"].strip(), options)


def parse_quiz(raw: Mapping[str, Any], links: Mapping[str, PracticeLink]) -> Quiz:
    """Build a :class:`Quiz` from data valid against ``quiz.schema.json`` (types, id patterns, lengths and
    counts are the schema's job); check what a schema cannot: unique ids, exactly one best option per question,
    and that every option links one of ``links``."""
    qid = raw["id"]
    questions = tuple(_question(q, qid, links) for q in raw["questions"])
    for q in questions:
        if sum(1 for x in questions if x.id == q.id) > 1:
            raise QuizError(qid, "question id is not unique", q.id)
    used = {o.practice for q in questions for o in q.options}
    return Quiz(qid, raw["title"].strip(), questions, {p: links[p] for p in sorted(used)})


def _summary(correct: int, total: int, answered: int) -> str:
    text = f"{correct} of {total} correct"
    if answered < total:
        left = total - answered
        text += f"; {left} question{'s' if left > 1 else ''} not answered yet"
    return text + "."


def _question_result(quiz: Quiz, q: QuizQuestion, answer: str | None) -> QuestionResult:
    best = q.best
    chosen = q.option(answer) if answer is not None else None
    return QuestionResult(
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
    results = [_question_result(quiz, q, answers.get(q.id)) for q in quiz.questions]
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
