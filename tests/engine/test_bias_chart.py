"""The bias audit chart: accessible SVG, names kept as text, readable labels and scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from candor.bias.audit import audit
from candor.bias.chart import bar_chart
from candor.bias.input import parse_groups

from .bias_sample import groups

SVG = "{http://www.w3.org/2000/svg}"


def rows(*items: tuple[str, int, int]) -> list[dict[str, object]]:
    return [{"group": g, "successes": s, "total": t} for g, s, t in items]


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

    def test_long_names_wrap_to_two_lines_and_are_shortened_past_them(self) -> None:
        def label(name: str) -> ET.Element:
            root = ET.fromstring(bar_chart(audit(groups((name, 1, 2), ("b", 1, 2)))))
            return next(t for t in root.iter(f"{SVG}text") if t.get("class") == "candor-chart-label")

        two = "A very long segment name that goes on and on"
        lines = [t.text for t in label(two).iter(f"{SVG}tspan")]
        assert len(lines) == 2 and " ".join(lines) == two  # wrapped whole, nothing cut
        longer = "Returning customers in the north-east region who opened the spring newsletter twice"
        shown = label(longer)
        lines = [t.text for t in shown.iter(f"{SVG}tspan")]
        assert shown.find(f"{SVG}title").text == longer  # the full name is the tooltip
        assert len(lines) == 2 and lines[-1].endswith("…") and longer.startswith(" ".join(lines)[:-1])

    def test_small_rates_get_a_readable_scale(self) -> None:
        root = ET.fromstring(bar_chart(audit(groups(("a", 3, 2000), ("b", 9, 1500)))))
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert "2.0%" in texts and "0.15% · ratio 0.25 · below four-fifths" in texts and "0.60% · ratio 1.00 · top" in texts
