"""The question bank: every question written once (``content/bank/*.yml``), and each check a view of it.

A check file (``content/checks/<id>.yml``) lists, per area, the bank questions it asks. :func:`resolve_check`
turns that view into the questionnaire the engine parses and the browser bundles carry: each selected question
as the bank wrote it, placed in the view's area, with the view's weight and condition where it sets them, and no
scores in an unscored area. A view may judge an answer differently from the bank only by saying so
(``judge: {reason, flags}``); :class:`Difference` records it for the methodology page, so the same answer raises
the same flag in every check that asks it unless the data declares otherwise.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from candor.compiler.catalog import Difference, Document

ALWAYS = "always"  # a view's `show_if: always`: this check asks the question whatever its profile
NO_FLAG = "none"
NOT_SCORED = ("id", "premise")  # bank-only fields: the premise is checked by the content tests, never scored


@dataclass(frozen=True)
class Bank:
    """The bank's questions by id (as written), and the file each came from."""

    questions: dict[str, Mapping[str, Any]]
    files: dict[str, str]


def bank_schema(check_schema: Mapping[str, Any]) -> dict[str, Any]:
    """A bank file's schema: the ``bank`` definition of the check schema (one file holds both, so a question's
    form is written once)."""
    return {**check_schema, "$ref": "#/$defs/bank"}


def read_bank(docs: Sequence[Document]) -> tuple[Bank, list[str]]:
    """The bank from its (schema-valid) files; a question id written twice is a problem naming both files."""
    questions: dict[str, Mapping[str, Any]] = {}
    files: dict[str, str] = {}
    problems: list[str] = []
    for name, data in docs:
        for raw in data["questions"]:
            qid = raw["id"]
            if qid in questions:
                problems.append(f"{name}: question {qid!r} is already written in {files[qid]} (write each question once)")
                continue
            questions[qid], files[qid] = raw, name
    return Bank(questions, files), problems


def _judged(question: dict[str, Any], judge: Mapping[str, Any], where: str) -> list[str]:
    """Apply a view's declared flag levels to its copy of the question; return the problems."""
    options = {o["id"]: o for o in question["options"]}
    problems = []
    for oid, level in judge["flags"].items():
        option = options.get(oid)
        if option is None:
            problems.append(f"{where}: judge names unknown option {oid!r}")
        elif level == NO_FLAG:
            option.pop("flag", None)
        elif "flag" not in option:
            problems.append(f"{where}: judge gives option {oid!r} a {level} flag, but the bank writes no flag message for it")
        else:
            option["flag"] = {**option["flag"], "level": level}
    return problems


def _selected(item: str | Mapping[str, Any]) -> Mapping[str, Any]:
    return {"id": item} if isinstance(item, str) else item


def resolve_check(name: str, view: Mapping[str, Any], bank: Bank) -> tuple[dict[str, Any], list[Difference], list[str]]:
    """The check as the engine reads it (today's questionnaire form), its declared differences, and the problems
    (each naming the check file and the question id)."""
    problems: list[str] = []
    differences: list[Difference] = []
    questions: list[dict[str, Any]] = []
    areas = []
    for area in view["areas"]:
        areas.append({k: v for k, v in area.items() if k != "questions"})
        for item in area["questions"]:
            sel = _selected(item)
            qid = sel["id"]
            where = f"{name}: question {qid!r}"
            raw = bank.questions.get(qid)
            if raw is None:
                problems.append(f"{where} is not in the question bank (content/bank/*.yml)")
                continue
            question = {"id": qid, "area": area["id"], **{k: copy.deepcopy(v) for k, v in raw.items() if k not in NOT_SCORED}}
            if "weight" in sel:
                question["weight"] = sel["weight"]
            if sel.get("show_if") == ALWAYS:
                question.pop("show_if", None)
            elif "show_if" in sel:
                question["show_if"] = copy.deepcopy(sel["show_if"])
            if "judge" in sel:
                problems += _judged(question, sel["judge"], where)
                differences.append(Difference(view["id"], qid, " ".join(sel["judge"]["reason"].split()),
                                              tuple(sel["judge"]["flags"].items())))
            if area["weight"] == 0:  # an unscored area: the bank's score shares do not apply
                for option in question["options"]:
                    option.pop("score", None)
            questions.append(question)
    resolved = {k: v for k, v in view.items() if k != "areas"}
    resolved["areas"] = areas
    resolved["questions"] = questions
    return resolved, differences, problems


def unused(bank: Bank, views: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """A problem for each bank question no check asks (dead content)."""
    asked = {_selected(item)["id"] for view in views.values() for area in view["areas"] for item in area["questions"]}
    return [f"{bank.files[qid]}: question {qid!r} is asked by no check" for qid in bank.questions if qid not in asked]
