"""Statistics of the bias audit, checked against independent values.

Reference values come from scipy (a test-only dependency), exact rational arithmetic with math.comb,
hand-worked formulas, and the textbook Wilson intervals of Newcombe (1998), Statistics in Medicine 17:857.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from candor.bias.stats import fisher_exact_p, min_expected, two_proportion_z, wilson_interval
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats


def exact_fisher(a: int, b: int, c: int, d: int) -> Fraction:
    """Two-sided Fisher p-value by brute force in exact rationals: no tolerance needed for ties."""
    r1, r2, c1 = a + b, c + d, a + c
    n = r1 + r2
    pmf = {x: Fraction(math.comb(r1, x) * math.comb(r2, c1 - x), math.comb(n, c1)) for x in range(max(0, c1 - r2), min(c1, r1) + 1)}
    return sum((p for p in pmf.values() if p <= pmf[a]), Fraction(0))


# --- Wilson intervals -------------------------------------------------------------------------------


class TestWilson:
    @pytest.mark.parametrize(
        ("successes", "total", "low", "high"),
        [
            (81, 263, 0.2553, 0.3662),  # Newcombe 1998, table I, method 3 (Wilson score, no continuity correction)
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0000, 0.1611),
            (1, 29, 0.0061, 0.1718),
            (20, 20, 0.8389, 1.0000),  # the mirror image of 0/20
        ],
    )
    def test_textbook_values(self, successes: int, total: int, low: float, high: float) -> None:
        got = wilson_interval(successes, total)
        assert got == pytest.approx((low, high), abs=5e-5)

    def test_rate_zero_and_one_touch_the_bounds_exactly(self) -> None:
        assert wilson_interval(0, 7)[0] == 0.0
        assert wilson_interval(7, 7)[1] == 1.0

    @given(st.integers(1, 100_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
    def test_matches_scipy(self, counts: tuple[int, int]) -> None:
        k, n = counts
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert wilson_interval(k, n) == pytest.approx((float(ci.low), float(ci.high)), abs=1e-12)


# --- Fisher's exact test ----------------------------------------------------------------------------


class TestFisher:
    def test_lady_tasting_tea(self) -> None:
        # hypergeometric (8, 4, 4): P = 1, 16, 36, 16, 1 out of 70; observed 3 -> (1 + 16 + 16 + 1) / 70
        assert fisher_exact_p(3, 1, 1, 3) == pytest.approx(34 / 70, rel=1e-14)

    def test_equal_rates_give_one(self) -> None:
        assert fisher_exact_p(2, 8, 2, 8) == 1.0
        assert fisher_exact_p(0, 10, 0, 12) == 1.0  # no successes at all: one possible table

    @pytest.mark.parametrize("table", [(0, 10, 10, 0), (0, 5, 3, 2), (3, 0, 0, 3), (1, 9, 9, 1), (0, 1, 1, 0)])
    def test_extreme_tables(self, table: tuple[int, int, int, int]) -> None:
        assert fisher_exact_p(*table) == pytest.approx(float(exact_fisher(*table)), rel=1e-12)
        assert fisher_exact_p(*table) == pytest.approx(stats.fisher_exact([table[:2], table[2:]]).pvalue, rel=1e-9)

    @settings(max_examples=300)
    @given(st.tuples(*[st.integers(0, 40)] * 4))
    def test_matches_exact_rationals(self, table: tuple[int, int, int, int]) -> None:
        p = fisher_exact_p(*table)
        assert 0.0 <= p <= 1.0
        assert p == pytest.approx(float(exact_fisher(*table)), rel=1e-10, abs=1e-300)

    @settings(max_examples=300)
    @given(st.tuples(*[st.integers(0, 400)] * 4))
    def test_matches_scipy(self, table: tuple[int, int, int, int]) -> None:
        a, b, c, d = table
        assert fisher_exact_p(a, b, c, d) == pytest.approx(stats.fisher_exact([[a, b], [c, d]]).pvalue, rel=1e-9, abs=1e-300)

    @pytest.mark.parametrize(
        "table",
        [(1, 999, 0, 10**9), (0, 5 * 10**7, 9, 10**7), (3, 10**8, 12, 10**8), (2, 10**6, 1, 3 * 10**6), (4, 10**11, 0, 10**11)],
    )
    def test_large_audiences_with_rare_successes(self, table: tuple[int, int, int, int]) -> None:
        # few successes keep the exact brute force cheap however large the groups are
        assert fisher_exact_p(*table) == pytest.approx(float(exact_fisher(*table)), rel=1e-11)
        if max(table) <= 10**9:  # scipy's own pmf loses a few digits here, hence the looser tolerance
            a, b, c, d = table
            assert fisher_exact_p(*table) == pytest.approx(stats.fisher_exact([[a, b], [c, d]]).pvalue, rel=1e-6)

    def test_far_tail_underflows_to_zero_quickly(self) -> None:
        assert fisher_exact_p(2 * 10**6, 0, 0, 10**12) == 0.0


# --- two-proportion z-test --------------------------------------------------------------------------


class TestZ:
    def test_hand_worked(self) -> None:
        # 60/100 vs 40/100: pooled 0.5, se = sqrt(0.25 * 0.02) = sqrt(0.005), z = 0.2 / sqrt(0.005) = 2 sqrt(2)
        z, p = two_proportion_z(60, 100, 40, 100)
        assert z == pytest.approx(2 * math.sqrt(2), rel=1e-14)
        assert p == pytest.approx(math.erfc(2), rel=1e-14)
        assert p == pytest.approx(2 * stats.norm.sf(2 * math.sqrt(2)), rel=1e-12)
        assert p == pytest.approx(0.004677734981047, rel=1e-12)

    def test_sign_follows_the_first_group(self) -> None:
        assert two_proportion_z(40, 100, 60, 100)[0] == pytest.approx(-2 * math.sqrt(2))

    def test_equal_rates_and_degenerate_tables(self) -> None:
        assert two_proportion_z(30, 100, 60, 200) == (0.0, 1.0)
        assert two_proportion_z(0, 100, 0, 50) == (0.0, 1.0)
        assert two_proportion_z(100, 100, 50, 50) == (0.0, 1.0)

    @given(
        st.integers(5, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        st.integers(5, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    )
    def test_matches_scipy(self, first: tuple[int, int], second: tuple[int, int]) -> None:
        (x1, n1), (x2, n2) = first, second
        z, p = two_proportion_z(x1, n1, x2, n2)
        assert 0.0 <= p <= 1.0
        pooled = (x1 + x2) / (n1 + n2)
        if 0 < pooled < 1:
            expected_z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
            assert z == pytest.approx(expected_z, rel=1e-9, abs=1e-12)
            assert p == pytest.approx(2 * stats.norm.sf(abs(expected_z)), rel=1e-9, abs=1e-300)
            # the pooled z-test is Pearson's chi-square on the 2x2 table (z^2 = chi^2), without continuity correction
            chi = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
            assert p == pytest.approx(chi.pvalue, rel=1e-7, abs=1e-300)


def test_min_expected_is_the_smallest_cell_of_the_table() -> None:
    # 3/10 against 6/10: 9 successes and 11 failures in 20; the smaller row (10) expects 10 * 9 / 20 = 4.5 successes
    assert min_expected(3, 10, 6, 10) == 4.5
    assert min_expected(4, 10, 6, 10) == 5.0
    assert min_expected(0, 10, 0, 30) == 0.0
