"""The bias audit: test choice, thresholds at and past their edges, verdicts, the JSON shape, and properties."""

from __future__ import annotations

import json

import pytest
from candor.bias.audit import audit
from candor.bias.figures import TEST_FISHER, TEST_Z
from candor.bias.input import BiasInputError, Group
from candor.bias.stats import two_proportion_z
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from .bias_sample import by_name, groups

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
        assert r.verdict == "adverse-impact"
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

    def test_json_round_trips_and_has_the_documented_shape(self) -> None:
        r = audit(groups(("a", 3, 10), ("b", 50, 100)))
        data = r.to_json()
        assert json.loads(json.dumps(data)) == data
        assert set(data) == {
            "groups", "most_favoured", "verdict", "reading", "caveats", "comparisons",
            "alpha", "bonferroni_alpha", "four_fifths", "small_sample", "confidence", "interval_label", "threshold_rate",
        }  # fmt: skip
        assert set(data["groups"][0]) == {
            "group", "successes", "total", "rate", "ci_low", "ci_high", "impact_ratio", "below_four_fifths",
            "most_favoured", "small_sample", "comparison", "figures",
        }  # fmt: skip
        assert set(data["groups"][0]["figures"]) == {"rate", "counts", "interval", "impact_ratio", "test", "p_value"}
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


class TestBonferroni:
    """With k groups tested against the most-favoured one, a gap passes the Bonferroni correction when its p-value
    is below alpha / k, and not at it. The level is computed once: the flags, the caveat and ``bonferroni_alpha``
    all read the same number."""

    COUNTS = (("top", 50, 100), ("a", 30, 100), ("b", 45, 100))  # k = 2: "a" and "b" against "top"

    def p_of_a(self) -> float:
        p: float = by_name(audit(groups(*self.COUNTS)))["a"]["comparison"]["p_value"]
        assert 0 < 2.5 * p < 1
        return p

    def multiple(self, alpha: float) -> tuple[dict[str, object], float, str]:
        r = audit(groups(*self.COUNTS), alpha=alpha)
        caveat = next(c.text for c in r.caveats if c.id == "multiple-comparisons")
        return by_name(r)["a"]["comparison"], r.bonferroni_alpha, caveat

    def test_a_p_value_exactly_at_alpha_over_k_does_not_pass(self) -> None:
        p = self.p_of_a()
        a, level, caveat = self.multiple(2 * p)  # alpha / 2 == p exactly: halving a float is exact
        assert level == p and a["p_value"] == level
        assert a["significant"] and not a["significant_bonferroni"]
        assert f"÷ 2 = {p:.3g}. Gaps still significant at that threshold: 0 of 1." in caveat

    def test_a_p_value_between_alpha_over_k_plus_one_and_alpha_over_k_passes(self) -> None:
        p = self.p_of_a()
        alpha = 2.5 * p  # alpha / 3 < p < alpha / 2
        a, level, caveat = self.multiple(alpha)
        assert alpha / 3 < a["p_value"] < level == alpha / 2
        assert a["significant"] and a["significant_bonferroni"]
        assert "Gaps still significant at that threshold: 1 of 1." in caveat


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
