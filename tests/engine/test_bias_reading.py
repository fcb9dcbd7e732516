"""The words of a bias audit: the reading names groups and figures as the table and chart print them (one
rounding), and the caveats say what the numbers cannot."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from candor.bias.audit import audit
from candor.bias.chart import bar_chart
from candor.bias.tool import BiasTool, load_tool, run
from candor.compiler.bundle import make_tool_bundle
from candor.compiler.catalog import Catalog

from .bias_sample import groups

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def tool(catalog: Catalog) -> BiasTool:
    return load_tool(make_tool_bundle(catalog, catalog.tools["bias-audit"]))


def csv(*counts: tuple[str, int, int]) -> str:
    return "group,successes,total\n" + "".join(f"{g},{s},{t}\n" for g, s, t in counts)


def chart_values(result: dict[str, Any]) -> list[str]:
    root = ET.fromstring(result["chart_svg"])
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "candor-chart-value"]


CASES = {
    # 250/1000 against 400/1000: a ratio of exactly 0.625, which read 0.62 in the sentence and 0.63 in the table
    "half-way ratio": (("A", 250, 1000), ("B", 400, 1000)),
    # a p-value of about 0.077: the sentence printed three significant digits and the table three decimals
    "p near 0.07": (("Under 35", 30, 100), ("35 and over", 42, 100)),
    "just below four fifths": (("a", 7996, 10000), ("b", 10000, 10000)),
    "small groups": (("North", 3, 10), ("South", 8, 9), ("East", 5, 12)),
}


@pytest.mark.parametrize("counts", CASES.values(), ids=CASES.keys())
def test_sentence_table_and_chart_print_the_same_figures(tool: BiasTool, counts: tuple[tuple[str, int, int], ...]) -> None:
    result = run(tool, csv=csv(*counts))
    rows = {row["group"]: row["cells"] for row in result["table"]["rows"]}
    values = chart_values(result)
    for g in result["groups"]:
        f = g["figures"]
        cells = rows[g["group"]]
        assert cells[0] == f"{f['rate']} ({f['counts']})" and cells[2] == f["impact_ratio"] and cells[5] == f["p_value"]
        assert any(v.startswith(f"{f['rate']} · ratio {f['impact_ratio']}") for v in values), (f, values)
        if g["below_four_fifths"]:
            assert f"“{g['group']}” ({f['rate']}, impact ratio {f['impact_ratio']})" in result["reading"]
            phrase = "p < 0.001" if f["p_value"].startswith("<") else f"p = {f['p_value']}"
            assert phrase in result["reading"]


def test_the_half_way_ratio_reads_the_same_everywhere(tool: BiasTool) -> None:
    result = run(tool, csv=csv(*CASES["half-way ratio"]))
    assert "impact ratio 0.63" in result["reading"] and "0.62" not in result["reading"] + result["chart_svg"]
    assert result["table"]["rows"][0]["cells"][2] == "0.63" and "25.0% · ratio 0.63 · below four-fifths" in chart_values(result)


def test_a_p_value_reads_the_same_in_the_sentence_and_the_table(tool: BiasTool) -> None:
    result = run(tool, csv=csv(*CASES["p near 0.07"]))
    p = result["table"]["rows"][0]["cells"][5]
    assert p == result["groups"][0]["figures"]["p_value"] == "0.0771"  # p = 0.07710: three significant digits
    assert f"p = {p}" in result["reading"]


def test_a_ratio_just_below_the_threshold_never_reads_as_the_threshold() -> None:
    r = audit(groups(*CASES["just below four fifths"]))
    assert r.groups[0].below_four_fifths and r.groups[0].figures.impact_ratio == "0.7996"
    assert "impact ratio 0.7996" in r.reading and "ratio 0.80" not in bar_chart(r)


class TestReading:
    def test_names_the_groups_and_the_significance(self) -> None:
        r = audit(groups(("Under 25", 10, 100), ("25 to 54", 50, 100), ("55 plus", 3, 10)))
        assert "“25 to 54” has the highest rate (50.0%, 50 of 100)" in r.reading
        assert "2 groups fall below 80% of that rate" in r.reading
        assert "For “Under 25” the gap is statistically significant at the 5% level (p < 0.001)" in r.reading
        assert "For “55 plus” the gap is not statistically significant" in r.reading
        assert "not why" in r.reading

    def test_no_group_below_names_the_lowest_ratio(self) -> None:
        r = audit(groups(("a", 45, 100), ("b", 50, 100), ("c", 48, 100)))
        assert "No group falls below 80% of that rate; the lowest impact ratio is 0.90 (“a”)." in r.reading

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

    def test_bonferroni_count(self) -> None:
        # p ~ 0.02: significant at 5%, not at 5% / 3
        r = audit(groups(("a", 35, 100), ("b", 50, 100), ("c", 50, 100), ("d", 50, 100)))
        assert "Gaps still significant at that threshold: 0 of 1." in next(c.text for c in r.caveats if c.id == "multiple-comparisons")
