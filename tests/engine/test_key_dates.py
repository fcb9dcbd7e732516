"""Upcoming legal dates in the pre-launch result: which apply, from which day, on the host, the bridge and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.bundle import LoadedCheck, make_bundle
from candor.catalog import Catalog
from candor.cli import main
from candor.content_files import load_schemas, raw_checks
from candor.evaluate import evaluate
from candor.key_dates import with_key_dates

from ..conftest import CONTENT, GOLDEN

CASE = json.loads((GOLDEN / "prelaunch" / "chatbot-no-disclosure.json").read_text())["answers"]
TODAY = "2026-12-03"
# Golden: what a campaign reaching the EU and the US must plan for after 3 December 2026, soonest first.
EU_US = [
    ("2027-01-01", "1 January 2027", "us-ca-admt", ["PR-06"]),
    ("2027-01-01", "1 January 2027", "us-ca-ai-transparency-platforms", ["SM-02"]),
    ("2027-01-01", "1 January 2027", "us-co-admt", ["PR-06"]),
    ("2027-12-02", "2 December 2027", "eu-high-risk-annex-iii", ["GL-02", "PR-06"]),
]


def dates(check: LoadedCheck, regions: list[str], today: str | None) -> list[dict[str, Any]]:
    answers = {**CASE["answers"], "profile-regions": regions}
    result = with_key_dates(evaluate(check.questionnaire, check.links, answers), check.key_dates, answers, today)
    return result.to_json()["key_dates"]  # type: ignore[no-any-return]


def summary(key_dates: list[dict[str, Any]]) -> list[tuple[str, str, str, list[str]]]:
    return [(k["date"], k["when"], k["id"], [p["id"] for p in k["practices"]]) for k in key_dates]


def test_eu_and_us_campaign_lists_the_upcoming_dates_soonest_first(loaded: dict[str, LoadedCheck]) -> None:
    got = dates(loaded["prelaunch"], ["eu", "us"], TODAY)
    assert summary(got) == EU_US
    assert got[0]["source"]["url"].startswith("https://") and got[0]["practices"][0]["url"] == "guidance/privacy/#PR-06"


def test_only_the_ticked_regions_count(loaded: dict[str, LoadedCheck]) -> None:
    assert [k["id"] for k in dates(loaded["prelaunch"], ["eu"], TODAY)] == ["eu-high-risk-annex-iii"]
    assert dates(loaded["prelaunch"], ["uk", "canada"], TODAY) == []
    assert dates(loaded["prelaunch"], [], TODAY) == []


def test_a_date_leaves_the_list_on_its_own_day(loaded: dict[str, LoadedCheck]) -> None:
    last_day = [k["id"] for k in dates(loaded["prelaunch"], ["us"], "2026-12-31")]
    assert last_day == ["us-ca-admt", "us-ca-ai-transparency-platforms", "us-co-admt"]
    assert dates(loaded["prelaunch"], ["us"], "2027-01-01") == []


def test_no_date_given_means_no_list(loaded: dict[str, LoadedCheck]) -> None:
    assert dates(loaded["prelaunch"], ["eu", "us"], None) == []
    assert dates(loaded["prelaunch"], ["eu", "us"], "not a date") == []


def test_other_checks_carry_no_dates(loaded: dict[str, LoadedCheck]) -> None:
    assert loaded["disclosure"].key_dates is None


def test_the_bridge_passes_today_through(catalog: Catalog) -> None:
    bundle = make_bundle(catalog, raw_checks(CONTENT)["prelaunch"], load_schemas(CONTENT)["answers"])
    assert json.loads(bridge.handle(json.dumps({"op": "load", "bundle": bundle})))["ok"]
    answers = {**CASE["answers"], "profile-regions": ["eu", "us"]}
    reply = json.loads(bridge.handle(json.dumps({"op": "evaluate", "check": "prelaunch", "answers": answers, "today": TODAY})))
    assert summary(reply["result"]["key_dates"]) == EU_US


def test_the_cli_prints_the_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**CASE, "answers": {**CASE["answers"], "profile-regions": ["eu", "us"]}}))
    main(["check", "prelaunch", str(path), "--today", TODAY])
    out = capsys.readouterr().out
    assert "Dates coming up in the regions this campaign reaches:" in out
    assert "- 2 December 2027: AI Act duties for high-risk AI systems in Annex III" in out
    assert out.index("1 January 2027") < out.index("2 December 2027")
