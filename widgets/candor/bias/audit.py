"""Bias audit: compare per-group outcome rates from an AI-driven decision.

A marketer enters, per group, how many were eligible and how many were reached (or ads shown and converted,
offers made and approved); :mod:`candor.bias.input` checks the counts. :func:`audit` compares every group with
the most-favoured one (highest rate): Wilson 95% intervals, impact ratios against the four-fifths screening
threshold, and a significance test suited to the counts (Fisher's exact test when an expected count is small,
else the pooled two-proportion z-test; :mod:`candor.bias.stats`). The result carries its figures formatted once
(:mod:`candor.bias.figures`) and its reading and caveats in plain text (:mod:`candor.bias.reading`): insert them
as text, never as HTML. :mod:`candor.bias.chart` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from candor.bias import figures as fig
from candor.bias.figures import TEST_FISHER, TEST_Z
from candor.bias.input import MAX_COUNT, MAX_GROUPS, MIN_GROUPS, BiasInputError, Group
from candor.bias.reading import Caveat, caveats, reading
from candor.bias.results import Comparison, Figures, GroupResult
from candor.bias.stats import CONFIDENCE, fisher_exact_p, min_expected, two_proportion_z, wilson_interval
from candor.util.jsonable import plain_object
from candor.util.names import name_key

VERDICT_IDS = ("no-adverse-impact", "possible-adverse-impact", "adverse-impact")
_FISHER_BELOW = 5  # use Fisher's exact test when any expected cell count is below this


@dataclass(frozen=True)
class BiasAuditResult:
    groups: tuple[GroupResult, ...]
    most_favoured: str
    verdict: str  # one of VERDICT_IDS; the tool's data gives its label and tone
    reading: str  # plain text, a few sentences
    caveats: tuple[Caveat, ...]
    comparisons: int  # number of groups tested against the most-favoured one
    alpha: float
    bonferroni_alpha: float
    four_fifths: float
    small_sample: int
    confidence: float
    interval_label: str  # "95% interval"
    threshold_rate: str  # the four-fifths share of the top rate, formatted: "33.6%"

    def to_json(self) -> dict[str, Any]:
        """The result exactly as JSON carries it (lists, not tuples), the same on the host and in the browser."""
        return plain_object(self)


def _check_params(groups: Sequence[Group], alpha: float, four_fifths: float, small_sample: int) -> None:
    if not 0 < alpha < 1:
        raise BiasInputError(f"alpha must be between 0 and 1, not {alpha!r}.", "alpha")
    if not 0 < four_fifths <= 1:
        raise BiasInputError(f"four_fifths must be above 0 and at most 1, not {four_fifths!r}.", "four_fifths")
    if isinstance(small_sample, bool) or not isinstance(small_sample, int) or small_sample < 0:
        raise BiasInputError(f"small_sample must be a whole number of 0 or more, not {small_sample!r}.", "small_sample")
    if not MIN_GROUPS <= len(groups) <= MAX_GROUPS:
        raise BiasInputError(f"Enter between {MIN_GROUPS} and {MAX_GROUPS} groups to compare (found {len(groups)}).")
    names = {name_key(g.name) for g in groups}
    if len(names) != len(groups):
        raise BiasInputError("Each group must appear once.", "group")
    for g in groups:
        if not 0 <= g.successes <= g.total or g.total <= 0 or g.total > MAX_COUNT:
            raise BiasInputError(f"“{g.name}”: counts must satisfy 0 <= successes <= total, with 0 < total <= {MAX_COUNT:,}.", "total")


def _compare(g: Group, top: Group, alpha: float, bonferroni: float) -> Comparison:
    table = (g.successes, g.total, top.successes, top.total)
    least = min_expected(*table)
    if least < _FISHER_BELOW:
        test, z = TEST_FISHER, None
        p = fisher_exact_p(g.successes, g.total - g.successes, top.successes, top.total - top.successes)
    else:
        test = TEST_Z
        z, p = two_proportion_z(*table)
    return Comparison(test, p, z, p < alpha, p < bonferroni, least)


def _figures(g: Group, bounds: tuple[float, float], ratio: Fraction, threshold: Fraction, comparison: Comparison | None,
             alpha: float) -> Figures:
    low, high = bounds
    return Figures(
        rate=fig.percent(Fraction(g.successes, g.total)),
        counts=fig.counts(g.successes, g.total),
        interval=fig.interval(low, high),
        impact_ratio=fig.ratio(ratio, threshold),
        test=fig.TEST_LABELS[comparison.test] if comparison else fig.NONE,
        p_value=fig.p_value(comparison.p_value, alpha) if comparison else fig.NONE,
    )


def _group_results(groups: Sequence[Group], alpha: float, bonferroni: float, four_fifths: float,
                   small_sample: int) -> list[GroupResult]:
    rates = [Fraction(g.successes, g.total) for g in groups]
    top_rate = max(rates)
    top_i = rates.index(top_rate)
    threshold = fig.exact(four_fifths)
    results = []
    for i, (g, rate) in enumerate(zip(groups, rates, strict=True)):
        ratio = Fraction(1) if top_rate == 0 else rate / top_rate
        comparison = None if i == top_i else _compare(g, groups[top_i], alpha, bonferroni)
        low, high = wilson_interval(g.successes, g.total)
        results.append(
            GroupResult(
                group=g.name,
                successes=g.successes,
                total=g.total,
                rate=float(rate),
                ci_low=low,
                ci_high=high,
                impact_ratio=float(ratio),
                below_four_fifths=ratio < threshold,
                most_favoured=i == top_i,
                small_sample=g.total < small_sample,
                comparison=comparison,
                figures=_figures(g, (low, high), ratio, threshold, comparison, alpha),
            )
        )
    return results


def audit(groups: Sequence[Group], *, alpha: float = 0.05, four_fifths: float = 0.8, small_sample: int = 30) -> BiasAuditResult:
    """Compare every group's rate with the most-favoured group's (the highest rate; the first listed on a tie).

    A group is below four-fifths when its impact ratio is strictly less than ``four_fifths``; a gap is
    significant when the two-sided p-value is below ``alpha``. Verdict: adverse-impact if some group is
    both; possible-adverse-impact if some group is either; else no-adverse-impact. With ``k`` groups tested,
    a gap is also significant after the Bonferroni correction when its p-value is below ``alpha / k``
    (computed here once: the flags, the caveat and ``bonferroni_alpha`` all read it).
    """
    _check_params(groups, alpha, four_fifths, small_sample)
    k = len(groups) - 1
    bonferroni = alpha / k
    results = _group_results(groups, alpha, bonferroni, four_fifths, small_sample)
    top = next(r for r in results if r.most_favoured)
    return BiasAuditResult(
        groups=tuple(results),
        most_favoured=top.group,
        verdict=_verdict(results),
        reading=reading(results, alpha, four_fifths),
        caveats=caveats(results, alpha, bonferroni, four_fifths, small_sample),
        comparisons=k,
        alpha=alpha,
        bonferroni_alpha=bonferroni,
        four_fifths=four_fifths,
        small_sample=small_sample,
        confidence=CONFIDENCE,
        interval_label=fig.confidence_label(CONFIDENCE),
        threshold_rate=fig.percent(fig.exact(four_fifths) * Fraction(top.successes, top.total)),
    )


def _verdict(results: Sequence[GroupResult]) -> str:
    tested = [(r.below_four_fifths, r.comparison.significant) for r in results if r.comparison]
    if any(below and sig for below, sig in tested):
        return "adverse-impact"
    if any(below or sig for below, sig in tested):
        return "possible-adverse-impact"
    return "no-adverse-impact"
