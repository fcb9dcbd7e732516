"""Per-area bar chart as accessible SVG (the same picture in the browser, the reports and print)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .questionnaire import Verdict
from .scoring import AreaScore

_ROW = 28
_LABEL_W = 230
_BAR_W = 300
_PAD = 8


def _value(area: AreaScore) -> str:
    if area.score is not None:
        return f"{area.score:g} out of 100"
    return "no answers yet" if area.applicable else "not applicable"


def area_chart(areas: Sequence[AreaScore], verdicts: Sequence[Verdict], title: str) -> str:
    """An SVG bar per area (0-100), with the verdict thresholds drawn as dashed lines and labelled."""
    scored = list(areas)
    thresholds = [v for v in verdicts if v.min_score]
    height = _PAD * 2 + _ROW * len(scored) + 20 + (18 if thresholds else 0)
    width = _LABEL_W + _BAR_W + 70
    summary = "; ".join(
        f"{a.title}: {_value(a)}" for a in scored
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="candor-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="candor-chart-title candor-chart-desc">',
        f'<title id="candor-chart-title">{escape(title)}</title>',
        f'<desc id="candor-chart-desc">{escape(summary)}</desc>',
    ]
    for i, area in enumerate(scored):
        y = _PAD + i * _ROW
        value = area.score if area.score is not None else 0.0
        parts.append(
            f'<text x="{_LABEL_W - 8}" y="{y + 17}" text-anchor="end" class="candor-chart-label">{escape(area.title)}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 4}" width="{_BAR_W}" height="18" class="candor-chart-track"/>'
            f'<rect x="{_LABEL_W}" y="{y + 4}" width="{_BAR_W * value / 100:.1f}" height="18" class="candor-chart-bar"/>'
            f'<text x="{_LABEL_W + _BAR_W + 6}" y="{y + 17}" class="candor-chart-value">'
            f'{"–" if area.score is None else f"{area.score:g}"}</text>'
        )
    axis_y = _PAD + len(scored) * _ROW
    for v in thresholds:
        x = _LABEL_W + _BAR_W * (v.min_score or 0) / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{_PAD}" x2="{x:.1f}" y2="{axis_y}" class="candor-chart-threshold"/>'
            f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" class="candor-chart-axis">{v.min_score:g}</text>'
        )
    if thresholds:
        legend = "; ".join(f"{v.label} from {v.min_score:g}" for v in thresholds)
        parts.append(
            f'<text x="{_LABEL_W}" y="{axis_y + 32}" class="candor-chart-axis">Dashed lines: {escape(legend)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
