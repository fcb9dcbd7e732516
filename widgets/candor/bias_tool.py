"""The bias audit calculator as a tool: its settings come from data (``content/tools/bias-audit.yml``).

:func:`run` takes form rows or pasted CSV and returns the audit as JSON, with the chart and the practices
that explain what to do, so the browser and the CLI show the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .bias_audit import audit, bar_chart, parse_csv, parse_groups
from .catalog import PracticeLink


@dataclass(frozen=True)
class BiasTool:
    id: str
    title: str
    version: int
    alpha: float
    four_fifths: float
    small_sample: int
    practices: tuple[PracticeLink, ...]


def load_tool(bundle: Mapping[str, Any]) -> BiasTool:
    """Build the tool from its bundle: ``{"tool": <bias-audit.yml data>, "practices": {id: {id, title, url}}}``."""
    raw = bundle["tool"]
    links = bundle["practices"]
    return BiasTool(
        id=raw["id"],
        title=raw["title"],
        version=int(raw["version"]),
        alpha=float(raw["alpha"]),
        four_fifths=float(raw["four_fifths"]),
        small_sample=int(raw["small_sample"]),
        practices=tuple(PracticeLink.from_json({"id": p, **links[p]}) for p in raw["practices"]),
    )


def run(tool: BiasTool, *, rows: Any = None, csv: Any = None) -> dict[str, Any]:
    """Audit the groups given as form ``rows`` or as ``csv`` text; raises BiasInputError on bad input."""
    groups = parse_csv(csv) if csv is not None else parse_groups(rows)
    result = audit(groups, alpha=tool.alpha, four_fifths=tool.four_fifths, small_sample=tool.small_sample)
    out = result.to_json()
    out["chart_svg"] = bar_chart(result)
    out["practices"] = [{"id": p.id, "title": p.title, "url": p.url} for p in tool.practices]
    return out
