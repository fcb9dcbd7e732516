"""The CI gate (``--fail-on VERDICT``): whether a result passes, and if not, why, in the words the reader is shown.

Verdicts are listed best first. A result fails the gate when its verdict is the gate's verdict or a worse one,
when there is no verdict yet, when too little is answered to judge, and when it is provisional (a question shown
is unanswered) unless provisional results are allowed. The gate never fails open: a gate value that is empty or
not a verdict of the check is refused (:func:`check_fail_on`) before anything is judged, by :func:`gate` too.
"""

from __future__ import annotations

from dataclasses import dataclass

from candor.checks.evaluate import Result
from candor.model.answers import AnswersError
from candor.model.questionnaire import Questionnaire

GATE_RULE = (
    "--fail-on VERDICT exits 1 when the verdict is VERDICT or a worse one, when there is no verdict yet or too little "
    "is answered to judge, and when the result is provisional (a question shown is unanswered) unless "
    "--allow-provisional is given. "
    "`candor show CHECK` lists each check's verdict ids, best first."
)
FAIL_ON_HELP = "exit 1 when the verdict is this one or worse, or missing, or provisional (see --allow-provisional)"
ALLOW_PROVISIONAL_HELP = ("with --fail-on: let a provisional result (questions shown but unanswered) pass when its "
                          "verdict does")


@dataclass(frozen=True)
class GateOutcome:
    passed: bool
    reason: str  # why the result failed the gate, in a sentence; '' when it passed


def check_fail_on(fail_on: str | None, q: Questionnaire) -> None:
    """Refuse (:class:`AnswersError`, field ``fail-on``) a gate value that is empty or not a verdict of ``q``;
    ``None`` is no gate at all."""
    ids = [v.id for v in q.verdicts]
    if fail_on is not None and fail_on not in ids:
        said = f"--fail-on: {fail_on!r} is not a verdict of {q.id!r}" if fail_on.strip() else "--fail-on needs a verdict"
        raise AnswersError(f"{said}. Valid: {', '.join(ids)} (best first; candor show {q.id} lists them)", "fail-on")


def gate(q: Questionnaire, result: Result, fail_on: str, allow_provisional: bool = False) -> GateOutcome:
    """Whether ``result`` (of check ``q``) passes ``--fail-on fail_on``, with the reason when it does not."""
    check_fail_on(fail_on, q)
    ids = [v.id for v in q.verdicts]
    rejects = f"which --fail-on {fail_on} rejects"
    if result.verdict is None:
        return GateOutcome(False, f"there is no verdict yet ({result.completeness.text}), {rejects}")
    said = f"the verdict is {result.verdict_label} ({result.verdict})"
    if ids.index(result.verdict) >= ids.index(fail_on):
        return GateOutcome(False, f"{said}, {rejects}")
    if not result.completeness.enough:
        return GateOutcome(False, f"{said} but too little is answered to judge ({result.completeness.text}), {rejects}")
    if result.provisional and not allow_provisional:
        return GateOutcome(False, f"{said} but provisional ({result.completeness.text}), {rejects}: answer every "
                                  "question shown, or pass --allow-provisional to gate on the answered part")
    return GateOutcome(True, "")
