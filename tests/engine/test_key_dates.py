"""Upcoming legal dates in the pre-launch result: which apply, from which day, on the host, the bridge and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.checks.evaluate import evaluate
from candor.checks.key_dates import with_key_dates
from candor.checks.loaded import LoadedCheck
from candor.cli import main
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import load_schemas, raw_checks

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



# Golden: the upcoming-dates section of the Markdown report for the EU and US campaign on 3 December 2026.
PR06 = ("[PR-06 Give notice, an explanation and a human review when automated tools make significant decisions about "
        "people](https://site.test/guidance/privacy/#PR-06)")
MD_SECTION = [
    "## Dates coming up in the regions this campaign reaches",
    "",
    "- **1 January 2027:** Notice, opt-out and access duties for automated decisionmaking technology in significant "
    "decisions (California). Source: [CCPA regulations on automated decisionmaking technology, risk assessments and "
    f"cybersecurity audits](https://babl.ai/ca-privacy-agency-proposes-draft-regulations-on-admt). See {PR06}.",
    "- **1 January 2027:** Large online platforms must detect and show provenance data on AI content (California). "
    "Source: [California AI Transparency Act (SB 942, as amended by AB 853)]"
    "(https://leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id=202520260AB853). See [SM-02 Keep provenance "
    "metadata in synthetic files from generation to publication](https://site.test/guidance/synthetic-media/#SM-02).",
    "- **1 January 2027:** Notice and explanation duties for automated decision-making technology in consequential "
    "decisions (Colorado). Source: [Colorado SB 26-189, automated decision-making technology in consequential "
    f"decisions](https://coag.gov/resources/ai/). See {PR06}.",
    "- **2 December 2027:** AI Act duties for high-risk AI systems in Annex III (for example credit scoring and "
    "recruitment) apply (reported: the Digital Omnibus on AI, agreed in 2026, not yet seen published) (EU). "
    "Source: [Digital Omnibus on AI (Regulation amending the AI Act, Regulation "
    "(EU) 2024/1689)](https://www.aiactblog.nl/en/posts/digital-omnibus-ai-act-what-changes-what-now-2026). "
    "See [GL-02 Keep an AI use register](https://site.test/guidance/governance/#GL-02), "
    f"{PR06}.",
    "",
    "## Appendix: questions and answers",
]


def markdown(catalog: Catalog, regions: list[str], date: str) -> list[str]:
    """The downloaded report's lines, as the page asks the engine for them (the report's date is today)."""
    bundle = make_bundle(catalog, raw_checks(CONTENT)["prelaunch"], load_schemas(CONTENT)["answers"])
    assert json.loads(bridge.handle(json.dumps({"op": "load", "bundle": bundle})))["ok"]
    answers = {**CASE["answers"], "profile-regions": regions}
    request = {"op": "report", "check": "prelaunch", "answers": answers, "date": date, "base_url": "https://site.test/"}
    return str(json.loads(bridge.handle(json.dumps(request)))["result"]).split("\n")


def test_the_markdown_report_lists_the_upcoming_dates_before_the_answers(catalog: Catalog) -> None:
    lines = markdown(catalog, ["eu", "us"], TODAY)
    start = lines.index(MD_SECTION[0])
    assert lines[start:start + len(MD_SECTION)] == MD_SECTION
    assert lines[start - 2].startswith("1. [")  # right after the recommendations


def test_the_markdown_report_has_no_dates_section_when_none_apply(catalog: Catalog) -> None:
    assert MD_SECTION[0] not in markdown(catalog, ["uk", "canada"], TODAY)
    assert MD_SECTION[0] not in markdown(catalog, ["us"], "2027-01-01")  # the last US date starts that day
    assert MD_SECTION[0] in markdown(catalog, ["us"], "2026-12-31")  # one day before, it is still coming


def test_the_cli_markdown_report_carries_the_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**CASE, "answers": {**CASE["answers"], "profile-regions": ["eu"]}}))
    main(["check", "prelaunch", str(path), "--format", "md", "--today", TODAY])
    out = capsys.readouterr().out
    assert "## Dates coming up in the regions this campaign reaches\n\n- **2 December 2027:** AI Act duties" in out
    assert "1 January 2027" not in out
