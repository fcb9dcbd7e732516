"""The CI gate (``candor.checks.gate``) at each of its edges, for every check: a verdict equal to the gate value fails
and one better passes; a provisional result passes only with --allow-provisional; too little answered and no
verdict yet never pass; an empty or unknown gate value is refused, never passed."""

from __future__ import annotations

import dataclasses

import pytest
from candor.checks.evaluate import Result, evaluate
from candor.checks.gate import GATE_RULE, GateOutcome, check_fail_on, gate
from candor.checks.loaded import LoadedCheck
from candor.model.answers import AnswersError
from candor.model.questionnaire import Questionnaire, Verdict

CHECKS = ("consent", "disclosure", "outreach", "prelaunch")


def judged(check: LoadedCheck, verdict: Verdict | None, *, provisional: bool = False, enough: bool = True) -> Result:
    """A result of ``check`` with this verdict and completeness (everything else as for no answers)."""
    base = evaluate(check.questionnaire, check.links, {})
    comp = dataclasses.replace(base.completeness, enough=enough)
    return dataclasses.replace(base, verdict=verdict.id if verdict else None, verdict_label=verdict.label if verdict else None,
                               provisional=provisional, completeness=comp)


def test_the_checks_are_every_check(loaded: dict[str, LoadedCheck]) -> None:
    assert sorted(loaded) == sorted(CHECKS)


@pytest.mark.parametrize("check_id", CHECKS)
def test_a_verdict_equal_to_the_gate_fails_and_one_better_passes(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    levels = check.questionnaire.verdicts
    for at, fail_on in enumerate(levels):
        equal = gate(check.questionnaire, judged(check, fail_on), fail_on.id)
        assert not equal.passed
        assert equal.reason == f"the verdict is {fail_on.label} ({fail_on.id}), which --fail-on {fail_on.id} rejects"
        if at > 0:
            better = levels[at - 1]
            assert gate(check.questionnaire, judged(check, better), fail_on.id).passed, (better.id, fail_on.id)
        if at + 1 < len(levels):
            worse = levels[at + 1]
            assert not gate(check.questionnaire, judged(check, worse), fail_on.id, allow_provisional=True).passed


@pytest.mark.parametrize("check_id", CHECKS)
def test_a_provisional_result_passes_only_with_allow_provisional(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    best, fail_on = check.questionnaire.verdicts[0], check.questionnaire.verdicts[1]
    result = judged(check, best, provisional=True)
    held = gate(check.questionnaire, result, fail_on.id)
    assert not held.passed
    assert held.reason.startswith(f"the verdict is {best.label} ({best.id}) but provisional (")
    assert "pass --allow-provisional to gate on the answered part" in held.reason
    assert gate(check.questionnaire, result, fail_on.id, allow_provisional=True) == GateOutcome(True, "")
    # provisional, and the verdict is the gate's: allowing provisional results does not pass the verdict
    assert not gate(check.questionnaire, judged(check, fail_on, provisional=True), fail_on.id, allow_provisional=True).passed


@pytest.mark.parametrize("check_id", CHECKS)
def test_too_little_answered_to_judge_never_passes(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    best, worst = check.questionnaire.verdicts[0], check.questionnaire.verdicts[-1]
    for allow in (False, True):
        outcome = gate(check.questionnaire, judged(check, best, provisional=True, enough=False), worst.id, allow)
        assert not outcome.passed
        assert "but too little is answered to judge (0 of " in outcome.reason


@pytest.mark.parametrize("check_id", CHECKS)
def test_no_verdict_yet_never_passes(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    worst = check.questionnaire.verdicts[-1]
    nothing = evaluate(check.questionnaire, check.links, {})
    assert nothing.verdict is None
    for allow in (False, True):
        outcome = gate(check.questionnaire, nothing, worst.id, allow)
        assert not outcome.passed
        assert outcome.reason == f"there is no verdict yet ({nothing.completeness.text}), which --fail-on {worst.id} rejects"


@pytest.mark.parametrize("value", ["", " ", "maybe", "READY", "ready "])
def test_an_empty_or_unknown_gate_value_is_refused_never_passed(value: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded["outreach"]
    q: Questionnaire = check.questionnaire
    ids = ", ".join(v.id for v in q.verdicts)
    for refuse in (lambda: check_fail_on(value, q), lambda: gate(q, judged(check, q.verdicts[0]), value, True)):
        with pytest.raises(AnswersError) as caught:
            refuse()
        assert caught.value.field == "fail-on"
        assert f"Valid: {ids} (best first; candor show outreach lists them)" in str(caught.value)
    check_fail_on(None, q)  # no gate asked for: nothing to refuse


def test_the_gate_rule_says_what_the_gate_does() -> None:
    for words in ("VERDICT or a worse one", "no verdict yet", "too little is answered to judge", "provisional",
                  "--allow-provisional"):
        assert words in GATE_RULE
