"""What an approver signs off: amber flags and holds as conditions, red flags apart, from one result."""

from __future__ import annotations

import json

from candor.checks.evaluate import evaluate
from candor.model.questionnaire import parse_questionnaire
from candor.reports.approval import TEXT, approval

from .sample import LINKS, PRACTICES, sample, sample_raw


def test_red_flags_are_listed_apart_with_the_question_and_answer() -> None:
    q = sample()
    r = evaluate(q, LINKS, {"uses": ("chat",), "a1": "no", "a2": "yes", "b1": "good"})
    a = approval(r)
    a1 = q.question("a1")
    assert a1 is not None
    no = a1.option("no")
    assert no is not None and no.flag is not None
    assert [(f.text, f.question, f.answer) for f in a.red_flags] == [(no.flag.message, a1.text, no.label)]
    assert all(c.text != no.flag.message for c in a.conditions)
    assert {p.id for p in a.red_flags[0].practices} == set(a1.practices)


def test_amber_flags_come_first_among_conditions() -> None:
    q = sample()
    r = evaluate(q, LINKS, {"uses": ("chat",), "a1": "yes", "a2": "no", "b1": "fair"})
    a = approval(r)
    ambers = [f.message for f in r.flags if f.level == "amber"]
    assert len(ambers) == 2
    assert [c.text for c in a.conditions[: len(ambers)]] == ambers
    assert a.red_flags == ()


def test_holds_not_raised_by_a_flag_become_conditions() -> None:
    raw = sample_raw()
    raw["areas"][2]["floor"] = 70  # beta below 70 caps the verdict
    q = parse_questionnaire(raw, PRACTICES)
    r = evaluate(q, LINKS, {"uses": ("chat",), "a1": "yes", "a2": "yes", "b1": "poor"})
    assert not r.flags
    listed = [h for h in r.holds if h.cause not in {"red-flag", "amber-flag"}]
    assert listed
    a = approval(r)
    assert [c.text for c in a.conditions] == [h.text + "." for h in listed]
    assert all(c.action == "" for c in a.conditions)


def test_a_clean_result_has_nothing_to_meet() -> None:
    r = evaluate(sample(), LINKS, {"uses": ("chat",), "a1": "yes", "a2": "yes", "b1": "good"})
    a = approval(r)
    assert a.conditions == () and a.red_flags == ()


def test_to_json_carries_the_shared_wording() -> None:
    r = evaluate(sample(), LINKS, {"uses": ("chat",), "a1": "no", "b1": "fair"})
    out = approval(r).to_json()
    assert out["text"] == TEXT
    assert json.loads(json.dumps(out)) == out
    assert len(out["red_flags"]) == 1 and out["conditions"]
