"""One call from answers to a named, explained result: :func:`evaluate`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from .answers import Answer, check_answers
from .catalog import PracticeLink
from .chart import area_chart
from .questionnaire import Questionnaire
from .scoring import (
    AreaScore,
    Completeness,
    FlagHit,
    Recommendation,
    compute_scores,
    decide_verdict,
    find_flags,
    recommend,
)
from .visibility import visible_questions


@dataclass(frozen=True)
class Result:
    questionnaire: str
    version: int
    verdict: str | None
    verdict_label: str | None
    verdict_summary: str | None
    provisional: bool
    score: float | None
    reason: str
    thresholds: list[dict[str, Any]]
    areas: tuple[AreaScore, ...]
    flags: tuple[FlagHit, ...]
    recommendations: tuple[Recommendation, ...]
    completeness: Completeness
    visible: tuple[str, ...]
    chart_svg: str
    key_dates: tuple[Any, ...] = ()  # upcoming legal dates for the campaign's regions (candor.key_dates)

    def to_json(self) -> dict[str, Any]:
        """The result exactly as JSON carries it (lists, not tuples), the same on the host and in the browser."""
        return _plain(self)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    """Dataclasses, tuples and dicts as plain JSON values (what asdict does, without its deep copies)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _reason(q: Questionnaire, score: float | None, flags: list[FlagHit], verdict_id: str | None) -> str:
    reds = [f for f in flags if f.level == "red"]
    ambers = [f for f in flags if f.level == "amber"]
    if verdict_id is None:
        return "Not enough is answered yet for a verdict." if q.scored else "Nothing is answered yet."
    verdict = next(v for v in q.verdicts if v.id == verdict_id)
    parts: list[str] = []
    if reds:
        several = len(reds) > 1
        parts.append(f"{len(reds)} red flag{'s set' if several else ' sets'} the verdict to “{verdict.label}”, whatever the score")
    elif ambers and verdict.cap == "amber":
        several = len(ambers) > 1
        parts.append(f"{len(ambers)} amber flag{'s cap' if several else ' caps'} the verdict at “{verdict.label}”")
    if score is not None:
        bands = ", ".join(f"{v.label} from {v.min_score:g}" for v in q.verdicts if v.min_score is not None)
        parts.append(f"the overall score is {score:g} out of 100 ({bands})")
    elif not flags:
        parts.append("no answer raises a flag")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def evaluate(q: Questionnaire, links: Mapping[str, PracticeLink], raw_answers: Mapping[str, Answer]) -> Result:
    """Check the answers against the questionnaire and return the explained result."""
    answers = check_answers(q, raw_answers)
    visible = visible_questions(q, answers)
    scores = compute_scores(q, answers, visible)
    flags = find_flags(q, answers, visible, links)
    answered = sum(1 for qid in visible if qid in answers)
    verdict = decide_verdict(q, scores.overall, flags, answered)
    return Result(
        questionnaire=q.id,
        version=q.version,
        verdict=verdict.id if verdict else None,
        verdict_label=verdict.label if verdict else None,
        verdict_summary=verdict.summary if verdict else None,
        provisional=answered < len(visible),
        score=scores.overall,
        reason=_reason(q, scores.overall, flags, verdict.id if verdict else None),
        thresholds=[
            {"verdict": v.id, "label": v.label, "min_score": v.min_score, "cap": v.cap} for v in q.verdicts
        ],
        areas=scores.areas,
        flags=tuple(flags),
        recommendations=tuple(recommend(q, answers, visible, scores.overall, links)),
        completeness=Completeness(answered, len(visible)),
        visible=tuple(visible),
        chart_svg=area_chart(scores.areas, q.verdicts, f"{q.title}: score by area") if scores.areas else "",
    )
