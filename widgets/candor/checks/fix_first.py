"""Fix these first: the few answer changes that move the verdict furthest, worked out from the answers.

The method (:mod:`candor.checks.method_rules` words it for the methodology page, with the data's numbers):

* A change is one answered question moved to its best answer: the option with no flag (or the mildest) and, among
  those, the highest score. A question already at an answer nothing beats is never listed, and the answer proposed
  is always strictly better than the one given ("Not applicable" is never proposed).
* Order: every red flag first; then, for each area under its lower floor or its floor (worst first), the changes in
  it with the largest lift until it would be over its floor; then the amber flags; then the largest gains in the
  overall score. Within each step, the larger gain in the overall score first, then question order.
* At most the check's ``fix_first`` changes are listed (none where the check sets no number). A result at the best
  level, or with no verdict yet, lists none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from candor.checks.scoring import DECIMALS, AreaSums, FlagHit
from candor.checks.verdict import Hold
from candor.model.answers import Answer
from candor.model.links import PracticeLink
from candor.model.questionnaire import NOT_APPLICABLE, Option, Question, Questionnaire
from candor.model.vocabulary import FLAG_LEVELS

HEADING = "Fix these first"


@dataclass(frozen=True)
class FixFirst:
    """One change to make: the question, the answer given, the answer that fixes it, and what that moves."""

    cause: str  # "red-flag", "hard-floor", "floor", "amber-flag" or "score": the step that chose it
    question: str
    question_text: str
    answer: str
    answer_label: str
    better: str
    better_label: str
    change: str  # the answer given and the one to give, display-ready
    text: str  # what the change does to the verdict or the score, display-ready
    gain: float  # points the overall score would rise by (0 when the check is not scored or has no score yet)
    practices: tuple[PracticeLink, ...]


def rank(option: Option) -> tuple[int, float]:
    """How good an answer is: no flag beats amber beats red; then the higher score."""
    severity = len(FLAG_LEVELS) if option.flag is None else FLAG_LEVELS.index(option.flag.level)  # red is 0
    return severity, option.score or 0.0


def best_answer(question: Question) -> Option:
    """The answer nothing beats (the first of equals), never "Not applicable"."""
    return max((o for o in question.options if o.id != NOT_APPLICABLE), key=rank)


@dataclass(frozen=True)
class _Change:
    question: Question
    given: Option
    better: Option
    lift: float  # what the change adds to its area's sum (0 for an answer that is not scored)
    gain: float


def _area_score(num: float, den: float) -> float:
    return round(100 * num / den + 0.0, DECIMALS) if den else 0.0  # as scoring rounds an area


def _changes(q: Questionnaire, answers: Mapping[str, Answer], visible: Sequence[str],
             sums: Mapping[str, AreaSums], overall: float | None) -> list[_Change]:
    """Each answered question not at its best, with its best answer and the overall score it would gain (the
    overall score worked out as :func:`candor.checks.scoring.scores_of` does, with the one area's sum changed)."""
    weights = q.area_weights
    counted = [a for a, s in sums.items() if s.den and weights[a] > 0]  # the areas with a score, in area order
    scores = {a: _area_score(sums[a].num, sums[a].den) for a in counted}
    total = sum(weights[a] for a in counted)
    out = []
    for qid in visible:
        value = answers.get(qid)
        question = q.question(qid)
        if not isinstance(value, str) or value == NOT_APPLICABLE or question is None:
            continue
        given = question.option(value)
        better = best_answer(question)
        if given is None or rank(better) <= rank(given):
            continue
        lift, gain, area = question.lifts.get(value, 0.0), 0.0, question.area
        if lift and overall is not None and area in scores:
            new = _area_score(sums[area].num + lift, sums[area].den)
            after = round(sum(weights[a] * (new if a == area else scores[a]) for a in counted) / total + 0.0, DECIMALS)
            gain = round(after - overall + 0.0, DECIMALS)
        out.append(_Change(question, given, better, lift, gain))
    return out


def _label(q: Questionnaire, level: str) -> str:
    capped = next((v for v in q.verdicts if v.cap == level), None)
    return f"“{capped.label}”" if capped else "the verdict"


def fix_first(
    q: Questionnaire,
    answers: Mapping[str, Answer],
    visible: Sequence[str],
    sums: Mapping[str, AreaSums],
    overall: float | None,
    flags: Sequence[FlagHit],
    holds: Sequence[Hold],
    verdict: str | None,
    links: Mapping[str, PracticeLink],
) -> tuple[FixFirst, ...]:
    """At most ``q.fix_first`` changes, in the order the module's docstring gives; none at the best level."""
    if verdict is None or verdict == q.verdicts[0].id:
        return ()
    changes = _changes(q, answers, visible, sums, overall)
    by_gain = sorted(changes, key=lambda c: -c.gain)  # stable: question order among equals
    chosen: list[tuple[_Change, str, str]] = []
    taken: set[str] = set()

    def take(c: _Change, cause: str, text: str) -> None:
        if c.question.id not in taken and len(chosen) < q.fix_first:
            taken.add(c.question.id)
            chosen.append((c, cause, text))

    ambers = sum(1 for f in flags if f.level == "amber")
    for c in by_gain:
        if c.given.flag is not None and c.given.flag.level == "red":
            take(c, "red-flag", f"Clears a red flag, which sets the verdict to {_label(q, 'red')}.")
    for hold in holds:
        if hold.cause not in ("hard-floor", "floor"):
            continue
        for area_id in hold.subjects:
            area = q.area(area_id)
            floor = area.hard_floor if hold.cause == "hard-floor" else area.floor
            word = "lower floor" if hold.cause == "hard-floor" else "floor"
            num, den = sums[area_id].num, sums[area_id].den
            start = _area_score(num, den)
            lifting = sorted((c for c in changes if c.question.area == area_id and c.question.id not in taken and c.lift),
                             key=lambda c: -c.lift)
            for n, c in enumerate(lifting):
                if _area_score(num, den) >= floor or len(chosen) >= q.fix_first:
                    break
                num += c.lift
                after = _area_score(num, den)
                over = f", over its {word} of {floor:g}" if after >= floor else f" (its {word} is {floor:g})"
                lead = "Lifts" if n == 0 else f"With the change{'s' if n > 1 else ''} above, lifts"
                take(c, hold.cause, f"{lead} {area.title} from {start:g} to {after:g}{over}.")
    for c in by_gain:
        if c.given.flag is not None and c.given.flag.level == "amber":
            one = "the amber flag" if ambers == 1 else f"one of {ambers} amber flags"
            take(c, "amber-flag", f"Clears {one}; any amber flag caps the verdict at {_label(q, 'amber')}.")
    for c in by_gain:
        if c.gain > 0:
            take(c, "score", f"Adds {c.gain:g} point{'' if c.gain == 1 else 's'} to the overall score ({overall:g} now).")
    return tuple(
        FixFirst(cause, c.question.id, c.question.text, c.given.id, c.given.label, c.better.id, c.better.label,
                 f"You answered “{c.given.label}”: change it to “{c.better.label}”.", text, max(c.gain, 0.0),
                 tuple(links[p] for p in c.question.practices))
        for c, cause, text in chosen
    )
