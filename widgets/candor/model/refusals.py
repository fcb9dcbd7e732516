"""Plain words for answers that cannot be used, written for a marketer: what happened and what to do.

Each refusal is the arguments of an :class:`~candor.model.answers.AnswersError` (``raise AnswersError(*refusal)``): a
plain message, the field, and separately the technical detail (the place in the file, the rule, the valid
choices), which the page shows on demand and the command line prints after the message. What to do differs
where it is read (open the file on a check's page, or score it with ``candor check``): :data:`Reader` picks it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

from candor.model.questionnaire import NOT_APPLICABLE, Question, Questionnaire
from candor.util.schema_check import Problem, clip, first_problems, shorten

NOT_ANSWERS = "This is not a Candor answers file"
REDO = "Use a file exported from Candor, or correct this one."
LEAVE_OUT = "Write one of its choices, or leave the question out to leave it unanswered."

# Who reads a refusal: the page (an imported file, a share link) or the command line. Only what to do differs.
Reader = Literal["page", "cli"]


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


def _named(text: str) -> str:
    """Text from the file, on one line and short, to quote in a message."""
    return clip(" ".join(text.split()))


def not_an_answers_file(problems: Sequence[Problem], parts: Sequence[str] = ()) -> Refusal:
    """The envelope does not match the answers schema: the part that is wrong in words, the rule as detail.
    A part the envelope should not have is named first (a misspelt ``answer:`` leaves ``answers`` missing too)."""
    extra = next((p for p in problems if p.path and not any(c in p.path for c in ".[")
                  and p.message.startswith("is not allowed here")), None)
    if extra is not None:
        has = f" (an answers file has {', '.join(parts[:-1])} and {parts[-1]})" if len(parts) > 1 else ""
        return Refusal(f"{NOT_ANSWERS}: it has a part called “{_named(extra.path)}”, which an answers file does not "
                       f"have{has}. {REDO}", extra.path, first_problems(problems))
    path = problems[0].path
    part = _PARTS.get(path.split(".", 1)[0].split("[", 1)[0], _WHOLE) if path else _WHOLE
    return Refusal(f"{NOT_ANSWERS}: {part}. {REDO}", path, first_problems(problems))


def _choices(question: Question) -> str:
    return ", ".join([o.id for o in question.options] + ([NOT_APPLICABLE] if question.na else []))


def other_check(questionnaire: str, q: Questionnaire, reader: Reader = "page") -> Refusal:
    where = {"page": "Open them on that check's page.",
             "cli": f"Score them with that check: candor check {clip(questionnaire)} FILE."}[reader]
    return Refusal(f"These answers are for another check (“{clip(questionnaire)}”), not this one. {where}", "questionnaire",
                   f"questionnaire: {shorten(questionnaire)}, expected {q.id!r}.")


def newer_version(version: int, q: Questionnaire, reader: Reader = "page") -> Refusal:
    made = f"These answers were made with version {shorten(version)} of this check, newer than version {q.version}"
    where = {"page": " on this site, so they cannot be read here. Open them with the copy of Candor they were made with, "
                     "or a newer one.",
             "cli": " in this copy of Candor, so it cannot score them. Score them with the copy of Candor they were made "
                    "with, or a newer one."}[reader]
    return Refusal(made + where, "version", f"version: {shorten(version)}, newer than {q.version}.")


def unknown_question(q: Questionnaire, qid: str, reader: Reader = "page") -> Refusal:
    field = f"answers.{qid}"
    where = {"page": "Open them on the page of the check they were made for.",
             "cli": f"Score them with the check they were made for (candor show {q.id} lists the questions of this one)."}
    return Refusal(
        f"These answers include one to a question this check does not have, so they may be for another check. "
        f"{where[reader]} {REDO}",
        field, f"{field}: {shorten(qid)} is not a question of check {q.id!r} (version {q.version}).",
    )


def _refused(question: Question, why: str, rule: str, what_to_do: str = REDO) -> Refusal:
    field = f"answers.{question.id}"
    return Refusal(
        f"The answer to “{clip(question.text)}” {why}." + (f" {what_to_do}" if what_to_do else ""), field,
        f"{field}: {rule} Valid choices: {_choices(question)}.",
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


# YAML 1.1 (PyYAML) reads these words, unquoted, as true or false; an option may be called by one of them.
_BOOLEAN_WORDS = {True: ("yes", "on", "true"), False: ("no", "off", "false")}


def wrong_form(question: Question, value: Any) -> Refusal | None:
    """An answer not written as a choice at all, said with how to write it; None for any other problem."""
    if value is None:
        return _refused(question, "is empty", "no value.", LEAVE_OUT)
    if isinstance(value, list) and not value and question.type != "multi":
        return _refused(question, "gives an empty list, but the question takes one choice",
                        "an empty list where one choice is expected.", LEAVE_OUT)
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, Mapping):
            return _refused(question, "is a set of named parts, not a choice", "a mapping where a choice is expected.",
                            LEAVE_OUT)
        if isinstance(item, bool):
            word = next((w for w in _BOOLEAN_WORDS[item] if w in question.option_index), None)
            fix = f"put it in quotes: \"{word}\"" if word else "write one of its choices"
            return _refused(question, f"was read as {str(item).lower()}, not as one of its choices: {fix} (without quotes, "
                            "no, yes, on and off are read as false or true)", f"{str(item).lower()} (YAML reads an unquoted "
                            "no, yes, on or off as false or true).", "")
        if isinstance(item, int | float):
            return _refused(question, "is a number, not one of its choices", f"the number {shorten(item)}.", LEAVE_OUT)
        if isinstance(item, str) and item != item.lower():
            low = item.lower()
            fix = f": write “{_named(low)}”" if low in question.option_index else ""
            return _refused(question, f"writes “{_named(item)}”, but choices are written in lower case{fix}",
                            f"{shorten(item)} is not an option (ids are lower case).", "")
    return None


def misshapen(q: Questionnaire, answers: Any) -> Refusal | None:
    """The first answer written in a form no check takes (true or false, a number, an empty or named value, capitals),
    said in words before the schema's rule would say it less helpfully; None when there is none."""
    if not isinstance(answers, Mapping):
        return None
    for qid, value in answers.items():
        if not isinstance(qid, str):
            continue
        question = q.question(qid)
        if question is None and qid != qid.lower() and q.question(qid.lower()) is not None:
            return Refusal(f"These answers name a question “{_named(qid)}”, but questions are written in lower case: "
                           f"write “{_named(qid.lower())}”.", f"answers.{qid}",
                           f"answers.{shorten(qid)}: ids are lower case.")
        refusal = None if question is None else wrong_form(question, value)
        if refusal is not None:
            return refusal
    return None
