"""The approver's Markdown report: golden reports for two campaigns, and Markdown that renders as typed."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from candor import bridge
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.cli import main
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import load_schemas, raw_checks
from candor.reports.approval import approval
from candor.util.markdown_text import md_heading, md_text
from markdown_it import MarkdownIt

from ..conftest import CONTENT

GOLDEN = Path(__file__).parents[1] / "golden_reports"
CAMPAIGNS = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
TODAY = "2026-12-03"
BASE = "https://candor.example/"
COMMONMARK = MarkdownIt("commonmark").enable("table")  # what GitHub, GitLab and most editors' previews follow


def cli_report(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["check", "prelaunch", str(path), "--format", "md", "--today", TODAY, "--base-url", BASE]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", CAMPAIGNS)
def test_the_report_matches_its_golden_copy(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_report(GOLDEN / name / "answers.json", capsys) == (GOLDEN / name / "report.md").read_text()


def test_the_golden_campaigns_cover_a_report_with_conditions_and_one_without() -> None:
    reports = {n: (GOLDEN / n / "report.md").read_text() for n in CAMPAIGNS}
    assert any("| 1 | " in r and "**Verdict: Ready with conditions**" in r for r in reports.values())
    assert any("### Conditions to meet\n\nNone." in r and "**Verdict: Ready to launch**" in r for r in reports.values())


def test_the_page_downloads_the_same_report_as_the_cli(catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    env = json.loads((GOLDEN / "winter-sale-conditions" / "answers.json").read_text())
    bundle = make_bundle(catalog, raw_checks(CONTENT)["prelaunch"], load_schemas(CONTENT)["answers"])
    assert json.loads(bridge.handle(json.dumps({"op": "load", "bundle": bundle})))["ok"]
    request = {"op": "report", "check": "prelaunch", "answers": env["answers"], "campaign": env["campaign"],
               "date": TODAY, "base_url": BASE}
    page = json.loads(bridge.handle(json.dumps(request)))["result"]
    assert page + "\n" == (GOLDEN / "winter-sale-conditions" / "report.md").read_text()


def test_the_summary_comes_first_and_the_answers_last() -> None:
    report = (GOLDEN / "winter-sale-conditions" / "report.md").read_text()
    order = ["## Summary", "- **Campaign name:**", "- **Campaign owner:**", "- **Approver:**", "- **Launch date:** 15 January 2027",
             "- **Notes for the approver:**", "**Verdict:", "### Conditions to meet", "### Red flags", "### Sign-off",
             "*This report is guidance, not legal advice.", "## Areas", "## Flags", "## Recommendations",
             "## Appendix: questions and answers"]
    assert [report.index(s) for s in order] == sorted(report.index(s) for s in order)
    assert "| Approver | Sam Okafor |  |  |\n| Campaign owner | Dana Reyes |  |  |" in report


def test_blank_details_are_left_out_and_their_sign_off_line_stays_to_fill_in() -> None:
    report = (GOLDEN / "spring-launch-ready" / "report.md").read_text()
    assert "Campaign owner:" not in report and "Launch date" not in report
    assert "| Campaign owner |  |  |  |" in report


def test_red_flags_are_listed_apart_and_area_holds_become_conditions(loaded: dict[str, LoadedCheck]) -> None:
    case = json.loads((Path(__file__).parents[1] / "golden" / "prelaunch" / "area-worst-governance.json").read_text())
    check = loaded["prelaunch"]
    result = evaluate(check.questionnaire, check.links, case["answers"]["answers"])
    summary = approval(result)
    assert [f.text for f in summary.red_flags] == [f.message for f in result.flags if f.level == "red"]
    holds = [h.text + "." for h in result.holds if h.cause not in {"red-flag", "amber-flag"}]
    assert holds and [c.text for c in summary.conditions][-len(holds):] == holds


def rendered_text(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", COMMONMARK.render(markdown)))


@pytest.mark.parametrize("name", CAMPAIGNS)
def test_the_report_renders_cleanly_in_a_commonmark_viewer(name: str) -> None:
    markdown = (GOLDEN / name / "report.md").read_text()
    page = COMMONMARK.render(markdown)
    campaign = json.loads((GOLDEN / name / "answers.json").read_text()).get("campaign", {})
    shown = [*campaign.values(), *(campaign.get(k, "") for k in ("name", "owner", "approver"))]  # heading, sign-off
    typed = sum(v.count("\\") for v in shown)
    assert page.count("\\") == typed  # no stray \( or \. escapes left in what the reader sees, only what was typed
    assert page.count("<table>") == len(re.findall(r"^\| -{3}:? \|", markdown, re.M)) >= 3  # every table is one
    assert "<h1>" in page and "<h2>Summary</h2>" in page
    tags = set(re.findall(r"<([a-z0-9]+)", page))
    assert tags <= {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "code", "a", "table", "thead", "tbody", "tr", "th", "td"}


HOSTILE = [
    "Spring (EU) sale #1 + 50% off!",
    "**bold** _under_ `code` ~~gone~~ ~tilde~",
    "[click](javascript:alert(1)) ![img](x.png)",
    "<script>alert(1)</script> <b>bold</b> &amp; &copy; &#169; & AT&T",
    "a | b || c \\ d \\* e",
    "snake_case_id _leading trailing_ mid_word_",
    "line one\nline two\ttabbed",
    "1. not a list - not a bullet > not a quote",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_free_text_reads_as_typed_and_never_becomes_markup(text: str) -> None:
    flat = " ".join(text.split())
    cell = COMMONMARK.render(f"| Question |\n| --- |\n| {md_text(text)} |\n")
    assert rendered_text(cell).split() == ["Question", *flat.split()]
    item = COMMONMARK.render(f"- **Notes:** {md_text(text)}\n")
    assert rendered_text(item).strip() == f"Notes: {flat}"
    assert re.findall(r"<([a-z0-9]+)", item) == ["ul", "li", "strong"]
    assert not re.search(r"\\[()#+!.-]", md_text(text))  # nothing escaped that cannot start markup here


def test_a_heading_keeps_a_closing_hash() -> None:
    assert rendered_text(f"# {md_heading('Launch #')}\n").strip() == "Launch #"
