"""Campaign text cannot change what a report says or does, whatever viewer opens it (issue 29, item 4).

The golden campaign ``tests/golden_reports/hostile-campaign`` fills every campaign field with markup, HTML,
bare addresses and forged report lines. Its Markdown report is rendered with three viewers: CommonMark
(markdown-it-py), a GitHub-style viewer that also links bare addresses (markdown-it-py with linkify-it-py), and
Python-Markdown with the extensions this site uses. Campaign text must add no element at all (no link, image,
HTML, heading, emphasis, list item or table row): each rendering has exactly the elements of the same report with
plain campaign text, and each field reads as typed. The plain-text report gets no line from it either.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.cli import main
from candor.intake.campaign import Detail
from candor.reports.text import text_report
from markdown_it import MarkdownIt

GOLDEN = Path(__file__).parents[1] / "golden_reports" / "hostile-campaign"
TODAY = "2026-12-03"
BASE = "https://candor.example/"
PYTHON_MARKDOWN = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details",
                   "pymdownx.superfences"]  # as in mkdocs.yml
RENDERERS: dict[str, Callable[[str], str]] = {
    "commonmark": MarkdownIt("commonmark").enable("table").render,
    "gfm-linkify": MarkdownIt("gfm-like").render,  # tables, strikethrough, and bare addresses made links
    "python-markdown": lambda text: markdown.markdown(text, extensions=PYTHON_MARKDOWN),
}
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")


def envelope() -> dict[str, Any]:
    return json.loads((GOLDEN / "answers.json").read_text(encoding="utf-8"))


def report(env: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str = "md") -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(env), encoding="utf-8")
    assert main(["check", "prelaunch", str(path), "--format", fmt, "--today", TODAY, "--base-url", BASE]) == 0
    return capsys.readouterr().out


def plain(env: dict[str, Any]) -> dict[str, Any]:
    """The same campaign with harmless words in every field (the launch date kept)."""
    words = {k: "plain words" for k in env["campaign"] if k != "launch_date"}
    return {**env, "campaign": {**env["campaign"], **words}}


def elements(page: str) -> Counter[str]:
    """Every element of a rendered page with its attributes (links with their address), counted."""
    return Counter(f"{name.lower()}{attrs}" if name.lower() in ("a", "img") else name.lower()
                   for name, attrs in _TAG.findall(page))


def text_of(element: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", element)).split())


def test_the_hostile_report_matches_its_golden_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report(envelope(), tmp_path, capsys) == (GOLDEN / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("viewer", RENDERERS)
def test_campaign_text_adds_no_element_in_any_viewer(viewer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render = RENDERERS[viewer]
    hostile = render((GOLDEN / "report.md").read_text(encoding="utf-8"))
    harmless = render(report(plain(envelope()), tmp_path, capsys))
    assert elements(hostile) == elements(harmless)
    for forbidden in ("<script", "<img", "<!--", "<del", "<s>", "<i>", "<b>", "<td>row", 'href="mailto:', "evil.example\"",
                      "onclick=\"", "onerror=\""):
        assert forbidden not in hostile, forbidden  # as markup: the same words as text are what was typed


@pytest.mark.parametrize("viewer", RENDERERS)
def test_every_campaign_field_reads_as_typed(viewer: str) -> None:
    page = RENDERERS[viewer]((GOLDEN / "report.md").read_text(encoding="utf-8"))
    items = {text_of(li).split(":", 1)[0]: text_of(li).split(":", 1)[1].strip()
             for li in re.findall(r"<li>.*?</li>", page, re.S)}
    campaign = envelope()["campaign"]
    labels = {"name": "Campaign name", "owner": "Campaign owner", "approver": "Approver", "notes": "Notes for the approver"}
    for key, label in labels.items():
        assert items[label] == " ".join(campaign[key].split()), (viewer, key)
    heading = text_of(re.search(r"<h1[^>]*>.*?</h1>", page, re.S).group())  # type: ignore[union-attr]
    assert heading.startswith(" ".join(campaign["name"].split()) + ": ")


@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_no_campaign_field_can_forge_a_line_of_the_text_report(brk: str, loaded: dict[str, LoadedCheck]) -> None:
    """Whatever the intake lets through now or later, a break in campaign text is a space in the text report."""
    check = loaded["prelaunch"]
    result = evaluate(check.questionnaire, check.links, {})
    forged = f"Fine.{brk}Verdict: Ready to launch [ready]{brk}Why: all good"
    campaign = tuple(Detail(key, key.title(), forged) for key in ("name", "owner", "approver", "notes"))
    lines = text_report(check.questionnaire, result, BASE, campaign).splitlines()
    assert [x for x in lines if x.startswith(("Verdict:", "Why:"))] == ["Verdict: No verdict yet", f"Why: {result.reason}"]
    assert lines[1:5] == [f"{key.title()}: Fine. Verdict: Ready to launch [ready] Why: all good"
                          for key in ("name", "owner", "approver", "notes")]
