"""Fix these first: the changes a result leads with, and the verdict text that names what holds it.

The golden cases pin each case's list (tests/engine/test_golden.py); these tests say what the lists must be."""

from __future__ import annotations

from typing import Any

import pytest
from candor.checks.evaluate import Result, evaluate
from candor.checks.loaded import LoadedCheck
from candor.model.questionnaire import NOT_APPLICABLE, Option, Question
from candor.reports.markdown import markdown_report
from candor.reports.text import text_report

from ..conftest import golden_answers, golden_cases

CASES = golden_cases()
BY_NAME = dict(CASES)


def judged(name: str, loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> tuple[LoadedCheck, Result, dict[str, Any]]:
    case = BY_NAME[name]
    check = loaded[case["answers"]["questionnaire"]]
    answers = golden_answers(case, check, schemas["answers"])[0]
    return check, evaluate(check.questionnaire, check.links, answers), answers


def beats(a: Option, b: Option) -> bool:
    """``a`` is a strictly better answer than ``b``: no worse a flag and no lower a score, and better in one."""
    severity = {None: 2, "amber": 1, "red": 0}
    fa, fb = severity[a.flag.level if a.flag else None], severity[b.flag.level if b.flag else None]
    sa, sb = a.score or 0.0, b.score or 0.0
    return fa >= fb and sa >= sb and (fa > fb or sa > sb)


def options(question: Question) -> list[Option]:
    return [o for o in question.options if o.id != NOT_APPLICABLE]


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_every_change_is_to_a_strictly_better_answer_and_never_from_the_best(
    name: str, case: dict[str, Any], loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    check, result, answers = judged(name, loaded, schemas)
    q = check.questionnaire
    assert len(result.fix_first) <= q.fix_first
    assert len({f.question for f in result.fix_first}) == len(result.fix_first)  # one change per question
    for f in result.fix_first:
        question = q.question(f.question)
        assert question is not None and f.question in result.visible and answers[f.question] == f.answer
        given, better = question.option(f.answer), question.option(f.better)
        assert given is not None and better is not None
        assert beats(better, given), f"{f.question}: {f.better} is not better than {f.answer}"
        assert any(beats(o, given) for o in options(question)), f"{f.question}: {f.answer} is already the best"
        assert not any(beats(o, better) for o in options(question)), f"{f.question}: {f.better} is not the best"
        assert f.answer_label in f.change and f.better_label in f.change


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_red_flags_come_first_and_the_best_verdict_lists_nothing(
    name: str, case: dict[str, Any], loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    check, result, _ = judged(name, loaded, schemas)
    causes = [f.cause for f in result.fix_first]
    reds = [f for f in result.flags if f.level == "red"]
    assert causes[: min(len(reds), check.questionnaire.fix_first)] == ["red-flag"] * min(len(reds), check.questionnaire.fix_first)
    order = ["red-flag", "hard-floor", "floor", "amber-flag", "score"]
    assert [order.index(c) for c in causes] == sorted(order.index(c) for c in causes)
    if result.verdict in (None, check.questionnaire.verdicts[0].id):
        assert result.fix_first == ()


def test_a_floor_held_verdict_names_the_area_and_its_floor_and_lists_what_lifts_it(
    loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    check, result, _ = judged("prelaunch/area-worst-governance", loaded, schemas)
    floor = check.questionnaire.area("governance").floor
    assert result.verdict == "conditions" and not result.flags
    assert f"Governance and learning scores 7.1 (floor {floor:g})" in result.reason
    assert [f.cause for f in result.fix_first] == ["floor"] * check.questionnaire.fix_first
    assert all("Governance and learning" in f.text for f in result.fix_first)
    # the largest lifts first, until the area would be over its floor
    assert [f.text for f in result.fix_first] == [
        f"Lifts Governance and learning from 7.1 to 21.4 (its floor is {floor:g}).",
        f"With the change above, lifts Governance and learning from 7.1 to 35.7 (its floor is {floor:g}).",
        f"With the changes above, lifts Governance and learning from 7.1 to 50, over its floor of {floor:g}.",
    ]


def test_a_not_ready_verdict_with_no_red_flag_never_asks_to_fix_red_items(
    loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    for name, _ in CASES:
        _, result, _ = judged(name, loaded, schemas)
        if not any(f.level == "red" for f in result.flags):
            assert "red item" not in (result.verdict_summary or ""), name
    _, result, _ = judged("outreach/low-score-no-red-flag", loaded, schemas)
    assert result.verdict == "not-ready"
    assert "Ban risk scores 18 (floor 50)" in result.reason
    assert [f.cause for f in result.fix_first] == ["floor", "floor", "amber-flag"]
    assert result.fix_first[0].text == "Lifts Ban risk from 18 to 58, over its floor of 50."


def test_a_red_flag_is_fixed_first(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    _, result, _ = judged("prelaunch/chatbot-untested-bot-reads-customer-records", loaded, schemas)
    first = result.fix_first[0]
    assert (first.cause, first.question, first.answer, first.better) == ("red-flag", "dc-bot-security", "untested-data", "tested")
    assert first.text == "Clears a red flag, which sets the verdict to “Not ready”."
    assert [p.id for p in first.practices]  # with the practice that explains it
    # then the largest score gains, each with its points
    assert [f.cause for f in result.fix_first[1:]] == ["score", "score"]
    assert result.fix_first[1].gain >= result.fix_first[2].gain > 0
    assert result.fix_first[1].text.startswith(f"Adds {result.fix_first[1].gain:g} point")


def test_only_amber_flags(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    _, result, _ = judged("prelaunch/no-complaint-route-no-fallback", loaded, schemas)
    assert {f.level for f in result.flags} == {"amber"}
    assert [(f.cause, f.question) for f in result.fix_first] == [("amber-flag", "ho-fallback"), ("amber-flag", "ho-complaints")]
    assert result.fix_first[0].text == "Clears one of 2 amber flags; any amber flag caps the verdict at “Ready with conditions”."


def test_an_all_good_campaign_has_nothing_to_fix_and_no_empty_heading(
    loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    check, result, answers = judged("prelaunch/full-well-run", loaded, schemas)
    assert result.verdict == "ready" and result.fix_first == ()
    assert result.fix_first_heading not in markdown_report(check.questionnaire, result, answers, "2026-12-07")
    assert result.fix_first_heading not in text_report(check.questionnaire, result)


def test_the_reports_lead_with_the_list(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    check, result, answers = judged("prelaunch/chatbot-no-disclosure", loaded, schemas)
    md = markdown_report(check.questionnaire, result, answers, "2026-12-07")
    heading = f"### {result.fix_first_heading}"
    assert md.index(heading) < md.index("### Conditions to meet")  # near the top, before the conditions
    first = result.fix_first[0]
    assert f"1. **{first.question_text}** {first.change} {first.text}" in md
    text = text_report(check.questionnaire, result)
    assert text.index(f"{result.fix_first_heading}:") < text.index("Areas:")
    assert f"  1. {first.question}: {first.question_text}" in text


def test_how_many_comes_from_the_data(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    """The check's `fix_first` sets the length; a check that sets none (the disclosure check) lists none."""
    check, result, _ = judged("prelaunch/outreach-rented-accounts", loaded, schemas)
    assert len(result.fix_first) == check.questionnaire.fix_first == 3
    _, result, _ = judged("disclosure/voice-clone-no-consent", loaded, schemas)
    assert result.flags and result.fix_first == ()
