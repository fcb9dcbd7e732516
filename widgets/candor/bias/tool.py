"""The bias audit calculator as a tool: its settings and wording come from data (``content/tools/bias-audit.yml``).

:func:`run` takes form rows or pasted CSV and returns the audit as JSON, display-ready: the verdict's label,
tone and status sentence, the table (headings and formatted cells), the chart and the practices that explain
what to do, so the browser only places what the engine wrote and the CLI prints the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from candor.bias.audit import VERDICT_IDS, BiasAuditResult, audit
from candor.bias.chart import bar_chart
from candor.bias.figures import NONE, p_phrase
from candor.bias.input import DEFAULT_LABELS, BiasInputError, parse_groups
from candor.bias.pasted import read_csv
from candor.model.links import PracticeLink


@dataclass(frozen=True)
class VerdictStyle:
    id: str
    label: str
    tone: str  # good | warn | bad


@dataclass(frozen=True)
class Decision:
    id: str
    label: str
    successes: str  # the heading of the first count ("Reached")
    total: str  # the heading of the second ("Eligible")


@dataclass(frozen=True)
class BiasTool:
    id: str
    title: str
    version: int
    alpha: float
    four_fifths: float
    small_sample: int
    practices: tuple[PracticeLink, ...]
    verdicts: tuple[VerdictStyle, ...]
    decisions: tuple[Decision, ...]

    def verdict(self, verdict_id: str) -> VerdictStyle:
        return next(v for v in self.verdicts if v.id == verdict_id)

    def labels(self, decision: Any) -> dict[str, str]:
        """The column headings the reader sees for ``decision`` (None: the generic ones)."""
        if decision is None:
            return DEFAULT_LABELS
        chosen = next((d for d in self.decisions if d.id == decision), None)
        if chosen is None:
            raise BiasInputError("The kind of decision was not recognised; choose one of the options above the counts.", "decision")
        return {"group": DEFAULT_LABELS["group"], "successes": chosen.successes, "total": chosen.total}


def load_tool(bundle: Mapping[str, Any]) -> BiasTool:
    """Build the tool from its bundle: ``{"tool": <bias-audit.yml data>, "practices": {id: {id, title, url}}}``."""
    raw = bundle["tool"]
    links = bundle["practices"]
    verdicts = tuple(VerdictStyle(v["id"], v["label"], v["tone"]) for v in raw["verdicts"])
    if sorted(v.id for v in verdicts) != sorted(VERDICT_IDS):
        raise ValueError(f"tool {raw['id']}: verdicts must list each of {', '.join(VERDICT_IDS)} once")
    return BiasTool(
        id=raw["id"],
        title=raw["title"],
        version=int(raw["version"]),
        alpha=float(raw["alpha"]),
        four_fifths=float(raw["four_fifths"]),
        small_sample=int(raw["small_sample"]),
        practices=tuple(PracticeLink.from_json({"id": p, **links[p]}) for p in raw["practices"]),
        verdicts=verdicts,
        decisions=tuple(Decision(d["id"], d["label"], d["successes"], d["total"]) for d in raw["decisions"]),
    )


def table(result: BiasAuditResult) -> dict[str, Any]:
    """The table of rates by group: column headings, and per group its name, a note and the formatted cells."""
    columns = ["Group", "Rate", result.interval_label, "Impact ratio", "Below four fifths", "Test", "p-value", "Significant"]
    rows = []
    for g in result.groups:
        f, c = g.figures, g.comparison
        cells = [f"{f.rate} ({f.counts})", f.interval, f.impact_ratio, "Yes" if g.below_four_fifths else "No", f.test, f.p_value]
        cells.append(NONE if c is None else "Yes" if c.significant else "No")
        rows.append({"group": g.group, "note": "most favoured" if g.most_favoured else "", "cells": cells})
    return {"columns": columns, "rows": rows}


def run(tool: BiasTool, *, rows: Any = None, csv: Any = None, decision: Any = None) -> dict[str, Any]:
    """Audit the groups given as form ``rows`` (headed as for ``decision``) or as ``csv`` text; raises BiasInputError on bad input."""
    groups, assumed = read_csv(csv) if csv is not None else (parse_groups(rows, tool.labels(decision)), None)
    result = audit(groups, alpha=tool.alpha, four_fifths=tool.four_fifths, small_sample=tool.small_sample)
    verdict = tool.verdict(result.verdict)
    out = result.to_json()
    if assumed is not None:  # read first: it says how the counts above were read
        out["caveats"] = [{"id": "assumed-header", "text": assumed}, *out["caveats"]]
    out["verdict_label"] = verdict.label
    out["verdict_tone"] = verdict.tone
    out["status"] = f"Result: {verdict.label}."
    out["table"] = table(result)
    out["chart_svg"] = bar_chart(result)
    out["practices"] = [{"id": p.id, "title": p.title, "url": p.url} for p in tool.practices]
    return out


def audit_text(result: Mapping[str, Any]) -> str:
    """The audit as plain text for a terminal: the verdict, the reading, a line per group and the caveats."""
    lines = [result["verdict_label"], "", result["reading"], ""]
    width = max(len(g["group"]) for g in result["groups"])
    for g in result["groups"]:
        f, c = g["figures"], g["comparison"]
        test = "" if c is None else f"  {f['test']} {p_phrase(f['p_value'])}{'  significant' if c['significant'] else ''}"
        below = "  below four-fifths" if g["below_four_fifths"] else ""
        lines.append(f"  {g['group'].ljust(width)}  rate {f['rate']:>6}  ratio {f['impact_ratio']}{below}{test}")
    lines += [f"\nNote: {caveat['text']}" for caveat in result["caveats"]]
    return "\n".join(lines) + "\n"
