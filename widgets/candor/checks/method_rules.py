"""How a check's verdict and scores are reached, in words, with the check's own numbers: what the methodology page shows.

The wording lives here, next to the logic that applies it (:mod:`candor.checks.verdict`,
:mod:`candor.checks.scoring`, :mod:`candor.checks.gate`), and every number comes from the questionnaire: the share
that must be answered (``judge_from``), each area's floor and lower floor, each verdict's threshold and cap, the
flags and how many answers raise each, the number of recommendations shown. A change in ``content/checks/*.yml``
changes the page with no code edit. The texts are plain, display-ready sentences: the page only places (and escapes)
them.
"""

from __future__ import annotations

from dataclasses import dataclass

from candor.checks.gate import GATE_RULE
from candor.checks.scoring import DECIMALS
from candor.model.questionnaire import Questionnaire, Verdict
from candor.model.vocabulary import FlagLevel


@dataclass(frozen=True)
class Rule:
    id: str  # stable: enough-to-judge, complete-first, floors, flags, gate; share, area-score, overall-score, ...
    title: str
    text: str


@dataclass(frozen=True)
class VerdictRule:
    verdict: str
    label: str
    reached: str  # when the result reaches this verdict
    held_by: str  # what holds a better result back to it; "–" when nothing does


def _q(v: Verdict) -> str:
    return f"“{v.label}”"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def verdict_rules(q: Questionnaire) -> tuple[VerdictRule, ...]:
    """One row per verdict, best first: the score it needs (its ``min_score``) and the causes that hold a result to it."""
    has_floor = any(a.floor for a in q.areas)
    has_hard = any(a.hard_floor for a in q.areas)
    rows = []
    for v in q.verdicts:
        reach = "only through a flag" if v.min_score is None else f"overall score ≥ {v.min_score:g}" if q.scored else "no flag"
        if v is q.verdicts[0]:
            reach += ", every question shown answered" + (" and every area at or above its floor" if has_floor else "")
        held = {
            "red": "any red flag" + (" (whatever the score)" if q.scored else "") + ("; an area under its lower floor" if has_hard else ""),
            "amber": "any amber flag" + ("; an area under its floor; an area shown with no answer" if has_floor else "")
            + ("; a question shown but unanswered" if q.scored else ""),
        }.get(v.cap or "", "–")
        rows.append(VerdictRule(v.id, v.label, reach, held))
    return tuple(rows)


def verdict_order(q: Questionnaire) -> str:
    """How the levels combine: where the verdict starts, and where each kind of cause holds it."""
    amber, red = q.capped_verdict("amber"), q.capped_verdict("red")
    start = ("The verdict is the best level the overall score reaches, then held back by every cause that applies"
             if q.scored else f"The verdict is {_q(q.verdicts[0])} unless a cause holds it back")
    holds = [f"an amber cause caps it at {_q(amber)}"] if amber else []
    holds += [f"a red cause forces {_q(red)}"] if red else []
    return (start + (": " + ", ".join(holds) if holds else "") + ". The same ids and labels appear on the page, in the "
            "report, in the JSON and on the command line.")


def _floor_values(q: Questionnaire, name: str, values: dict[str, float]) -> str:
    """"Floor 50: every scored area." or one sentence per value naming its areas, and which areas have none."""
    scored = [a for a in q.areas if a.scored]
    if all(values[a.id] == values[scored[0].id] for a in scored):
        return f"{name} {values[scored[0].id]:g}: every scored area."
    out = []
    for value in sorted({v for v in values.values() if v}, reverse=True):
        out.append(f"{name} {value:g}: {'; '.join(a.title for a in scored if values[a.id] == value)}.")
    without = [a.title for a in scored if not values[a.id]]
    return " ".join(out + ([f"No {name.lower()}: {'; '.join(without)}."] if without else []))


def _floors(q: Questionnaire) -> Rule | None:
    amber, red = q.capped_verdict("amber"), q.capped_verdict("red")
    floors = {a.id: a.floor for a in q.areas if a.scored}
    hard = {a.id: a.hard_floor for a in q.areas if a.scored}
    parts = []
    if amber is not None and any(floors.values()):
        parts += [f"An area scoring under its floor caps the verdict at {_q(amber)}, however well the other areas score.",
                  _floor_values(q, "Floor", floors)]
    if red is not None and any(hard.values()):
        parts += [f"Under its lower floor the verdict is {_q(red)}.", _floor_values(q, "Lower floor", hard)]
    if not parts:
        return None
    return Rule("floors", "Area floors", " ".join([*parts, "The reason names the areas that hold the verdict back."]))


def _flags(q: Questionnaire) -> Rule | None:
    said = []
    effects: tuple[tuple[FlagLevel, str, str], ...] = (
        ("red", "sets the verdict to", ", whatever the score" if q.scored else ""), ("amber", "caps the verdict at", ""))
    for level, verb, how in effects:
        capped = q.capped_verdict(level)
        count = sum(1 for x in q.questions for o in x.options if o.flag is not None and o.flag.level == level)
        if capped is not None and count:
            raise_ = ("raises" if count == 1 else "raise") + (" an" if level[0] in "aeiou" else " a")
            said.append(f"{_plural(count, 'answer')} {raise_} {level} flag, which {verb} {_q(capped)}{how}")
    if not said:
        return None
    return Rule("flags", "Flags", "In this check " + "; ".join(said) + ". A flag counts only on a question shown; "
                "each option's flag is listed with its question below.")


def _fix_first(q: Questionnaire) -> Rule | None:
    """How the result picks the changes it leads with (:mod:`candor.checks.fix_first`), with this check's number."""
    if q.fix_first < 1:
        return None
    floors = "; then, for each area under its floor, the changes that lift it most until it would be over it" if q.scored else ""
    gains = "; then the largest gains in the overall score" if q.scored else ""
    count = "the one change" if q.fix_first == 1 else f"up to {q.fix_first} changes"
    return Rule("fix-first", "Fix these first",
                f"Unless the verdict is {_q(q.verdicts[0])}, the result leads with {count} that move the verdict furthest, "
                f"each an answer moved to the question's best answer (no flag, or the mildest, then the highest score; "
                f"never “Not applicable”, and never for a question already at its best): every red flag first{floors}; "
                f"then the amber flags{gains}.")


def method_rules(q: Questionnaire) -> tuple[Rule, ...]:
    """Completeness, floors, flags and the CI gate, in words, with this check's numbers."""
    amber = q.capped_verdict("amber")
    best = _q(q.verdicts[0])
    every = q.judge_from >= 1
    needed = "every question shown is" if every else f"{100 * q.judge_from:g} % of the questions shown (rounded up) are"
    rules = [
        Rule("enough-to-judge", "Enough to judge",
             f"Until {needed} answered, the result shows progress and the areas still to answer instead of "
             + ("a score" if q.scored else "an all-clear") + "; a flag already raised still sets its verdict."),
        Rule("complete-first", f"Complete before {best}",
             f"{best} needs every question shown answered (“Not applicable” counts as an answer). Until then the "
             "result is provisional" + (f", and it is {_q(amber)} at best; so is a result in which an area shown has "
                                        "no answer at all" if amber and q.scored else "") + "."),
    ]
    rules += [r for r in (_floors(q), _flags(q), _fix_first(q)) if r is not None]
    rules.append(Rule("gate", "CI gate", GATE_RULE))
    return tuple(rules)


def score_rules(q: Questionnaire) -> tuple[Rule, ...]:
    """How the area and overall scores are worked out (nothing for a check without a scored area)."""
    if not q.scored:
        return ()
    rounded = f"rounded to {_plural(DECIMALS, 'decimal place')}"
    scored_areas = {a.id for a in q.areas if a.scored}
    left_out = any(x.type == "multi" or x.weight == 0 for x in q.questions if x.area in scored_areas)
    top = q.top_recommendations
    shown = (f"The {top} with the highest gain are shown." if top != 1 else "The one with the highest gain is shown.")
    return (
        Rule("share", "Question share", "A question's share is the score of the option chosen, from 0 to 1 (listed with each "
             "option below)." + (" Questions with several choices, and questions of weight 0, are not scored." if left_out
                                 else "")),
        Rule("area-score", "Area score", "An area's score is 100 × Σ(question weight × share) ÷ Σ(question weight), over the area's "
             f"questions that are shown and answered, leaving out “Not applicable”; {rounded}."),
        Rule("overall-score", "Overall score", "The overall score is Σ(area weight × area score) ÷ Σ(area weight), over the areas that "
             f"have a score; {rounded}. Each area's weight is in the table below."),
        Rule("hidden", "Hidden questions", "Questions hidden by the campaign profile neither count nor raise flags."),
        Rule("gain", "Recommendations", "A recommendation's gain is how many points the overall score would rise if "
             f"every answered question linked to that practice had its best answer. {shown}"),
    )
