"""The bias audit as a tool: settings from data, golden cases, the bridge op and the CLI subcommand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.bias_tool import BiasTool, load_tool, run
from candor.bundle import make_tool_bundle
from candor.catalog import Catalog
from candor.cli import main

GOLDEN = sorted((Path(__file__).parents[1] / "golden_tools" / "bias-audit").glob("*.json"))


@pytest.fixture(scope="module")
def tool(catalog: Catalog) -> BiasTool:
    return load_tool(make_tool_bundle(catalog, catalog.tools["bias-audit"]))


def test_policy_numbers_come_from_the_data(catalog: Catalog, tool: BiasTool) -> None:
    raw = catalog.tools["bias-audit"]
    assert (tool.alpha, tool.four_fifths, tool.small_sample) == (raw["alpha"], raw["four_fifths"], raw["small_sample"])
    changed = load_tool(make_tool_bundle(catalog, {**raw, "four_fifths": 0.9}))
    csv = "group,successes,total\nA,100,1000\nB,88,1000\n"
    assert [g["below_four_fifths"] for g in run(tool, csv=csv)["groups"]] == [False, False]
    assert [g["below_four_fifths"] for g in run(changed, csv=csv)["groups"]] == [False, True]


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_cases(path: Path, tool: BiasTool) -> None:
    case = json.loads(path.read_text())
    result = run(tool, csv=case["csv"])
    below = [g["group"] for g in result["groups"] if g["below_four_fifths"]]
    assert {"verdict": result["verdict"], "most_favoured": result["most_favoured"], "below": below} == case["expect"]
    assert result["chart_svg"].startswith("<svg") and result["practices"]


def test_bridge_reports_bad_counts_with_the_field(catalog: Catalog) -> None:
    def call(req: dict[str, Any]) -> dict[str, Any]:
        return json.loads(bridge.handle(json.dumps(req)))

    assert call({"op": "tool-load", "bundle": make_tool_bundle(catalog, catalog.tools["bias-audit"])})["ok"]
    bad = call({"op": "bias-audit", "tool": "bias-audit", "rows": [{"group": "A", "successes": "-3", "total": "10"},
                                                                  {"group": "B", "successes": "1", "total": "10"}]})
    assert bad["ok"] is False and bad["error"]["field"] == "successes"
    good = call({"op": "bias-audit", "tool": "bias-audit", "csv": json.loads(GOLDEN[0].read_text())["csv"]})
    assert good["ok"] and good["result"]["groups"]


def test_cli_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_text(json.loads(GOLDEN[0].read_text())["csv"])
    assert main(["bias-audit", str(counts)]) == 0
    assert capsys.readouterr().out.startswith("Adverse impact")
    assert main(["bias-audit", str(counts), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "adverse-impact"
    counts.write_text("group,successes,total\nA,five,10\nB,1,10\n")
    assert main(["bias-audit", str(counts)]) == 2
    assert "five" in capsys.readouterr().err


def test_check_shortcut_subcommands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.yml"
    path.write_text("questionnaire: outreach\nversion: 1\nanswers:\n  accounts: bought\n")
    assert main(["outreach", str(path), "--fail-on", "not-ready"]) == 1
    assert "Verdict:" in capsys.readouterr().out
