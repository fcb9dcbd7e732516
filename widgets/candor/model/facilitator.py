"""The facilitator kit as the site shows it: the sample brief's answers to a check, each with why, its practices and
whether it is a *must failure*, and the engine's result for them. :mod:`candor.compiler.facilitator` makes it
(it scores the answers with the engine while compiling the content)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from candor.checks.loaded import LoadedCheck
from candor.model.questionnaire import Question
from candor.model.vocabulary import FlagLevel


@dataclass(frozen=True)
class Row:
    """One answered question of the brief: what it asks, the expected answer, why, and its practices."""

    question: Question
    answer: tuple[str, ...]
    labels: tuple[str, ...]
    why: str
    practices: tuple[str, ...]
    must_failure: bool
    flag: FlagLevel | None
    debrief: str | None
    fix: str | None


@dataclass(frozen=True)
class FacilitatorKit:
    check: LoadedCheck
    data: Mapping[str, Any]
    result: Mapping[str, Any]  # the engine's result for the brief's answers, as JSON carries it
    rows: tuple[Row, ...]

    @property
    def must_failures(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.must_failure)

    def answers_file(self) -> dict[str, Any]:
        """The brief's answers as an answers file for the check (what the CLI and the import read)."""
        return {
            "questionnaire": self.data["check"],
            "version": self.data["version"],
            "answers": {qid: a["answer"] for qid, a in self.data["answers"].items()},
        }
