"""The figures of a bias audit as people read them, rounded once: the reading, the table, the chart and the CLI
all print these strings, so a ratio never reads 0.62 in one place and 0.63 in another.

Rounding is half away from zero on the exact value (a ratio of 5/8 reads 0.63). A figure compared with a
threshold gets more digits when rounding would put it on the other side: a ratio of 0.7996 below a threshold of
0.8 reads 0.7996, not 0.80; a p-value of 0.04996 at the 5% level reads 0.04996, not 0.0500.
"""

from __future__ import annotations

import math
from fractions import Fraction

TEST_FISHER = "fisher-exact"
TEST_Z = "two-proportion-z"
TEST_LABELS = {TEST_FISHER: "Fisher's exact", TEST_Z: "Two-proportion z"}
NONE = "–"  # a cell with nothing to show (the most-favoured group is not tested against itself)
_MAX_PLACES = 12


def exact(x: float | Fraction) -> Fraction:
    """A number as written (0.8 means 4/5 exactly, not the nearest binary float)."""
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def fixed(value: Fraction, places: int) -> str:
    """``value`` with ``places`` decimals, rounded half away from zero (exact, no binary surprises)."""
    scaled = abs(value) * 10**places
    whole = math.floor(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and whole else ""
    digits = str(whole).rjust(places + 1, "0")
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


def _keeping_side(value: Fraction, places: int, threshold: Fraction | None) -> str:
    """``fixed(value, places)``, with more places while the rounded figure sits on the other side of ``threshold``."""
    shown = fixed(value, places)
    while threshold is not None and places < _MAX_PLACES and (Fraction(shown) < threshold) != (value < threshold):
        places += 1
        shown = fixed(value, places)
    return shown


def percent(x: float | Fraction) -> str:
    """A rate as a percentage: one decimal ("29.0%"), two significant digits below 1% ("0.15%"), 0% and 100% bare."""
    value = Fraction(x) * 100
    if value in (0, 100):
        return f"{value}%"
    if value >= 1:
        return f"{fixed(value, 1)}%"
    places = 1 - math.floor(math.log10(value))  # two significant digits
    shown = fixed(value, places)
    if Fraction(shown) >= 1:  # 0.995% rounds up to 1.0%
        shown = fixed(value, 1)
    return f"{shown}%"


def ratio(value: Fraction, threshold: Fraction) -> str:
    """An impact ratio with two decimals, more when two would cross ``threshold``."""
    return _keeping_side(value, 2, threshold)


def p_value(p: float, alpha: float) -> str:
    """A p-value: "< 0.001", or three significant digits (more when rounding would cross ``alpha``)."""
    if p < 0.001:
        return "< 0.001"
    value = Fraction(p)
    places = 2 - math.floor(math.log10(p)) if p < 1 else 2
    return _keeping_side(value, places, exact(alpha))


def p_phrase(shown: str) -> str:
    """A formatted p-value in a sentence: "p < 0.001" or "p = 0.0698"."""
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def interval(low: float, high: float) -> str:
    return f"{percent(low)} – {percent(high)}"


def counts(successes: int, total: int) -> str:
    return f"{successes:,} of {total:,}"


def level(x: float) -> str:
    """A setting as a percentage, as written in the tool's data: 0.05 -> "5%", 0.8 -> "80%"."""
    return f"{float(exact(x) * 100):g}%"


def confidence_label(confidence: float) -> str:
    """The heading of the interval column: "95% interval"."""
    return f"{level(confidence)} interval"
