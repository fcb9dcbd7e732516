"""Scores, flags and recommendations for one set of answers (the verdict is :mod:`candor.verdict`'s).

The method, in full (the methodology page shows the same with the data's numbers):

* Only visible questions count. "Not applicable" and unanswered questions are left out of an area.
* Question share = the chosen option's score (0-1). Area score = 100 x sum(weight x share) / sum(weight),
  over the area's answered, applicable questions; rounded to one decimal.
* Overall score = the area-weighted mean of the areas that have a score; rounded to one decimal.
* A recommendation's gain = how many points the overall score would rise if every answered question linked
  to that practice had its best option.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .answers import Answer
from .catalog import PracticeLink, TemplateLink
from .questionnaire import NOT_APPLICABLE, Questionnaire


@dataclass(frozen=True)
class AreaScore:
    id: str
    title: str
    weight: float
    score: float | None
    answered: int
    applicable: int


@dataclass(frozen=True)
class FlagHit:
    level: str
    question: str
    question_text: str
    answer: str
    answer_label: str
    message: str
    advice: str | None
    practices: tuple[PracticeLink, ...]


@dataclass(frozen=True)
class Recommendation:
    practice: str
    title: str
    url: str
    gain: float
    questions: tuple[str, ...]
    templates: tuple[TemplateLink, ...] = ()


@dataclass(frozen=True)
class Scores:
    areas: tuple[AreaScore, ...]
    overall: float | None


def _round(x: float) -> float:
    return round(x + 0.0, 1)


@dataclass
class _Sums:
    num: float = 0.0
    den: float = 0.0
    answered: int = 0
    applicable: int = 0


def _area_sums(q: Questionnaire, answers: Mapping[str, Answer], shown: set[str]) -> dict[str, _Sums]:
    sums: dict[str, _Sums] = {}
    for area in q.areas:
        if not area.scored:
            continue
        acc = sums[area.id] = _Sums()
        for question in q.by_area[area.id]:
            if question.id not in shown:
                continue
            value = answers.get(question.id)
            if value == NOT_APPLICABLE:
                continue
            acc.applicable += 1
            option = question.option(value) if isinstance(value, str) else None
            if option is None or option.score is None or question.weight == 0:
                continue
            acc.answered += 1
            acc.num += question.weight * option.score
            acc.den += question.weight
    return sums


def _scores(q: Questionnaire, sums: Mapping[str, _Sums]) -> Scores:
    areas = tuple(
        AreaScore(a.id, a.title, a.weight, _round(100 * sums[a.id].num / sums[a.id].den) if sums[a.id].den else None,
                  sums[a.id].answered, sums[a.id].applicable)
        for a in q.areas if a.scored
    )
    counted = [a for a in areas if a.score is not None and a.weight > 0]
    total_weight = sum(a.weight for a in counted)
    overall = _round(sum(a.weight * (a.score or 0.0) for a in counted) / total_weight) if total_weight else None
    return Scores(areas, overall)


def compute_scores(q: Questionnaire, answers: Mapping[str, Answer], visible: list[str]) -> Scores:
    return _scores(q, _area_sums(q, answers, set(visible)))


def find_flags(
    q: Questionnaire, answers: Mapping[str, Answer], visible: list[str], links: Mapping[str, PracticeLink]
) -> list[FlagHit]:
    hits: list[FlagHit] = []
    for qid in visible:
        question = q.question(qid)
        assert question is not None
        value = answers.get(qid)
        chosen = (value,) if isinstance(value, str) else (value or ())
        for oid in chosen:
            option = question.option(oid)
            if option is None or option.flag is None:
                continue
            hits.append(
                FlagHit(
                    level=option.flag.level,
                    question=qid,
                    question_text=question.text,
                    answer=oid,
                    answer_label=option.label,
                    message=option.flag.message,
                    advice=option.flag.advice,
                    practices=tuple(links[p] for p in question.practices),
                )
            )
    hits.sort(key=lambda h: 0 if h.level == "red" else 1)  # stable: red first, then question order
    return hits


def recommend(
    q: Questionnaire,
    answers: Mapping[str, Answer],
    visible: list[str],
    overall: float | None,
    links: Mapping[str, PracticeLink],
) -> list[Recommendation]:
    """Practices ranked by how much following them would raise the overall score (gain > 0 only).

    Same as re-scoring with every answered question linked to the practice set to its best option, done
    by adjusting each area's sums rather than re-scoring from scratch.
    """
    if overall is None:
        return []
    shown = set(visible)
    base = _area_sums(q, answers, shown)
    by_practice: dict[str, list[tuple[str, str, float]]] = {}
    for question in q.questions:
        value = answers.get(question.id)
        if question.id not in shown or not isinstance(value, str) or value == NOT_APPLICABLE:
            continue
        option = question.option(value)
        if option is None or option.score is None or option.score >= question.best_score or question.weight == 0:
            continue
        lift = question.weight * (question.best_score - option.score)
        for pid in question.practices:
            by_practice.setdefault(pid, []).append((question.id, question.area, lift))
    recs: list[Recommendation] = []
    for pid, items in by_practice.items():
        improved = {k: _Sums(v.num, v.den, v.answered, v.applicable) for k, v in base.items()}
        for _, area, lift in items:
            improved[area].num += lift
        gain = _round((_scores(q, improved).overall or 0.0) - overall)
        if gain > 0:
            link = links[pid]
            recs.append(Recommendation(pid, link.title, link.url, gain, tuple(qid for qid, _, _ in items), link.templates))
    recs.sort(key=lambda r: (-r.gain, r.practice))
    return recs[: q.top_recommendations]
