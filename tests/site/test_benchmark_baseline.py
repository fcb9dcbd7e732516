"""benchmarks/baseline.py: the committed boot baseline and the comparison run.py reports after its figures (the
comparison is the benchmark's report, not a test of speed: these tests check the arithmetic and the file)."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import baseline

BASE = {"tolerance": 0.1, "ratios": {"snap": {"figure": "cold.snap", "baseline": 0.5, "goal": 0.35},
                                     "warm": {"figure": "warm.ratio", "baseline": 0.6, "goal": 0.45}}}


def run(snap: float, warm: float | None = 0.6) -> dict[str, Any]:
    return {"cold": {"snap": snap}, **({"warm": {"ratio": warm}} if warm is not None else {})}


@pytest.mark.parametrize(("snap", "verdict"), [(0.55, "within tolerance"), (0.5501, "REGRESSED"), (0.45, "within tolerance"),
                                               (0.4499, "IMPROVED"), (0.5, "within tolerance")])
def test_a_ratio_moving_more_than_ten_percent_either_way_is_called_out(snap: float, verdict: str) -> None:
    report = baseline.compare(run(snap), BASE)
    assert report["ratios"]["snap"]["verdict"] == verdict
    assert report["regressed"] == (["snap"] if verdict == "REGRESSED" else [])
    assert report["improved"] == (["snap"] if verdict == "IMPROVED" else [])
    loud = baseline.banner(report)
    assert ("BOOT RATIO" in loud) == (verdict != "within tolerance")


def test_a_regression_is_loud_and_sets_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(0.6)
    out["baseline"] = baseline.compare(out, BASE)
    assert baseline.report(out, write=False, command="x") == baseline.REGRESSED
    printed = capsys.readouterr()
    assert "!!! BOOT RATIO REGRESSED: snap 0.5 -> 0.6 (+20.0 %" in printed.out
    assert "BOOT RATIO REGRESSED" in printed.err


def test_a_ratio_the_run_did_not_measure_is_reported_and_kept() -> None:
    out = run(0.52, warm=None)
    report = baseline.compare(out, BASE)
    assert report["ratios"]["warm"]["verdict"] == "not measured in this run"
    rewritten = baseline.rewritten(out, BASE, "today")
    assert rewritten["ratios"]["warm"]["baseline"] == 0.6
    assert rewritten["ratios"]["snap"] == {"figure": "cold.snap", "baseline": 0.52, "goal": 0.35}


def test_the_committed_baseline_names_figures_run_py_writes() -> None:
    committed = baseline.load()
    assert committed["tolerance"] == 0.1
    source = (ROOT / "benchmarks" / "run.py").read_text(encoding="utf-8")
    for name, spec in committed["ratios"].items():
        section, key = spec["figure"].split(".")
        assert f'out["{section}"]' in source and re.search(rf'"{key}":', source), name
        assert 0 < spec["goal"] < spec["baseline"] < 2, name  # issue 34: every boot ratio above its goal
