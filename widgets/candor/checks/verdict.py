"""The verdict: the best level the overall score reaches, held back by flags, area floors and completeness.

The method, in full (:mod:`candor.checks.method_rules` words it for the methodology page, with the data's numbers):

* Nothing answered: no verdict. Fewer answers than the check's ``judge_from`` share of the questions shown:
  no score, only progress and what is missing; a flag still sets its verdict (provisional).
* Otherwise the verdict starts at the best level whose ``min_score`` the overall score reaches, and each
  *hold* can only lower it: a red flag or an area below its ``hard_floor`` forces the level marked
  ``cap: red``; an amber flag, an area below its ``floor``, an area shown with no answer at all, or any
  question shown but unanswered caps it at the level marked ``cap: amber``. So the best level needs every
  question shown answered and every area at or above its floor.
* The result is provisional while any question shown is unanswered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from candor.checks.scoring import AreaScore, FlagHit
from candor.model.answers import Answer
from candor.model.questionnaire import Questionnaire, Verdict
from candor.model.vocabulary import FlagLevel, HoldCause


@dataclass(frozen=True)
class Hold:
    """One cause that keeps the verdict below the best level: ``verdict`` is the best it allows."""

    cause: HoldCause
    verdict: str
    subjects: tuple[str, ...]  # the questions or areas concerned
    text: str


@dataclass(frozen=True)
class Missing:
    area: str
    title: str
    unanswered: int
    shown: int  # questions of the area shown; all of them unanswered means the area has no answer at all


@dataclass(frozen=True)
class Completeness:
    answered: int
    visible: int
    needed: int  # answers needed before the check gives a score (or, unscored, a verdict no flag forced)
    enough: bool
    missing: tuple[Missing, ...]
    text: str
    missing_text: str


@dataclass(frozen=True)
class Decision:
    verdict: Verdict | None
    holds: tuple[Hold, ...]
    reason: str
    completeness: Completeness


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _join(items: Sequence[str]) -> str:
    """A list of area phrases; semicolons, because area titles hold commas and "and"."""
    return "; ".join(items)


def completeness(q: Questionnaire, answers: Mapping[str, Answer], visible: Sequence[str]) -> Completeness:
    answered = sum(1 for qid in visible if qid in answers)
    needed = min(len(visible), max(1, math.ceil(q.judge_from * len(visible) - 1e-9)))
    shown = set(visible)
    missing = []
    for area in q.areas:
        here = [x.id for x in q.by_area[area.id] if x.id in shown]
        open_ = sum(1 for qid in here if qid not in answers)
        if open_:
            missing.append(Missing(area.id, area.title, open_, len(here)))
    text = f"{answered} of {_plural(len(visible), 'question')} answered"
    missing_text = "Still to answer: " + _join([f"{m.unanswered} in {m.title}" for m in missing]) + "." if missing else ""
    return Completeness(answered, len(visible), needed, answered >= needed, tuple(missing), text, missing_text)


def _label(v: Verdict) -> str:
    return f"“{v.label}”"


def _flag_holds(q: Questionnaire, flags: Sequence[FlagHit]) -> list[Hold]:
    holds = []
    whatever = ", whatever the score" if q.scored else ""
    steps: tuple[tuple[FlagLevel, HoldCause, str, str], ...] = (
        ("red", "red-flag", "sets the verdict to", whatever), ("amber", "amber-flag", "caps the verdict at", ""),
    )
    for level, cause, word, how in steps:
        capped = q.capped_verdict(level)
        hits = [f.question for f in flags if f.level == level]
        if capped is not None and hits:
            verb = word if len(hits) == 1 else word.replace("sets", "set").replace("caps", "cap")
            holds.append(Hold(cause, capped.id, tuple(hits),
                              f"{_plural(len(hits), f'{level} flag')} {verb} {_label(capped)}{how}"))
    return holds


def _area_holds(q: Questionnaire, areas: Sequence[AreaScore], comp: Completeness, amber: Verdict) -> list[Hold]:
    red = q.capped_verdict("red")
    hard, low = [], []
    for a in areas:
        area = q.area(a.id)
        if a.score is None:
            continue
        if red is not None and area.hard_floor and a.score < area.hard_floor:
            hard.append((a.id, f"{a.title} scores {a.score:g} (lower floor {area.hard_floor:g})"))
        elif area.floor and a.score < area.floor:
            low.append((a.id, f"{a.title} scores {a.score:g} (floor {area.floor:g})"))
    holds = []
    if hard and red is not None:
        holds.append(Hold("hard-floor", red.id, tuple(i for i, _ in hard), f"{_join([t for _, t in hard])}: {_label(red)}"))
    if low:
        holds.append(Hold("floor", amber.id, tuple(i for i, _ in low), f"{_join([t for _, t in low])}: {_label(amber)} at best"))
    empty = [m for m in comp.missing if m.unanswered == m.shown]
    if empty:
        where = empty[0].title if len(empty) == 1 else f"{len(empty)} areas ({_join([m.title for m in empty])})"
        holds.append(Hold("unanswered-area", amber.id, tuple(m.area for m in empty),
                          f"No answer yet in {where}: {_label(amber)} at best until "
                          f"{'it is' if len(empty) == 1 else 'they are'} answered"))
    elif comp.answered < comp.visible:
        left = comp.visible - comp.answered
        holds.append(Hold("incomplete", amber.id, tuple(m.area for m in comp.missing),
                          f"{_plural(left, 'question')} shown {'is' if left == 1 else 'are'} not answered yet, and "
                          f"{_label(q.verdicts[0])} needs every one: {_label(amber)} at best"))
    return holds


def _score_hold(q: Questionnaire, overall: float | None) -> tuple[Verdict, str | None]:
    levels = q.verdicts
    reached = next((v for v in levels if v.min_score is not None and (overall is None or overall >= v.min_score)), levels[-1])
    if overall is None:
        return reached, None
    bands = ", ".join(f"{v.label} from {v.min_score:g}" for v in levels if v.min_score is not None)
    return reached, f"the overall score is {overall:g} out of 100 ({bands})"


def _sentences(parts: Sequence[str]) -> str:
    return " ".join(p[0].upper() + p[1:] + "." for p in parts)


def decide(
    q: Questionnaire,
    answers: Mapping[str, Answer],
    visible: Sequence[str],
    areas: Sequence[AreaScore],
    overall: float | None,
    flags: Sequence[FlagHit],
) -> Decision:
    """The verdict, every cause that holds it back, and the reason a reader sees (the causes, worst first)."""
    comp = completeness(q, answers, visible)
    if comp.answered == 0:
        return Decision(None, (), "Nothing is answered yet.", comp)
    levels = list(q.verdicts)
    holds = _flag_holds(q, flags)
    if not comp.enough:
        verdict = max((next(v for v in levels if v.id == h.verdict) for h in holds), key=levels.index, default=None)
        what = "a score" if q.scored else "a verdict without a flag"
        needs = f"all {comp.needed}" if comp.needed == comp.visible else f"at least {comp.needed}"
        count = f"{comp.answered} of {_plural(comp.visible, 'question')} shown"
        parts = ([h.text for h in holds] + [f"only {count} are answered ({what} needs {needs}), so this is provisional"]
                 if holds else [f"not enough is answered yet to judge: {count} ({what} needs {needs})"])
        return Decision(verdict, tuple(holds), _sentences(parts), comp)
    amber = q.capped_verdict("amber") or levels[min(1, len(levels) - 1)]
    holds += _area_holds(q, areas, comp, amber)
    reached, score_text = _score_hold(q, overall)
    if reached is not levels[0] and score_text is not None:
        holds.append(Hold("score", reached.id, (), score_text))
    position = max([levels.index(reached)] + [levels.index(next(v for v in levels if v.id == h.verdict)) for h in holds])
    order = {level.id: i for i, level in enumerate(levels)}
    holds.sort(key=lambda h: -order[h.verdict])  # stable: worst first, then in the order found
    parts = [h.text for h in holds if h.cause != "score"]
    if score_text is not None:
        parts.append(score_text)
    elif not flags:
        parts.append("no answer raises a flag")
    return Decision(levels[position], tuple(holds), _sentences(parts), comp)
