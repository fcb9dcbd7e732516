"""Per-area bar chart as accessible SVG (the same picture in the browser, the reports and print).

Stacked layout (:mod:`candor.util.svg`): each area's title on its own line above its bar, the score at the end of the
bar, the verdict thresholds as dashed marks with their scores on the axis and a wrapped caption naming them.
"""

from __future__ import annotations

from collections.abc import Sequence

from candor.checks.scoring import AreaScore
from candor.model.questionnaire import Verdict
from candor.util import svg

_PLOT = svg.WIDTH - 44  # bar length; the score is written after it


def _value(area: AreaScore) -> str:
    if area.score is not None:
        return f"{area.score:g} out of 100"
    return "no answers yet" if area.applicable else "not applicable"


def _row(area: AreaScore, y: float, thresholds: Sequence[Verdict]) -> tuple[list[str], float]:
    """The parts of one area's row starting at ``y``, and the row's height."""
    lines = svg.wrap(area.title, max_lines=2)
    bar_y = y + svg.LINE * len(lines) + 2
    value = area.score if area.score is not None else 0.0
    parts = [
        svg.text(0, y + svg.FONT, lines, "candor-chart-label"),
        svg.bar(0, bar_y, _PLOT, _PLOT * value / 100),
        svg.text(svg.WIDTH, bar_y + svg.BAR - 3, "–" if area.score is None else f"{area.score:g}", "candor-chart-value", anchor="end"),
        *(svg.tick(_PLOT * (v.min_score or 0) / 100, bar_y) for v in thresholds),
    ]
    return parts, bar_y + svg.BAR + 12 - y


def area_chart(areas: Sequence[AreaScore], verdicts: Sequence[Verdict], title: str) -> str:
    """An SVG bar per area (0-100), with the verdict thresholds drawn as dashed marks and named in the caption."""
    thresholds = sorted((v for v in verdicts if v.min_score), key=lambda v: v.min_score or 0)  # left to right
    parts: list[str] = []
    y = 4.0
    for area in areas:
        row, height = _row(area, y, thresholds)
        parts += row
        y += height
    for v in thresholds:
        parts.append(svg.text(_PLOT * (v.min_score or 0) / 100, y + svg.SMALL, f"{v.min_score:g}", "candor-chart-axis", anchor="middle"))
    if thresholds:
        legend = "Dashed lines: " + "; ".join(f"{v.label} from {v.min_score:g}" for v in thresholds)
        caption = svg.wrap(legend, size=svg.SMALL)
        parts.append(svg.text(0, y + svg.SMALL + svg.LINE, caption, "candor-chart-axis candor-chart-caption"))
        y += svg.LINE * (len(caption) + 1)
    summary = "; ".join(f"{a.title}: {_value(a)}" for a in areas)
    return svg.document("candor-chart", "candor-chart", y + 8, title, summary, parts)
