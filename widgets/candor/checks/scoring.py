"""Scores, flags and recommendations for one set of answers (the verdict is :mod:`candor.checks.verdict`'s).

The method, in full (:mod:`candor.checks.method_rules` words it for the methodology page, with the data's numbers):

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

from candor.model.answers import Answer
from candor.model.links import PracticeLink, TemplateLink
from candor.model.questionnaire import NOT_APPLICABLE, Option, Question, Questionnaire
from candor.model.vocabulary import FlagLevel


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
    level: FlagLevel
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


DECIMALS = 1  # every score is rounded to this many decimal places (the methodology page says so)


def _round(x: float) -> float:
    return round(x + 0.0, DECIMALS)


@dataclass
class AreaSums:
    """One scored area's running sums over the questions shown (the score is 100 x num / den)."""

    num: float = 0.0
    den: float = 0.0
    answered: int = 0
    applicable: int = 0


def area_sums(q: Questionnaire, answers: Mapping[str, Answer], visible: list[str]) -> dict[str, AreaSums]:
    """Each scored area's sums, in area order: made once per answer set, for the scores and the recommendations."""
    shown = set(visible)
    sums: dict[str, AreaSums] = {}
    for area in q.areas:
        if not area.scored:
            continue
        acc = sums[area.id] = AreaSums()
        for question in q.by_area[area.id]:
            if question.id not in shown:
                continue
            value = answers.get(question.id)
            if value == NOT_APPLICABLE:
                continue
            acc.applicable += 1
            score = question.scores.get(value) if isinstance(value, str) else None
            if score is None or question.weight == 0:
                continue
            acc.answered += 1
            acc.num += question.weight * score
            acc.den += question.weight
    return sums


def _area_score(num: float, den: float) -> float | None:
    return _round(100 * num / den) if den else None


def scores_of(q: Questionnaire, sums: Mapping[str, AreaSums]) -> Scores:
    """Area scores and the overall score: the area-weighted mean of the areas that have a score, rounded."""
    areas = tuple(
        AreaScore(a.id, a.title, a.weight, _area_score(sums[a.id].num, sums[a.id].den), sums[a.id].answered,
                  sums[a.id].applicable)
        for a in q.areas if a.scored
    )
    counted = [a for a in areas if a.score is not None and a.weight > 0]
    total_weight = sum(a.weight for a in counted)
    overall = _round(sum(a.weight * (a.score or 0.0) for a in counted) / total_weight) if total_weight else None
    return Scores(areas, overall)


def compute_scores(q: Questionnaire, answers: Mapping[str, Answer], visible: list[str]) -> Scores:
    return scores_of(q, area_sums(q, answers, visible))


def find_flags(
    q: Questionnaire, answers: Mapping[str, Answer], visible: list[str], links: Mapping[str, PracticeLink]
) -> list[FlagHit]:
    hits: list[FlagHit] = []
    for qid in visible:
        question = q.question(qid)
        assert question is not None
        flagging = question.flagging
        if not flagging:
            continue
        value = answers.get(qid)
        chosen = (value,) if isinstance(value, str) else (value or ())
        for oid in chosen:
            option = flagging.get(oid)
            if option is not None:
                hits.append(_flag_hit(question, option, links))
    hits.sort(key=lambda h: 0 if h.level == "red" else 1)  # stable: red first, then question order
    return hits


_HITS: dict[tuple[int, int], tuple[Option, Mapping[str, PracticeLink], FlagHit]] = {}


def _flag_hit(question: Question, option: Option, links: Mapping[str, PracticeLink]) -> FlagHit:
    """The flag an option raises, made once per option and set of practice links (a hit is immutable)."""
    key = (id(option), id(links))
    kept = _HITS.get(key)
    if kept is not None and kept[0] is option and kept[1] is links:  # the references keep both ids taken
        return kept[2]
    assert option.flag is not None
    hit = FlagHit(level=option.flag.level, question=question.id, question_text=question.text, answer=option.id,
                  answer_label=option.label, message=option.flag.message, advice=option.flag.advice,
                  practices=tuple(links[p] for p in question.practices))
    if len(_HITS) > 10_000:  # bounded: a long-lived worker that loads many bundles starts over
        _HITS.clear()
    _HITS[key] = (option, links, hit)
    return hit


def _lifts(q: Questionnaire, answers: Mapping[str, Answer], visible: list[str]) -> dict[str, list[tuple[str, str, float]]]:
    """By practice: (question, area, weight x how far the answer is below the question's best option)."""
    by_practice: dict[str, list[tuple[str, str, float]]] = {}
    for qid in visible:  # in question order
        value = answers.get(qid)
        if not isinstance(value, str):
            continue
        question = q.question(qid)
        assert question is not None
        lift = question.lifts.get(value)
        if lift is None:
            continue
        for pid in question.practices:
            by_practice.setdefault(pid, []).append((qid, question.area, lift))
    return by_practice


def recommend(
    q: Questionnaire,
    answers: Mapping[str, Answer],
    visible: list[str],
    overall: float | None,
    links: Mapping[str, PracticeLink],
    sums: Mapping[str, AreaSums] | None = None,
) -> list[Recommendation]:
    """Practices ranked by how much following them would raise the overall score (gain > 0 only).

    Same as re-scoring with every answered question linked to the practice set to its best option, done
    by adjusting each area's sums (``sums``: :func:`area_sums` of these answers) rather than re-scoring.
    """
    if overall is None:
        return []
    base = area_sums(q, answers, visible) if sums is None else sums
    by_practice = _lifts(q, answers, visible)
    # The overall score's terms (weight x area score, in area order), so that each practice replaces only the
    # terms of the areas it lifts. A lifted area has an answer that counts, so it is among the terms already
    # and the total weight does not change: the sums below are the ones scores_of makes, in the same order.
    weights = q.area_weights
    terms: list[float] = []
    slot: dict[str, int] = {}
    for area_id, s in base.items():
        score = _area_score(s.num, s.den)
        if score is not None and weights[area_id] > 0:
            slot[area_id] = len(terms)
            terms.append(weights[area_id] * score)
    total_weight = sum(weights[area_id] for area_id in slot)
    ranked: list[tuple[float, str]] = []
    for pid, items in by_practice.items():
        if len(items) == 1:  # the common case: one question, so one area
            _, area, lift = items[0]
            nums = {area: base[area].num + lift}
        else:
            nums = {}
            for _, area, lift in items:
                nums[area] = nums.get(area, base[area].num) + lift
        lifted = terms.copy()
        for area, num in nums.items():
            lifted[slot[area]] = weights[area] * round(100 * num / base[area].den + 0.0, DECIMALS)  # _round, inlined
        gain = _round(round(sum(lifted) / total_weight + 0.0, DECIMALS) - overall)
        if gain > 0:
            ranked.append((-gain, pid))
    ranked.sort()  # highest gain first, then by practice id
    return [_recommendation(pid, -neg, by_practice[pid], links[pid]) for neg, pid in ranked[: q.top_recommendations]]


def _recommendation(pid: str, gain: float, items: list[tuple[str, str, float]], link: PracticeLink) -> Recommendation:
    return Recommendation(pid, link.title, link.url, gain, tuple(qid for qid, _, _ in items), link.templates)
