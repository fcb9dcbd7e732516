"""What an approver signs off: the conditions still to meet and the red flags, from a result.

The report's one-page summary (Markdown, :mod:`candor.reports.markdown`) and the page's printed summary (the
``approval`` part of the bridge's ``evaluate`` reply) both come from here, so they always list the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from candor.checks.evaluate import Result
from candor.model.links import PracticeLink
from candor.util.jsonable import plain_object

NOT_LEGAL_ADVICE = (
    "This report is guidance, not legal advice. Where a law applies to your campaign, check it with your legal "
    "or privacy team."
)
# The summary's wording, shared by the Markdown report and the page's print (which reads it from ``text``).
TEXT = {
    "summary": "Summary",
    "verdict": "Verdict",
    "no_verdict": "no verdict yet",
    "provisional": "provisional: not every question shown is answered",
    "checked": "Checked",
    "conditions": "Conditions to meet",
    "fill_in": "Fill in who makes each one happen and by when.",
    "condition_columns": "#|Condition|What to do|Owner|Due date",
    "red_flags": "Red flags",
    "none": "None.",
    "sign_off": "Sign-off",
    "sign_off_columns": "Role|Name|Signature|Date",
    "approver": "Approver",
    "owner": "Campaign owner",
    "answers": "Appendix: questions and answers",
    "answer_columns": "Question|Answer",
    "not_answered": "(not answered)",
    "not_legal_advice": NOT_LEGAL_ADVICE,
}
# Holds that a flag raises are listed flag by flag; these are the ones about areas, progress or the score.
_HOLDS_LISTED_AS_FLAGS = {"red-flag", "amber-flag"}


@dataclass(frozen=True)
class ToMeet:
    """One condition the campaign must meet before launch (or the approver accept, with an owner and a date)."""

    text: str  # what is wrong now
    action: str  # what to do about it ("" when the text says it)
    practices: tuple[PracticeLink, ...] = ()


@dataclass(frozen=True)
class RedFlag:
    text: str
    action: str
    question: str  # the question whose answer raised it
    answer: str
    practices: tuple[PracticeLink, ...] = ()


@dataclass(frozen=True)
class Approval:
    conditions: tuple[ToMeet, ...]
    red_flags: tuple[RedFlag, ...]

    def to_json(self) -> dict[str, Any]:
        return {**plain_object(self), "text": TEXT}


def approval(r: Result) -> Approval:
    """Amber flags first (each with its advice), then what the areas, progress or score hold back; red flags apart."""
    conditions = [ToMeet(f.message, f.advice or "", f.practices) for f in r.flags if f.level != "red"]
    conditions += [ToMeet(h.text + ".", "") for h in r.holds if h.cause not in _HOLDS_LISTED_AS_FLAGS]
    reds = [RedFlag(f.message, f.advice or "", f.question_text, f.answer_label, f.practices) for f in r.flags if f.level == "red"]
    return Approval(tuple(conditions), tuple(reds))
