"""A group's result in a bias audit, as every output prints it: its test against the most-favoured group and
its figures formatted once. A leaf, so the reading (:mod:`candor.bias.reading`) and the chart can name it
without importing the audit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    """One group tested against the most-favoured group (two-sided)."""

    test: str  # TEST_FISHER or TEST_Z
    p_value: float
    z: float | None  # the z statistic (group minus most-favoured), for the z-test only
    significant: bool  # p_value < alpha
    significant_bonferroni: bool  # p_value < the result's bonferroni_alpha (alpha / number of comparisons)
    min_expected: float  # the smallest expected cell count of the 2x2 table: why this test was chosen


@dataclass(frozen=True)
class Figures:
    """A group's figures as every output prints them (see :mod:`candor.bias.figures`)."""

    rate: str  # "29.0%"
    counts: str  # "290 of 1,000"
    interval: str  # "26.2% – 31.9%"
    impact_ratio: str  # "0.60"
    test: str  # "Two-proportion z", or "–" for the most-favoured group
    p_value: str  # "< 0.001", "0.0698", or "–"


@dataclass(frozen=True)
class GroupResult:
    group: str
    successes: int
    total: int
    rate: float
    ci_low: float
    ci_high: float
    impact_ratio: float  # rate / the most-favoured rate (1.0 for every group when no group has a success)
    below_four_fifths: bool
    most_favoured: bool
    small_sample: bool
    comparison: Comparison | None  # None for the most-favoured group itself
    figures: Figures
