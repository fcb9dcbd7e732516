"""The bias audit calculator: statistics checked against independent values, input checks, result and chart.

Reference values come from scipy (a test-only dependency), exact rational arithmetic with math.comb,
hand-worked formulas, and the textbook Wilson intervals of Newcombe (1998), Statistics in Medicine 17:857.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from candor.bias_audit import (
    MAX_GROUPS,
    TEST_FISHER,
    TEST_Z,
    BiasAuditResult,
    BiasInputError,
    Group,
    audit,
    bar_chart,
    fisher_exact_p,
    parse_csv,
    parse_groups,
    two_proportion_z,
    wilson_interval,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

SVG = "{http://www.w3.org/2000/svg}"


def groups(*counts: tuple[str, int, int]) -> tuple[Group, ...]:
    return tuple(Group(name, s, t) for name, s, t in counts)


def by_name(result: BiasAuditResult) -> dict[str, dict]:
    return {g["group"]: g for g in result.to_json()["groups"]}


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


# --- the audit --------------------------------------------------------------------------------------


class TestAudit:
    def test_a_worked_example(self) -> None:
        r = audit(groups(("Women", 30, 100), ("Men", 50, 100), ("Non-binary", 2, 10)))
        g = by_name(r)
        assert r.most_favoured == "Men" and g["Men"]["most_favoured"] and g["Men"]["comparison"] is None
        assert g["Women"]["impact_ratio"] == pytest.approx(0.6) and g["Women"]["below_four_fifths"]
        women = g["Women"]["comparison"]
        assert women["test"] == TEST_Z
        assert women["z"] == pytest.approx(two_proportion_z(30, 100, 50, 100)[0]) and women["z"] < 0
        assert women["p_value"] == pytest.approx(stats.chi2_contingency([[30, 70], [50, 50]], correction=False).pvalue)
        assert women["significant"]
        nb = g["Non-binary"]["comparison"]
        assert nb["test"] == TEST_FISHER and nb["z"] is None  # min expected = 10 * 48 / 110 < 5
        assert nb["p_value"] == pytest.approx(stats.fisher_exact([[2, 8], [50, 50]]).pvalue, rel=1e-9)
        assert not nb["significant"]
        assert r.verdict == "adverse-impact" and r.verdict_label == "Adverse impact"
        assert g["Non-binary"]["small_sample"] and not g["Women"]["small_sample"]

    def test_test_choice_follows_the_smallest_expected_count(self) -> None:
        # 10 + 10 rows; 10 successes: every expected cell is exactly 5 -> z-test
        at_five = audit(groups(("a", 4, 10), ("b", 6, 10)))
        assert by_name(at_five)["a"]["comparison"]["test"] == TEST_Z
        assert by_name(at_five)["a"]["comparison"]["min_expected"] == 5.0
        # 9 successes: expected successes 4.5 -> Fisher
        below = audit(groups(("a", 3, 10), ("b", 6, 10)))
        assert by_name(below)["a"]["comparison"]["test"] == TEST_FISHER
        assert by_name(below)["a"]["comparison"]["min_expected"] == 4.5

    def test_exactly_four_fifths_is_not_below(self) -> None:
        g = by_name(audit(groups(("a", 40, 100), ("b", 50, 100), ("c", 399, 1000))))
        assert g["a"]["impact_ratio"] == 0.8 and not g["a"]["below_four_fifths"]
        assert g["c"]["below_four_fifths"]

    def test_verdicts(self) -> None:
        assert audit(groups(("a", 48, 100), ("b", 50, 100))).verdict == "no-adverse-impact"
        # below four-fifths, but too few to be significant
        assert audit(groups(("a", 3, 10), ("b", 5, 10))).verdict == "possible-adverse-impact"
        # significant, but a ratio of 0.95
        big = audit(groups(("a", 76_000, 100_000), ("b", 80_000, 100_000)))
        assert by_name(big)["a"]["comparison"]["significant"] and not by_name(big)["a"]["below_four_fifths"]
        assert big.verdict == "possible-adverse-impact"
        assert "differs significantly" in big.reading
        assert audit(groups(("a", 20, 100), ("b", 50, 100))).verdict == "adverse-impact"

    def test_parameters_change_the_outcome(self) -> None:
        counts = groups(("a", 38, 100), ("b", 50, 100))  # ratio 0.76, p ~ 0.09
        assert audit(counts).verdict == "possible-adverse-impact"
        assert audit(counts, four_fifths=0.75).verdict == "no-adverse-impact"
        assert audit(counts, alpha=0.1).verdict == "adverse-impact"
        assert not by_name(audit(counts, small_sample=100))["a"]["small_sample"]
        assert by_name(audit(counts, small_sample=101))["a"]["small_sample"]

    def test_equal_rates(self) -> None:
        r = audit(groups(("a", 25, 50), ("b", 50, 100)))
        g = by_name(r)
        assert r.most_favoured == "a"  # first listed on a tie
        assert g["b"]["impact_ratio"] == 1.0 and g["b"]["comparison"]["p_value"] == 1.0
        assert r.verdict == "no-adverse-impact" and "shared with “b”" in r.reading

    def test_rate_zero_and_rate_one(self) -> None:
        r = audit(groups(("none", 0, 40), ("all", 40, 40)))
        g = by_name(r)
        assert g["none"]["impact_ratio"] == 0.0 and g["none"]["ci_low"] == 0.0 and g["all"]["ci_high"] == 1.0
        assert g["none"]["comparison"]["p_value"] < 1e-15 and r.verdict == "adverse-impact"

    def test_no_successes_anywhere(self) -> None:
        r = audit(groups(("a", 0, 40), ("b", 0, 60)))
        assert [g.impact_ratio for g in r.groups] == [1.0, 1.0]
        assert r.verdict == "no-adverse-impact" and "No group has any successes" in r.reading

    def test_reading_names_the_groups_and_the_significance(self) -> None:
        r = audit(groups(("Under 25", 10, 100), ("25 to 54", 50, 100), ("55 plus", 3, 10)))
        assert "“25 to 54” has the highest rate (50.0%, 50 of 100)" in r.reading
        assert "2 groups fall below 80% of that rate" in r.reading
        assert "For “Under 25” the gap is statistically significant at the 5% level (p < 0.001)" in r.reading
        assert "For “55 plus” the gap is not statistically significant" in r.reading
        assert "not why" in r.reading

    def test_caveats(self) -> None:
        r = audit(groups(("a", 10, 100), ("b", 50, 100), ("c", 3, 10), ("d", 45, 100)))
        caveats = {c.id: c.text for c in r.caveats}
        assert set(caveats) == {"small-sample", "multiple-comparisons", "four-fifths-heuristic", "rates-not-causes"}
        assert "“c” has fewer than 30" in caveats["small-sample"]
        assert "3 comparisons" in caveats["multiple-comparisons"] and "0.0167" in caveats["multiple-comparisons"]
        assert r.bonferroni_alpha == pytest.approx(0.05 / 3) and r.comparisons == 3
        assert "not a legal test for marketing" in caveats["four-fifths-heuristic"]
        two = audit(groups(("a", 40, 100), ("b", 50, 100)))
        assert [c.id for c in two.caveats] == ["four-fifths-heuristic", "rates-not-causes"]

    def test_bonferroni_flag(self) -> None:
        # p ~ 0.02: significant at 5%, not at 5% / 3
        r = audit(groups(("a", 35, 100), ("b", 50, 100), ("c", 50, 100), ("d", 50, 100)))
        a = by_name(r)["a"]["comparison"]
        assert a["significant"] and not a["significant_bonferroni"]
        assert "Gaps still significant at that threshold: 0 of 1." in next(c.text for c in r.caveats if c.id == "multiple-comparisons")

    def test_json_round_trips_and_has_the_documented_shape(self) -> None:
        r = audit(groups(("a", 3, 10), ("b", 50, 100)))
        data = r.to_json()
        assert json.loads(json.dumps(data)) == data
        assert set(data) == {
            "groups", "most_favoured", "verdict", "verdict_label", "reading", "caveats", "comparisons",
            "alpha", "bonferroni_alpha", "four_fifths", "small_sample", "confidence",
        }  # fmt: skip
        assert set(data["groups"][0]) == {
            "group", "successes", "total", "rate", "ci_low", "ci_high", "impact_ratio", "below_four_fifths",
            "most_favoured", "small_sample", "comparison",
        }  # fmt: skip
        assert set(data["groups"][0]["comparison"]) == {"test", "p_value", "z", "significant", "significant_bonferroni", "min_expected"}
        assert set(data["caveats"][0]) == {"id", "text"}

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [({"alpha": 0}, "alpha"), ({"alpha": 1.5}, "alpha"), ({"four_fifths": 0}, "four_fifths"), ({"four_fifths": 1.2}, "four_fifths"),
         ({"small_sample": -1}, "small_sample"), ({"small_sample": 2.5}, "small_sample")],
    )  # fmt: skip
    def test_bad_parameters(self, kwargs: dict, field: str) -> None:
        with pytest.raises(BiasInputError) as err:
            audit(groups(("a", 1, 2), ("b", 1, 2)), **kwargs)
        assert err.value.field == field

    def test_audit_rechecks_groups_built_by_hand(self) -> None:
        with pytest.raises(BiasInputError):
            audit(groups(("a", 3, 2), ("b", 1, 2)))
        with pytest.raises(BiasInputError):
            audit(groups(("a", 1, 2)))
        with pytest.raises(BiasInputError):
            audit(groups(("a", 1, 2), ("A", 1, 2)))


count_pairs = st.integers(1, 3000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@settings(max_examples=150, deadline=None)
@given(st.lists(count_pairs, min_size=2, max_size=8))
def test_properties(counts: list[tuple[int, int]]) -> None:
    r = audit(tuple(Group(f"g{i}", s, t) for i, (s, t) in enumerate(counts)))
    top = [g for g in r.groups if g.most_favoured]
    assert len(top) == 1 and top[0].impact_ratio == 1.0 and top[0].comparison is None
    assert top[0].rate == max(g.rate for g in r.groups) and r.most_favoured == top[0].group
    for g in r.groups:
        assert 0.0 <= g.impact_ratio <= 1.0
        assert 0.0 <= g.ci_low <= g.rate <= g.ci_high <= 1.0
        if g.comparison:
            assert 0.0 <= g.comparison.p_value <= 1.0
            assert g.comparison.test == (TEST_FISHER if g.comparison.min_expected < 5 else TEST_Z)
    flags = [(g.below_four_fifths, g.comparison.significant) for g in r.groups if g.comparison]
    if any(b and s for b, s in flags):
        expected = "adverse-impact"
    elif any(b or s for b, s in flags):
        expected = "possible-adverse-impact"
    else:
        expected = "no-adverse-impact"
    assert r.verdict == expected
    assert json.loads(json.dumps(r.to_json())) == r.to_json()


# --- input: form rows -------------------------------------------------------------------------------


def rows(*items: tuple) -> list[dict]:
    return [{"group": g, "successes": s, "total": t} for g, s, t in items]


def form_error(data: object) -> BiasInputError:
    with pytest.raises(BiasInputError) as err:
        parse_groups(data)
    return err.value


class TestParseGroups:
    def test_good_rows(self) -> None:
        got = parse_groups(rows(("  Women ", "30", 100), ("Men", 50.0, "1,000"), ("", "", "")))
        assert got == (Group("Women", 30, 100), Group("Men", 50, 1000))

    @pytest.mark.parametrize(
        ("data", "message", "field", "row"),
        [
            (rows(("a", "abc", 10), ("b", 1, 2)), "Row 1, column “successes”: “abc” is not a number", "successes", 1),
            (rows(("a", 1, 2), ("b", 1, "ten")), "Row 2, column “total”: “ten” is not a number", "total", 2),
            (rows(("a", -1, 10), ("b", 1, 2)), "Row 1, column “successes”: -1 is negative", "successes", 1),
            (rows(("a", "-1", 10), ("b", 1, 2)), "Row 1, column “successes”: -1 is negative", "successes", 1),
            (rows(("a", 1, 2), ("b", 1, -5)), "Row 2, column “total”: -5 is negative", "total", 2),
            (rows(("a", "2.5", 10), ("b", 1, 2)), "Row 1, column “successes”: “2.5” is not a whole number", "successes", 1),
            (rows(("a", 2.5, 10), ("b", 1, 2)), "Row 1, column “successes”: 2.5 is not a whole number", "successes", 1),
            (rows(("a", 1, "10,5"), ("b", 1, 2)), "Row 1, column “total”: “10,5” is not a whole number", "total", 1),
            (rows(("a", 1, 2), ("b", True, 2)), "Row 2, column “successes”: expected a whole number", "successes", 2),
            (rows(("a", 1, 2), ("b", "", 2)), "Row 2, column “successes” is empty", "successes", 2),
            (rows(("a", 11, 10), ("b", 1, 2)), "Row 1: “successes” (11) is greater than “total” (10)", "successes", 1),
            (rows(("a", 0, 0), ("b", 1, 2)), "Row 1, column “total” is 0: an empty group has no rate", "total", 1),
            (rows(("a", 1, 2), ("A ", 1, 2)), "Row 2, column “group”: the group “A” appears twice (also row 1)", "group", 2),
            (rows(("a", 1, 2), ("", 1, 2)), "Row 2, column “group” is empty", "group", 2),
            (
                rows(("a", 1, 2), ("x" * 81, 1, 2)),
                "Row 2, column “group”: the name is 81 characters long; keep group names to 80",
                "group",
                2,
            ),
            (rows(("a", 1, 2), ("b", 1, 10**12 + 1)), "Row 2, column “total”: 1,000,000,000,001 is too large", "total", 2),
            (rows(("a", 1, 2), ("b", 1, "9" * 40)), "is too large", "total", 2),
            (rows(("a", 1, 2)), "Enter at least 2 groups to compare (found 1)", "", None),
            ([], "Enter at least 2 groups to compare (found 0)", "", None),
            (rows(*[(f"g{i}", 1, 2) for i in range(MAX_GROUPS + 1)]), "There are 51 groups; the calculator compares at most 50", "", None),
            (rows(("a", 1, 2), ("b" * 80, 1, 2)) * 1200, "The input is", "", None),
            ([{"group": "a", "successes": 1, "total": 2}, "b,1,2"], "Row 2 is not a group", "", 2),
            ("a,1,2", "Expected a list of groups", "", None),
        ],
    )
    def test_errors_name_the_row_and_column(self, data: object, message: str, field: str, row: int | None) -> None:
        err = form_error(data)
        assert message in str(err)
        assert (err.field, err.row) == (field, row)
        assert isinstance(err, ValueError)

    def test_exactly_fifty_groups_and_eighty_characters_are_fine(self) -> None:
        assert len(parse_groups(rows(*[(f"g{i}", 1, 2) for i in range(MAX_GROUPS)]))) == MAX_GROUPS
        assert parse_groups(rows(("x" * 80, 1, 2), ("b", 1, 2)))[0].name == "x" * 80

    def test_names_stay_text(self) -> None:
        got = parse_groups(rows(("<img src=x onerror=alert(1)>", 1, 2), ("&amp;", 1, 2)))
        assert [g.name for g in got] == ["<img src=x onerror=alert(1)>", "&amp;"]


# --- input: pasted CSV ------------------------------------------------------------------------------


def csv_error(text: object) -> BiasInputError:
    with pytest.raises(BiasInputError) as err:
        parse_csv(text)
    return err.value


class TestParseCsv:
    @pytest.mark.parametrize(
        "text",
        [
            "group,successes,total\nWomen,30,100\nMen,50,100\n",
            "Group;Reached;Eligible\r\nWomen;30;100\r\nMen;50;100",
            "Eligible\tREACHED\tSegment\n100\t30\tWomen\n100\t50\tMen",
            "total,group,converted\n100,Women,30\n\n100,Men,50\n",
            "\ufeffShown,Converted,Audience,Notes\n100,30,Women,\n100,50,Men,high\n",
            "  \nOffers made;Approved;Group\n100;30;Women\n100;50;Men\n",
        ],
    )
    def test_headers_synonyms_order_and_separators(self, text: str) -> None:
        assert parse_csv(text) == (Group("Women", 30, 100), Group("Men", 50, 100))

    def test_quoted_names_and_thousands(self) -> None:
        text = 'group,successes,total\n"Women, 18-24",300,"1,000"\n"Men ""all""",50,100\n'
        assert parse_csv(text) == (Group("Women, 18-24", 300, 1000), Group('Men "all"', 50, 100))

    def test_trailing_separators_are_ignored(self) -> None:
        assert parse_csv("group;successes;total;\na;1;2;\nb;1;2;;\n") == (Group("a", 1, 2), Group("b", 1, 2))

    @pytest.mark.parametrize(
        ("text", "message", "field", "row"),
        [
            ("group,reached,eligible\na,x,10\nb,1,2", "Line 2, column “reached”: “x” is not a number", "successes", 2),
            ("group,reached,eligible\na,1,10\nb,-1,2", "Line 3, column “reached”: -1 is negative", "successes", 3),
            ("group,reached,eligible\na,1,10\nb,1,2.0", "Line 3, column “eligible”: “2.0” is not a whole number", "total", 3),
            ("group;reached;eligible\na;1;10\nb;1;2,5", "Line 3, column “eligible”: “2,5” is not a whole number", "total", 3),
            ("group,reached,eligible\na,12,10\nb,1,2", "Line 2: “reached” (12) is greater than “eligible” (10)", "successes", 2),
            ("group,reached,eligible\n\na,0,0\nb,1,2", "Line 3, column “eligible” is 0", "total", 3),
            (
                "group,reached,eligible\na,1,2\nb,1,2\n a ,1,2",
                "Line 4, column “group”: the group “a” appears twice (also line 2)",
                "group",
                4,
            ),
            ("group,reached,eligible\na,1,2\n,1,2", "Line 3, column “group” is empty", "group", 3),
            ("group,reached,eligible\na,1,2\nb,,2", "Line 3, column “reached” is empty", "successes", 3),
            ("group,reached,eligible\na,1,2\n" + "y" * 81 + ",1,2", "Line 3, column “group”: the name is 81 characters long", "group", 3),
            ("group,reached,eligible\na,1,2", "Enter at least 2 groups to compare (found 1)", "", None),
            ("group,reached,eligible\n" + "".join(f"g{i},1,2\n" for i in range(51)), "There are 51 groups", "", None),
            ("group,reached,eligible\n" + "g,1,2\n" * 20_000, "The input is 120,023 bytes; the limit is 100 KB (100,000 bytes)", "", None),
            (
                "group,reached,eligible\nWomen, 18-24,1,2\nb,1,2",
                "Line 2 has 4 values but the header has 3; if a group name contains a comma, put the name in double quotes",
                "",
                2,
            ),
            ("group,reached\na,1\nb,1", "Line 1: the header row must name a group, a successes and a total column", "header", 1),
            ("a,1,2\nb,1,2", "Missing: for group names use one of", "header", 1),
            (
                "group,reached,converted,total\na,1,1,2\nb,1,1,2",
                "Line 1: two columns both hold successes (“reached” and “converted”); keep one",
                "header",
                1,
            ),
            ("", "Nothing to read", "header", None),
            ("\n  \n", "Nothing to read", "header", None),
            (b"group,successes,total", "Expected the pasted data as text", "", None),
        ],
    )
    def test_errors_name_the_line_and_column(self, text: object, message: str, field: str, row: int | None) -> None:
        err = csv_error(text)
        assert message in str(err)
        assert (err.field, err.row) == (field, row)

    def test_size_limit_counts_bytes_not_characters(self) -> None:
        text = "group,reached,eligible\n" + "é" * 50_000  # 50,000 characters, 100,000 bytes
        assert "The input is 100,023 bytes" in str(csv_error(text))


# --- the chart --------------------------------------------------------------------------------------


class TestChart:
    def test_accessible_svg_with_values_in_words(self) -> None:
        svg = bar_chart(audit(groups(("Women", 30, 100), ("Men", 50, 100))))
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-labelledby")
        assert root.find(f"{SVG}title").text.startswith("Rate by group")
        desc = root.find(f"{SVG}desc").text
        assert "Women: 30.0% (30 of 100)" in desc and "below four-fifths" in desc and "40.0%" in desc
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert "30.0% · ratio 0.60 · below four-fifths" in texts  # the state is written, not only coloured
        assert "50.0% · ratio 1.00 · top" in texts
        assert any(t.startswith("80% of top rate") for t in texts)
        assert len([line for line in root.iter(f"{SVG}line") if line.get("class") == "candor-chart-whisker"]) == 6

    def test_markup_in_group_names_stays_inert(self) -> None:
        evil = ['<script>alert("x")</script>', "</text><foreignObject>&amp;'", "a&b"]
        r = audit(parse_groups(rows((evil[0], 1, 10), (evil[1], 5, 10), (evil[2], 3, 10))))
        svg = bar_chart(r)
        assert "<script" not in svg and "<foreignObject" not in svg and "&amp;amp;" in svg
        root = ET.fromstring(svg)  # still well-formed XML
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}foreignObject"))
        tooltips = [t.text for t in root.iter(f"{SVG}title")]
        assert all(name in tooltips for name in evil)  # each name survives as the same text
        assert all(name in root.find(f"{SVG}desc").text for name in evil)

    def test_long_names_are_shortened_on_the_label_only(self) -> None:
        name = "A very long segment name that goes on and on"
        root = ET.fromstring(bar_chart(audit(groups((name, 1, 2), ("b", 1, 2)))))
        label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "candor-chart-label")
        assert label.find(f"{SVG}title").text == name and "".join(label.itertext()).endswith("…")

    def test_small_rates_get_a_readable_scale(self) -> None:
        root = ET.fromstring(bar_chart(audit(groups(("a", 3, 2000), ("b", 9, 1500)))))
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert "2.0%" in texts and "0.15% · ratio 0.25 · below four-fifths" in texts and "0.60% · ratio 1.00 · top" in texts
