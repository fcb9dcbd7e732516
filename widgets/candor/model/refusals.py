"""Plain words for answers that cannot be used, written for a marketer: what happened and what to do.

Each refusal is the arguments of an :class:`~candor.model.answers.AnswersError` (``raise AnswersError(*refusal)``): a
plain message, the field, and separately the technical detail (the place in the file, the rule, the valid
choices), which the page shows on demand and the command line prints after the message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from candor.model.questionnaire import NOT_APPLICABLE, Question, Questionnaire
from candor.util.schema_check import Problem, clip, first_problems, shorten

NOT_ANSWERS = "This is not a Candor answers file"
REDO = "Use a file exported from Candor, or correct this one."


class Refusal(NamedTuple):
    message: str
    field: str
    detail: str


# What is wrong, by the part of the envelope the first schema problem is in.
_PARTS = {
    "questionnaire": "the name of its check is missing or not written as Candor writes it",
    "version": "the version of its check is missing or is not a whole number",
    "saved_at": "its save date is not written as Candor writes it",
    "answers": "its answers are missing or not written as Candor writes them",
}
_WHOLE = "it does not have the parts an answers file has (the check, its version and the answers)"


def not_an_answers_file(problems: Sequence[Problem]) -> Refusal:
    """The envelope does not match the answers schema: the part that is wrong in words, the rule as detail."""
    path = problems[0].path
    part = _PARTS.get(path.split(".", 1)[0].split("[", 1)[0], _WHOLE) if path else _WHOLE
    return Refusal(f"{NOT_ANSWERS}: {part}. {REDO}", path, first_problems(problems))


def _choices(question: Question) -> str:
    return ", ".join([o.id for o in question.options] + ([NOT_APPLICABLE] if question.na else []))


def unknown_question(q: Questionnaire, qid: str) -> Refusal:
    field = f"answers.{qid}"
    return Refusal(
        "These answers include one to a question this check does not have, so they may be for another check. "
        f"Open them on the page of the check they were made for. {REDO}",
        field, f"{field}: {shorten(qid)} is not a question of check {q.id!r} (version {q.version}).",
    )


def _refused(question: Question, why: str, rule: str) -> Refusal:
    field = f"answers.{question.id}"
    return Refusal(
        f"The answer to “{clip(question.text)}” {why}. {REDO}", field, f"{field}: {rule} Valid choices: {_choices(question)}."
    )


def not_applicable_refused(question: Question) -> Refusal:
    return _refused(question, "is “not applicable”, which that question does not offer", f"{NOT_APPLICABLE!r} is not allowed.")


def not_an_option(question: Question, values: Sequence[str]) -> Refusal:
    what = "is not one of its choices" if len(values) == 1 else "includes choices it does not have"
    return _refused(question, what, f"{', '.join(map(shorten, values))} {'is' if len(values) == 1 else 'are'} not an option.")


def not_alone(question: Question, option: str) -> Refusal:
    label = next(o.label for o in question.options if o.id == option)
    return _refused(question, f"combines “{label}” with other choices, but that choice stands alone", f"{option!r} cannot be combined.")


def one_choice_only(question: Question) -> Refusal:
    return _refused(question, "gives several choices, but the question takes one", "a list where one choice is expected.")
