"""The bias audit as an accessible SVG chart: a bar per group (its rate, with the Wilson interval as a whisker)
and a dashed mark at the four-fifths share of the top rate. Each row prints its rate and impact ratio, and a
group below the threshold says so in words, so colour is never the only signal. Layout: :mod:`candor.util.svg`.
"""

from __future__ import annotations

import math

from candor.bias.audit import BiasAuditResult
from candor.bias.figures import level, percent
from candor.bias.results import GroupResult
from candor.util import svg
from candor.util.names import isolate

_LABEL_LINES = 2  # a longer group name is shortened on the label (the full name is its tooltip and in the description)


def _nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n at or above x (capped at 1: rates are proportions)."""
    if x >= 1:
        return 1.0
    exponent = math.floor(math.log10(x))
    for step in (1, 2, 2.5, 5, 10):
        value = step * 10.0**exponent
        if value >= x * (1 - 1e-12):
            return min(1.0, value)
    return 1.0


def _summary(result: BiasAuditResult) -> str:
    rows = "; ".join(
        f"{isolate(r.group)}: {r.figures.rate} ({r.figures.counts}), interval {r.figures.interval.replace(' – ', ' to ')}, "
        f"impact ratio {r.figures.impact_ratio}"
        + (" (most favoured)" if r.most_favoured else " (below four-fifths)" if r.below_four_fifths else "")
        for r in result.groups
    )
    return f"{rows}. The dashed line marks {_threshold(result)}."


def _threshold(result: BiasAuditResult) -> str:
    return f"{level(result.four_fifths)} of the top rate: {result.threshold_rate}"


def _row(r: GroupResult, y: float, x: _Scale, cut: float) -> tuple[list[str], float]:
    """The parts of one group's row starting at ``y``, and the row's height."""
    lines = svg.wrap(isolate(r.group), max_lines=_LABEL_LINES)
    note = " · top" if r.most_favoured else " · below four-fifths" if r.below_four_fifths else ""
    state = "most-favoured" if r.most_favoured else "below" if r.below_four_fifths else "ok"
    value_y = y + svg.FONT + svg.LINE * len(lines)
    bar_y = value_y + 6
    mid = bar_y + svg.BAR / 2
    lo, hi = x(r.ci_low), x(r.ci_high)
    parts = [
        f'<g class="candor-bias-row candor-bias-{state}">',
        svg.text(0, y + svg.FONT, lines, "candor-chart-label", tooltip=isolate(r.group)),
        svg.text(0, value_y, f"{r.figures.rate} · ratio {r.figures.impact_ratio}{note}", "candor-chart-value"),
        svg.bar(0, bar_y, svg.WIDTH, x(r.rate)),
        '<g class="candor-chart-interval" stroke="currentColor" stroke-width="2">',
        f'<line x1="{lo:.1f}" y1="{mid:.1f}" x2="{hi:.1f}" y2="{mid:.1f}" class="candor-chart-whisker"/>',
        f'<line x1="{lo:.1f}" y1="{mid - 6:.1f}" x2="{lo:.1f}" y2="{mid + 6:.1f}" class="candor-chart-whisker"/>',
        f'<line x1="{hi:.1f}" y1="{mid - 6:.1f}" x2="{hi:.1f}" y2="{mid + 6:.1f}" class="candor-chart-whisker"/></g>',
        svg.tick(x(cut), bar_y),
        "</g>",
    ]
    return parts, bar_y + svg.BAR + 14 - y


class _Scale:
    """Rates to chart units: 0 at the left edge, ``top`` (a round number) at the right."""

    def __init__(self, top: float) -> None:
        self.top = top

    def __call__(self, value: float) -> float:
        return svg.WIDTH * min(value, self.top) / self.top


def bar_chart(result: BiasAuditResult) -> str:
    """The chart of an audit, as an SVG string (the same in the browser and the CLI's JSON)."""
    top = next(r for r in result.groups if r.most_favoured)
    x = _Scale(_nice_ceiling(max(r.ci_high for r in result.groups)))
    cut = result.four_fifths * top.rate
    parts: list[str] = []
    y = 4.0
    for r in result.groups:
        row, height = _row(r, y, x, cut)
        parts += row
        y += height
    caption = svg.wrap(f"{level(result.four_fifths)} of top rate ({result.threshold_rate}): the dashed marks", size=svg.SMALL)
    parts += [
        svg.text(0, y + svg.SMALL, "0%", "candor-chart-axis"),
        svg.text(svg.WIDTH, y + svg.SMALL, percent(x.top), "candor-chart-axis", anchor="end"),
        svg.text(0, y + svg.SMALL + svg.LINE, caption, "candor-chart-axis candor-chart-caption"),
    ]
    height = y + svg.SMALL + svg.LINE * len(caption) + 8
    title = f"Rate by group, with {level(result.confidence)} confidence intervals"
    return svg.document("candor-chart candor-bias-chart", "candor-bias-chart", height, title, _summary(result), parts)
