"""The boot figures against their committed baseline (benchmarks/baseline.json), reported loudly when one moves.

run.py measures; this compares. The boot figures are ratios (a page-to-ready time over the bare ``loadPyodide()``
floor measured in the same session, interleaved), so the machine's own speed largely cancels out. A ratio that
moves more than the baseline's tolerance (10 %) either way is reported in capitals in run.py's output: a
regression makes run.py exit with status 3; an improvement asks for the baseline to be rewritten
(``run.py --write-baseline``, after a run alone on the machine) so the next regression is measured from there.
Goals sit beside each baseline value and are reported too. This is a benchmark's report, never a test.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

FILE = Path(__file__).with_name("baseline.json")
REGRESSED = 3  # run.py's exit status when a boot ratio is more than the tolerance worse than its baseline


def figure(out: dict[str, Any], dotted: str) -> float | None:
    """A figure from run.py's output by its dotted path (``cold_ready_ms.ratio_snapshot_to_bare``)."""
    value: Any = out
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


def compare(out: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """Each ratio's baseline, value now, relative change and verdict; the names of those that moved."""
    tolerance = float(baseline["tolerance"])
    rows: dict[str, Any] = {}
    for name, spec in baseline["ratios"].items():
        now, base, goal = figure(out, spec["figure"]), float(spec["baseline"]), spec.get("goal")
        if now is None:
            rows[name] = {"baseline": base, "now": None, "verdict": "not measured in this run"}
            continue
        change = round((now - base) / base, 9)  # exactly at the tolerance is within it, whatever the float error
        verdict = "REGRESSED" if change > tolerance else "IMPROVED" if change < -tolerance else "within tolerance"
        rows[name] = {"baseline": base, "now": round(now, 3), "change_pct": round(100 * change, 1), "verdict": verdict,
                      "goal": goal, "meets_goal": None if goal is None else now <= goal}
    return {
        "file": FILE.name, "measured": baseline.get("measured", ""), "tolerance_pct": round(100 * tolerance, 1),
        "ratios": rows,
        "regressed": [n for n, r in rows.items() if r["verdict"] == "REGRESSED"],
        "improved": [n for n, r in rows.items() if r["verdict"] == "IMPROVED"],
    }


def banner(report: dict[str, Any]) -> str:
    """The loud part of the report: empty when every ratio is within tolerance."""
    lines = []
    for name in report["regressed"] + report["improved"]:
        r = report["ratios"][name]
        lines.append(f"!!! BOOT RATIO {r['verdict']}: {name} {r['baseline']} -> {r['now']} ({r['change_pct']:+.1f} %, "
                     f"tolerance {report['tolerance_pct']} %)")
    if report["regressed"]:
        lines.append("!!! Find where the time went before accepting this (benchmarks/README.md).")
    if report["improved"]:
        lines.append("!!! Measured alone on the machine? Then record it: benchmarks/run.py --write-baseline")
    return "\n".join(lines)


def rewritten(out: dict[str, Any], baseline: dict[str, Any], measured: str) -> dict[str, Any]:
    """The baseline with this run's ratios (figures and goals kept); a ratio this run did not measure is kept."""
    ratios = {}
    for name, spec in baseline["ratios"].items():
        now = figure(out, spec["figure"])
        ratios[name] = {**spec, "baseline": spec["baseline"] if now is None else round(now, 3)}
    return {**baseline, "measured": measured, "ratios": ratios}


def load(path: Path = FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def report(out: dict[str, Any], write: bool, command: str) -> int:
    """After run.py's JSON: the loud lines (on stdout and stderr), the baseline rewritten if asked; the exit status."""
    loud = banner(out["baseline"])
    if loud:
        print(loud, file=sys.stderr)
        print(loud)
    if write:
        measured = f"{time.strftime('%Y-%m-%d')}: {command} on {os.cpu_count()} cores"
        FILE.write_text(json.dumps(rewritten(out, load(), measured), indent=2) + "\n", encoding="utf-8")
        return 0
    return REGRESSED if out["baseline"]["regressed"] else 0
