"""One call from answers to a named, explained result: :func:`evaluate`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from candor.checks.chart import area_chart
from candor.checks.fix_first import HEADING as FIX_FIRST_HEADING
from candor.checks.fix_first import FixFirst, fix_first
from candor.checks.scoring import AreaScore, FlagHit, Recommendation, area_sums, find_flags, recommend, scores_of
from candor.checks.verdict import Completeness, Hold, decide
from candor.checks.visibility import visible_questions
from candor.model.answers import Answer, check_answers
from candor.model.links import PracticeLink
from candor.model.questionnaire import Questionnaire
from candor.model.vocabulary import Tone
from candor.util.jsonable import plain_object


@dataclass(frozen=True)
class Result:
    questionnaire: str
    version: int
    verdict: str | None
    verdict_label: str | None
    verdict_tone: Tone | None
    verdict_summary: str | None
    provisional: bool
    score: float | None
    reason: str
    holds: tuple[Hold, ...]
    thresholds: list[dict[str, Any]]
    areas: tuple[AreaScore, ...]
    flags: tuple[FlagHit, ...]
    recommendations: tuple[Recommendation, ...]
    fix_first: tuple[FixFirst, ...]  # the answer changes to make first (candor.checks.fix_first), under its heading
    fix_first_heading: str
    completeness: Completeness
    visible: tuple[str, ...]
    chart_svg: str
    key_dates: tuple[Any, ...] = ()  # upcoming legal dates for the campaign's regions (candor.checks.key_dates)

    def to_json(self) -> dict[str, Any]:
        """The result exactly as JSON carries it (lists, not tuples), the same on the host and in the browser."""
        return plain_object(self)


def evaluate(q: Questionnaire, links: Mapping[str, PracticeLink], raw_answers: Mapping[str, Answer]) -> Result:
    """Check the answers against the questionnaire and return the explained result."""
    answers = check_answers(q, raw_answers)
    visible = visible_questions(q, answers)
    sums = area_sums(q, answers, visible)
    scores = scores_of(q, sums)
    flags = find_flags(q, answers, visible, links)
    decision = decide(q, answers, visible, scores.areas, scores.overall, flags)
    verdict, comp = decision.verdict, decision.completeness
    score = scores.overall if comp.enough else None  # no score over too few answers: progress instead
    return Result(
        questionnaire=q.id,
        version=q.version,
        verdict=verdict.id if verdict else None,
        verdict_label=verdict.label if verdict else None,
        verdict_tone=verdict.tone if verdict else None,
        verdict_summary=verdict.summary if verdict else None,
        provisional=comp.answered < comp.visible,
        score=score,
        reason=decision.reason,
        holds=decision.holds,
        thresholds=[
            {"verdict": v.id, "label": v.label, "tone": v.tone, "min_score": v.min_score, "cap": v.cap}
            for v in q.verdicts
        ],
        areas=scores.areas,
        flags=tuple(flags),
        fix_first=fix_first(q, answers, visible, sums, score, flags, decision.holds, verdict.id if verdict else None, links),
        fix_first_heading=FIX_FIRST_HEADING,
        recommendations=tuple(recommend(q, answers, visible, score, links, sums)),
        completeness=comp,
        visible=tuple(visible),
        chart_svg=area_chart(scores.areas, q.verdicts, f"{q.title}: score by area") if scores.areas and score is not None else "",
    )
