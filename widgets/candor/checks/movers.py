"""What moves the verdict: the engine run on constructed answer sets, for the methodology page.

* For each scored area: every question in it at its worst answer that raises no flag, every other question at
  its best, under the campaign profile that shows the most questions. The verdict shows that no area can be
  hidden by the others (or, where it can, that the area's flags are what catch it).
* For each red or amber flag: the answer that raises it, with every other question at its best.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from candor.checks.evaluate import Result, evaluate
from candor.checks.visibility import visible_questions
from candor.model.answers import Answer
from candor.model.links import PracticeLink
from candor.model.questionnaire import Option, Question, Questionnaire
from candor.model.vocabulary import FlagLevel


@dataclass(frozen=True)
class AreaMove:
    area: str
    title: str
    area_score: float | None
    score: float | None
    verdict: str | None
    verdict_label: str | None
    reason: str
    answers: dict[str, Answer]


@dataclass(frozen=True)
class FlagMove:
    level: FlagLevel
    question: str
    question_text: str
    answer: str
    answer_label: str
    verdict: str | None
    verdict_label: str | None
    others: tuple[str, ...]  # other flagged answers needed to show this question ("question: answer label")


def _quiet(question: Question) -> list[Option]:
    return [o for o in question.options if o.flag is None]


def _calm(question: Question) -> Answer:
    """An answer that raises no flag: the best-scoring for one choice; every plain option for several."""
    quiet = _quiet(question) or list(question.options)
    if question.type == "multi":
        plain = [o.id for o in quiet if not o.exclusive]
        return tuple(plain) or (quiet[0].id,)
    return max(quiet, key=lambda o: o.score or 0.0).id


def widest_profile(q: Questionnaire) -> dict[str, Answer]:
    """Answers to the questions that decide visibility, chosen (in order) to show as many questions as possible."""
    answers: dict[str, Answer] = {}
    for qid in sorted(q.condition_sources(), key=lambda i: [x.id for x in q.questions].index(i)):
        question = q.question(qid)
        assert question is not None
        if question.type == "multi":
            answers[qid] = _calm(question)
            continue
        choices = [o.id for o in (_quiet(question) or question.options)]
        answers[qid] = max(choices, key=lambda o: len(visible_questions(q, {**answers, qid: o})))
    return answers


def best_answers(q: Questionnaire, profile: Mapping[str, Answer]) -> dict[str, Answer]:
    """The widest profile, and every other question shown at its best answer that raises no flag."""
    answers: dict[str, Answer] = dict(profile)
    for qid in visible_questions(q, answers):
        if qid not in answers:
            question = q.question(qid)
            assert question is not None
            answers[qid] = _calm(question)
    return answers


def _worst_quiet(question: Question) -> str | None:
    quiet = [o for o in _quiet(question) if o.score is not None]
    return min(quiet, key=lambda o: o.score or 0.0).id if quiet else None


def area_moves(q: Questionnaire, links: Mapping[str, PracticeLink]) -> list[AreaMove]:
    profile = widest_profile(q)
    best = best_answers(q, profile)
    moves = []
    for area in q.areas:
        if not area.scored:
            continue
        answers = dict(best)
        for question in q.by_area[area.id]:
            worst = _worst_quiet(question) if question.id in answers else None
            if worst is not None:
                answers[question.id] = worst
        r = evaluate(q, links, answers)
        score = next((a.score for a in r.areas if a.id == area.id), None)
        moves.append(AreaMove(area.id, area.title, score, r.score, r.verdict, r.verdict_label, r.reason, answers))
    return moves


def _showing(q: Questionnaire, profile: dict[str, Answer], qid: str) -> dict[str, Answer]:
    """The widest profile, or the first one-answer change to it that shows question ``qid``."""
    if qid in visible_questions(q, profile):
        return profile
    for source in profile:
        question = q.question(source)
        assert question is not None
        for o in question.options:
            trial = {**profile, source: (o.id,) if question.type == "multi" else o.id}
            if qid in visible_questions(q, trial):
                return trial
    return profile


def flag_moves(q: Questionnaire, links: Mapping[str, PracticeLink]) -> list[FlagMove]:
    profile = widest_profile(q)
    moves = []
    for question in q.questions:
        for o in question.options:
            if o.flag is None:
                continue
            answers = best_answers(q, _showing(q, profile, question.id))
            answers[question.id] = (o.id,) if question.type == "multi" else o.id
            r: Result = evaluate(q, links, answers)
            others = tuple(f"{f.question}: {f.answer_label}" for f in r.flags if f.question != question.id)
            moves.append(FlagMove(o.flag.level, question.id, question.text, o.id, o.label, r.verdict, r.verdict_label, others))
    moves.sort(key=lambda m: 0 if m.level == "red" else 1)
    return moves
