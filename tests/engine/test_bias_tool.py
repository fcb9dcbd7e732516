"""The bias audit as a tool: settings from data, golden cases, the bridge op and the CLI subcommand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.bias.audit import VERDICT_IDS
from candor.bias.input import BiasInputError
from candor.bias.tool import BiasTool, audit_text, load_tool, run
from candor.cli import main
from candor.compiler.bundle import make_tool_bundle
from candor.compiler.catalog import Catalog

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


def test_the_result_is_display_ready(catalog: Catalog, tool: BiasTool) -> None:
    result = run(tool, csv=json.loads(GOLDEN[0].read_text())["csv"])
    styles = {v["id"]: v for v in catalog.tools["bias-audit"]["verdicts"]}
    assert result["verdict_label"] == styles[result["verdict"]]["label"] and result["verdict_tone"] == styles[result["verdict"]]["tone"]
    assert result["status"] == f"Result: {result['verdict_label']}."
    assert result["table"]["columns"][2] == result["interval_label"] == "95% interval"
    assert [len(r["cells"]) for r in result["table"]["rows"]] == [len(result["table"]["columns"]) - 1] * len(result["groups"])
    assert [r["note"] for r in result["table"]["rows"]] == ["most favoured" if g["most_favoured"] else "" for g in result["groups"]]


def test_the_verdicts_in_the_data_are_exactly_the_engines(catalog: Catalog) -> None:
    raw = catalog.tools["bias-audit"]
    assert sorted(v["id"] for v in raw["verdicts"]) == sorted(VERDICT_IDS)
    with pytest.raises(ValueError, match="verdicts must list each of"):
        load_tool(make_tool_bundle(catalog, {**raw, "verdicts": raw["verdicts"][:2]}))


@pytest.mark.parametrize(
    ("decision", "row", "message"),
    [
        ("reach", {"group": "A", "successes": "12", "total": "10"}, "Row 1: “Reached” (12) is greater than “Eligible” (10)"),
        ("approval", {"group": "A", "successes": "", "total": "10"}, "Row 1, column “Approved” is empty"),
        ("conversion", {"group": "A", "successes": "1", "total": "ten"}, "Row 1, column “Shown”: “ten” is not a number"),
        (None, {"group": "A", "successes": "1", "total": "0"}, "Row 1, column “Total” is 0"),
    ],
)
def test_form_errors_use_the_column_headings_the_reader_sees(tool: BiasTool, decision: str | None, row: dict[str, str],
                                                             message: str) -> None:
    with pytest.raises(BiasInputError) as err:
        run(tool, rows=[row, {"group": "B", "successes": "1", "total": "10"}], decision=decision)
    assert message in str(err.value)
    assert "successes" not in str(err.value) or decision is None


def test_an_unknown_decision_is_named(tool: BiasTool) -> None:
    with pytest.raises(BiasInputError) as err:
        run(tool, rows=[{"group": "A", "successes": 1, "total": 2}] * 2, decision="nope")
    assert err.value.field == "decision"


def test_cli_text_prints_the_engines_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str], tool: BiasTool) -> None:
    text = "group,successes,total\nA,250,1000\nB,400,1000\n"
    (tmp_path / "c.csv").write_text(text)
    assert main(["bias-audit", str(tmp_path / "c.csv")]) == 0
    out = capsys.readouterr().out
    assert "impact ratio 0.63" in out and "ratio 0.63  below four-fifths" in out and "0.62" not in out
    assert out == audit_text(run(tool, csv=text))


def test_a_table_pasted_without_a_header_is_audited_and_the_result_says_what_was_assumed(tool: BiasTool) -> None:
    out = run(tool, csv="Under 35,48,120\n35 and over,22,110\n")
    assert [g["group"] for g in out["groups"]] == ["Under 35", "35 and over"]
    assert out["caveats"][0]["id"] == "assumed-header"
    assert "no header row" in out["caveats"][0]["text"]
    assert all(c["id"] != "assumed-header" for c in run(tool, csv="group,successes,total\nA,48,120\nB,22,110\n")["caveats"])
