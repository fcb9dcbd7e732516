"""The approver's Markdown report: summary to sign, detail, every visible answer, and free text kept as text."""

from __future__ import annotations

from candor.checks.evaluate import evaluate
from candor.intake.campaign import Detail
from candor.reports.approval import TEXT
from candor.reports.markdown import markdown_report
from candor.util.markdown_text import md_text

from .sample import LINKS, sample

FLAGGED = {"uses": ("chat",), "a1": "no", "a2": "yes", "b1": "fair"}


def report(answers: dict, campaign: tuple[Detail, ...] = (), base_url: str = "") -> str:
    q = sample()
    return markdown_report(q, evaluate(q, LINKS, answers), answers, "2026-12-03", base_url, campaign)


def test_title_uses_the_campaign_name_when_given() -> None:
    q = sample()
    assert report(FLAGGED).splitlines()[0] == f"# {q.title}: report"
    named = report(FLAGGED, (Detail("name", "Campaign", "Spring *sale*"),))
    assert named.splitlines()[0] == f"# Spring \\*sale\\*: {q.title} report"


def test_the_summary_comes_before_the_detail_and_ends_with_the_legal_line() -> None:
    text = report(FLAGGED)
    order = [text.index(f"## {TEXT['summary']}"), text.index(f"*{md_text(TEXT['not_legal_advice'])}*"),
             text.index("## Flags"), text.index(f"## {TEXT['answers']}")]
    assert order == sorted(order)
    assert "3 December 2026" in text


def test_red_and_amber_flags_appear_in_their_sections() -> None:
    q = sample()
    text = report(FLAGGED)
    red = q.question("a1").option("no").flag  # type: ignore[union-attr]
    amber = q.question("b1").option("fair").flag  # type: ignore[union-attr]
    assert red is not None and amber is not None
    reds = text[text.index(f"### {TEXT['red_flags']}"):text.index(f"### {TEXT['sign_off']}")]
    conditions = text[text.index(f"### {TEXT['conditions']}"):text.index(f"### {TEXT['red_flags']}")]
    assert md_text(red.message) in reds and md_text(red.message) not in conditions
    assert md_text(amber.message) in conditions


def test_nothing_to_meet_says_none() -> None:
    text = report({"uses": ("chat",), "a1": "yes", "a2": "yes", "b1": "good"})
    conditions = text[text.index(f"### {TEXT['conditions']}"):text.index(f"### {TEXT['sign_off']}")]
    assert conditions.count(TEXT["none"]) == 2  # no conditions, no red flags


def test_the_appendix_lists_visible_questions_only() -> None:
    q = sample()
    text = report({"uses": ("images",), "a1": "yes", "b1": "good"})
    appendix = text[text.index(f"## {TEXT['answers']}"):]
    hidden = q.question("a2")
    assert hidden is not None and hidden.text not in appendix
    assert all(x.text in appendix for x in q.questions if x.id != hidden.id)


def test_practice_links_use_the_base_url() -> None:
    text = report(FLAGGED, base_url="https://example.org/")
    assert "](https://example.org/guidance/x/#AA-01)" in text


def test_an_impossible_date_is_printed_as_typed() -> None:
    q = sample()
    r = evaluate(q, LINKS, FLAGGED)
    assert "2026-02-30" in markdown_report(q, r, FLAGGED, "2026-02-30")
