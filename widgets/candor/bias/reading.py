"""The words of a bias audit: the reading (a few plain sentences) and the caveats to read before acting.

Every figure in them is the group's formatted figure (:class:`candor.bias.results.Figures`), so the sentence says
what the table and the chart show. Group names are isolated (:func:`candor.util.names.isolate`) so that a
right-to-left name keeps the sentence and its numbers in order. Plain text: insert it as text, never as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from candor.bias.figures import level, p_phrase
from candor.util.names import isolate

if TYPE_CHECKING:
    from candor.bias.results import GroupResult


@dataclass(frozen=True)
class Caveat:
    id: str  # small-sample | multiple-comparisons | four-fifths-heuristic | rates-not-causes
    text: str


def _names(names: Sequence[str]) -> str:
    quoted = [f"“{isolate(n)}”" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _p_values(results: Sequence[GroupResult]) -> str:
    return "; ".join(p_phrase(r.figures.p_value) for r in results)


def _top_sentence(results: Sequence[GroupResult]) -> str:
    top = next(r for r in results if r.most_favoured)
    tied = [r.group for r in results if not r.most_favoured and r.rate == top.rate]
    return (
        f"“{isolate(top.group)}” has the highest rate ({top.figures.rate}, {top.figures.counts})"
        + (f", shared with {_names(tied)}" if tied else "")
        + "; each other group is compared with it."
    )


def _below_sentences(below: Sequence[GroupResult], alpha: float, threshold: str) -> list[str]:
    listed = ", ".join(f"“{isolate(r.group)}” ({r.figures.rate}, impact ratio {r.figures.impact_ratio})" for r in below)
    plural = "s fall" if len(below) > 1 else " falls"
    out = [f"{len(below)} group{plural} below {threshold} of that rate: {listed}."]
    sig = [r for r in below if r.comparison and r.comparison.significant]
    not_sig = [r for r in below if r.comparison and not r.comparison.significant]
    if sig:
        out.append(
            f"For {_names([r.group for r in sig])} the gap is statistically significant at the {level(alpha)} level "
            f"({_p_values(sig)}): chance alone would rarely produce a gap this large at these counts."
        )
    if not_sig:
        out.append(
            f"For {_names([r.group for r in not_sig])} the gap is not statistically significant ({_p_values(not_sig)}): "
            "it could be chance, or a real gap that these counts are too small to show."
        )
    return out


def reading(results: Sequence[GroupResult], alpha: float, four_fifths: float) -> str:
    """What the audit found, in a few sentences, ending with what it does not show."""
    top = next(r for r in results if r.most_favoured)
    if top.successes == 0:
        return (
            "No group has any successes, so every rate is 0% and there is no gap to measure. "
            "Check that the counts are in the right columns, or collect more data."
        )
    threshold = level(four_fifths)
    out = [_top_sentence(results)]
    below = [r for r in results if r.below_four_fifths]
    others = [r for r in results if not r.most_favoured]
    if below:
        out += _below_sentences(below, alpha, threshold)
    else:
        low = min(others, key=lambda r: r.impact_ratio)
        lowest = f"the lowest impact ratio is {low.figures.impact_ratio} (“{isolate(low.group)}”)"
        out.append(f"No group falls below {threshold} of that rate; {lowest}.")
    sig_above = [r for r in others if not r.below_four_fifths and r.comparison and r.comparison.significant]
    if sig_above:
        out.append(
            f"{_names([r.group for r in sig_above])} {'differ' if len(sig_above) > 1 else 'differs'} significantly from "
            f"“{isolate(top.group)}” although above the threshold: a modest gap, measured precisely enough to be unlikely to be chance."
        )
    out.append(
        "These figures show where outcomes differ, not why: they do not prove that the system is biased or unlawful, "
        "and a clean result does not prove that it is fair."
    )
    return " ".join(out)


def _multiple(results: Sequence[GroupResult], alpha: float, bonferroni: float) -> Caveat | None:
    k = sum(1 for r in results if r.comparison)
    if k < 2:
        return None
    passing = sum(1 for r in results if r.comparison and r.comparison.significant_bonferroni)
    significant = sum(1 for r in results if r.comparison and r.comparison.significant)
    after = (
        f"Gaps still significant at that threshold: {passing} of {significant}."
        if significant
        else f"No gap is significant at {level(alpha)} in the first place."
    )
    return Caveat(
        "multiple-comparisons",
        f"There are {k} comparisons, each tested at {level(alpha)}: even with no real differences, about {k * alpha:.2g} "
        f"false alarms are expected by chance (a {1 - (1 - alpha) ** k:.0%} chance of at least one). "
        f"The stricter Bonferroni-adjusted threshold is {alpha:g} ÷ {k} = {bonferroni:.3g}. {after}",
    )


def caveats(results: Sequence[GroupResult], alpha: float, bonferroni: float, four_fifths: float, small_sample: int) -> tuple[Caveat, ...]:
    """The caveats that apply: small groups, many comparisons, and always what the four-fifths rule and rates are not."""
    out: list[Caveat] = []
    small = [r.group for r in results if r.small_sample]
    if small:
        out.append(
            Caveat(
                "small-sample",
                f"{_names(small)} {'have' if len(small) > 1 else 'has'} fewer than {small_sample} in total. Rates from small "
                "groups swing widely by chance (see the wide confidence intervals), so a gap, or the lack of one, is weak "
                "evidence; gather more data before drawing conclusions.",
            )
        )
    multiple = _multiple(results, alpha, bonferroni)
    if multiple:
        out.append(multiple)
    out.append(
        Caveat(
            "four-fifths-heuristic",
            f"The four-fifths rule (here {level(four_fifths)} of the top rate) is a screening heuristic from US employment "
            "guidance (the 1978 Uniform Guidelines on Employee Selection Procedures). It is not a legal test for marketing, "
            "and passing it does not show that a system is fair.",
        )
    )
    out.append(
        Caveat(
            "rates-not-causes",
            "Rates describe outcomes, not causes. A gap can come from who was targeted, the channel, timing or how groups "
            "were recorded as well as from the model; investigate before concluding, and never read a gap as a judgement "
            "about the people in a group.",
        )
    )
    return tuple(out)
