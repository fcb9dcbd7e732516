"""Accessible SVG charts, shared by the check's area chart and the bias audit's rate chart.

A chart is a narrow, stacked picture: each row has its label on a line of its own above a full-width bar, so
the labels stay at about body size at phone width (390 px) instead of shrinking with a wide side-by-side
layout, and captions are wrapped, never cut off. The chart is drawn :data:`WIDTH` units wide; the page shows it
at most about that many pixels wide (``.candor-chart`` in candor.css), so a unit is about a pixel everywhere.
Every text is escaped here: names people typed stay text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from html import escape

WIDTH = 340
FONT = 15  # labels and values, in chart units (about 15-16 px on a phone, where body text is 16 px)
SMALL = 14  # axis labels and captions
LINE = 19  # line height of labels and captions
BAR = 16  # bar height
_EM = 0.56  # average advance of a character in a sans-serif font, in em (wide East Asian characters: twice)


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the drawn width of ``text`` in chart units."""
    return size * _EM * sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: float = WIDTH, size: float = FONT, max_lines: int = 0) -> list[str]:
    """``text`` broken at spaces into lines that fit ``width``; with ``max_lines``, the last kept line ends in "…"."""
    return list(_wrap(text, width, size, max_lines))


@lru_cache(maxsize=512)  # the same area titles and captions are wrapped on every answer: measured once
def _wrap(text: str, width: float, size: float, max_lines: int) -> tuple[str, ...]:
    lines: list[str] = []
    for word in text.split():
        while text_width(word, size) > width:  # a word longer than a line is broken where it overflows
            cut = next((i for i in range(len(word), 0, -1) if text_width(word[:i], size) <= width), 1)
            lines.append(word[:cut])
            word = word[cut:]
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif word:
            lines.append(word)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return tuple(lines) or ("",)


def text(x: float, y: float, lines: str | list[str], cls: str, *, anchor: str = "start", tooltip: str | None = None) -> str:
    """A <text> of one line or several (``y`` is the first baseline), with an optional tooltip (<title>)."""
    rows = [lines] if isinstance(lines, str) else lines
    tip = f"<title>{escape(tooltip)}</title>" if tooltip is not None else ""
    body = escape(rows[0]) if len(rows) == 1 else "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>' for i, line in enumerate(rows)
    )
    align = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x:g}" y="{y:.1f}"{align} class="{cls}">{tip}{body}</text>'


def bar(x: float, y: float, length: float, filled: float) -> str:
    """A track ``length`` long with its first ``filled`` units drawn as the bar."""
    return (
        f'<rect x="{x:g}" y="{y:.1f}" width="{length:g}" height="{BAR}" class="candor-chart-track"/>'
        f'<rect x="{x:g}" y="{y:.1f}" width="{filled:.1f}" height="{BAR}" class="candor-chart-bar"/>'
    )


def tick(x: float, y: float) -> str:
    """A dashed threshold mark across one bar."""
    return (
        f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x:.1f}" y2="{y + BAR + 4:.1f}" class="candor-chart-threshold"'
        ' stroke="currentColor" stroke-dasharray="4 3"/>'
    )


def document(cls: str, ids: str, height: float, title: str, desc: str, parts: Iterable[str]) -> str:
    """The <svg> with its title and description (what a screen reader announces), ``ids`` prefixing their ids."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" role="img" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'font-size="{FONT}" aria-labelledby="{ids}-title {ids}-desc">'
        f'<title id="{ids}-title">{escape(title)}</title><desc id="{ids}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
