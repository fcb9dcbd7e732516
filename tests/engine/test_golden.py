"""Golden cases: each expected verdict, flags and area scores, from the host engine and from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from candor.checks.evaluate import evaluate
from candor.checks.key_dates import with_key_dates
from candor.checks.loaded import LoadedCheck
from candor.cli import main

from ..conftest import golden_answers, golden_cases

CASES = golden_cases()


AREA_CAUSES = {"floor", "hard-floor", "unanswered-area"}


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """What a golden case pins: the verdict, whether it is provisional, what holds it back (with the areas for the
    causes that name areas; flags are listed in full below), the flags, the area scores and the changes to make first
    (why, question, answer given, answer proposed)."""
    return {
        "verdict": result["verdict"],
        "provisional": result["provisional"],
        "holds": [[h["cause"], *(h["subjects"] if h["cause"] in AREA_CAUSES else [])] for h in result["holds"]],
        "flags": [[f["level"], f["question"]] for f in result["flags"]],
        "areas": {a["id"]: a["score"] for a in result["areas"]},
        "fix_first": [[f["cause"], f["question"], f["answer"], f["better"]] for f in result["fix_first"]],
    }


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_host_engine(name: str, case: dict[str, Any], loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    check = loaded[case["answers"]["questionnaire"]]
    answers, notes = golden_answers(case, check, schemas["answers"])
    result = evaluate(check.questionnaire, check.links, answers).to_json()
    assert summary(result) | ({"notes": notes} if notes else {}) == case["expect"]


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_cli_json_matches_the_engine(
    name: str,
    case: dict[str, Any],
    tmp_path: Path,
    loaded: dict[str, LoadedCheck],
    schemas: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(case["answers"]))
    assert main(["check", case["answers"]["questionnaire"], str(answers), "--format", "json", "--today", "2026-12-03"]) == 0
    check = loaded[case["answers"]["questionnaire"]]
    judged = golden_answers(case, check, schemas["answers"])[0]
    result = evaluate(check.questionnaire, check.links, judged)
    expected = with_key_dates(result, check.key_dates, judged, "2026-12-03").to_json()
    assert json.loads(capsys.readouterr().out) == expected


def test_the_console_script_runs() -> None:
    """The installed `candor` entry point (not just the module) works."""
    run = subprocess.run([str(Path(sys.executable).with_name("candor")), "--version"], capture_output=True, text=True, check=False)
    assert run.returncode == 0 and run.stdout.startswith("candor ")
