"""Figures of the bias audit as people read them: one rounding, half away from zero, never across a threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest
from candor.bias.figures import confidence_label, fixed, level, p_phrase, p_value, percent, ratio

FOUR_FIFTHS = Fraction(4, 5)


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [(Fraction(5, 8), 2, "0.63"), (Fraction(1, 8), 2, "0.13"), (Fraction(5, 8), 1, "0.6"), (Fraction(-5, 8), 2, "-0.63"),
     (Fraction(1, 3), 0, "0"), (Fraction(0), 2, "0.00"), (Fraction(1), 2, "1.00")],
)  # fmt: skip
def test_fixed_rounds_half_away_from_zero_on_the_exact_value(value: Fraction, places: int, shown: str) -> None:
    assert fixed(value, places) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(4, 5), "0.80"),  # exactly at the threshold: not below, and reads 0.80
        (Fraction(7996, 10000), "0.7996"),  # just below: two decimals would read 0.80, on the wrong side
        (Fraction(79951, 100000), "0.7995"),  # three decimals would still read 0.800
        (Fraction(7949, 10000), "0.79"),
        (Fraction(5, 8), "0.63"),  # the ratio Python's float format reads 0.62 and JavaScript's toFixed 0.63
        (Fraction(1), "1.00"),
    ],
)
def test_ratios_keep_their_side_of_the_threshold(value: Fraction, shown: str) -> None:
    assert ratio(value, FOUR_FIFTHS) == shown
    assert (Fraction(shown) < FOUR_FIFTHS) == (value < FOUR_FIFTHS)


@pytest.mark.parametrize(
    ("p", "shown"),
    [(0.000999, "< 0.001"), (0.001, "0.00100"), (0.0698, "0.0698"), (0.06975, "0.0698"), (0.5, "0.500"), (1.0, "1.00"),
     (0.04996, "0.04996"), (0.049996, "0.049996"), (0.05, "0.0500"), (0.05004, "0.0500")],
)  # fmt: skip
def test_p_values_have_three_significant_digits_and_keep_their_side_of_alpha(p: float, shown: str) -> None:
    assert p_value(p, 0.05) == shown
    if not shown.startswith("<"):
        assert (Fraction(shown) < Fraction(1, 20)) == (p < 0.05)


def test_p_in_a_sentence() -> None:
    assert p_phrase("< 0.001") == "p < 0.001" and p_phrase("0.0698") == "p = 0.0698"


@pytest.mark.parametrize(
    ("rate", "shown"),
    [(0, "0%"), (1, "100%"), (Fraction(29, 100), "29.0%"), (Fraction(1, 3), "33.3%"), (Fraction(3, 2000), "0.15%"),
     (Fraction(1, 1000), "0.10%"), (0.00995, "1.0%"), (Fraction(1, 100), "1.0%"), (Fraction(9995, 10000), "100.0%")],
)  # fmt: skip
def test_percentages(rate: float | Fraction, shown: str) -> None:
    assert percent(rate) == shown


def test_settings_read_as_written() -> None:
    assert (level(0.05), level(0.8), level(0.1), confidence_label(0.95)) == ("5%", "80%", "10%", "95% interval")
