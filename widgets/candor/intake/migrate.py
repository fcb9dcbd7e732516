"""Migrations: bring answers saved with an older questionnaire version forward, one registered step at a time.

A check's data lists ``migrations``, each ``{from: N, to: N+1, steps: [...]}``. Steps:

* ``{rename: {from: OLD_ID, to: NEW_ID}}``: a question got a new id.
* ``{split: {from: OLD_ID, to: [NEW_ID, ...]}}``: one question became several; each gets the old answer.
* ``{remove: ID}``: a question was dropped; its answer is discarded.
* ``{rescale: {question: ID, map: {OLD_OPTION: NEW_OPTION, ...}}}``: options were renamed or merged; an
  option mapped to ``null`` is discarded (the question becomes unanswered); in an answer of several choices an
  option may map to a list (one option became several).
* ``{merge: {from: [OLD_ID, ...], to: NEW_ID}}``: several questions became one (the question bank of version 3).
  Answers that agree move to it; answers that differ are not silently resolved: the question is left
  unanswered and the note names both answers.

Each step that changes something adds a plain note, which the browser and the CLI show to the user. A link's
``note`` (what the new version adds or changes, written for the people who fill the check in) comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from candor.model.answers import Answer, AnswersError


def _apply(step: Mapping[str, Any], answers: dict[str, Answer], notes: list[str], texts: Mapping[str, str]) -> None:
    def name(qid: str) -> str:  # a question as people saw it; an id only where the text is gone
        return f"“{texts[qid]}”" if qid in texts else repr(qid)

    if "rename" in step:
        old, new = step["rename"]["from"], step["rename"]["to"]
        if old in answers:
            answers[new] = answers.pop(old)
            notes.append(f"The question {old!r} is now {name(new)}; your answer moved with it.")
    elif "split" in step:
        old, targets = step["split"]["from"], step["split"]["to"]
        if old in answers:
            value = answers.pop(old)
            for target in targets:
                answers[target] = value
            notes.append(f"The question {old!r} was split into {' and '.join(map(name, targets))}; each starts from your answer.")
    elif "remove" in step:
        if step["remove"] in answers:
            answers.pop(step["remove"])
            notes.append(f"The question {step['remove']!r} was removed, so its answer was dropped.")
    elif "merge" in step:
        _merge(step["merge"]["from"], step["merge"]["to"], answers, notes, name)
    elif "rescale" in step:
        qid, mapping = step["rescale"]["question"], step["rescale"]["map"]
        current = answers.get(qid)
        if current is None:
            return
        if isinstance(current, tuple):
            answers[qid] = tuple(dict.fromkeys(_options(mapping, current)))
        elif current in mapping and isinstance(mapping[current], list):
            answers[qid] = tuple(mapping[current])
        elif current in mapping:
            if mapping[current] is None:
                answers.pop(qid)
                notes.append(f"Your answer to {name(qid)} does not fit its new options and was cleared: please answer it again.")
                return
            answers[qid] = mapping[current]
        else:
            return
        notes.append(f"Your answer to {name(qid)} was carried over to its new options.")
    else:
        raise AnswersError(f"unknown migration step {sorted(step)}")


def _options(mapping: Mapping[str, Any], chosen: tuple[str, ...]) -> list[str]:
    """The options of a several-choice answer after a rescale (an option may map to none, one or several)."""
    out: list[str] = []
    for value in chosen:
        new = mapping.get(value, value)
        out += [] if new is None else new if isinstance(new, list) else [new]
    return out


def _merge(sources: Sequence[str], target: str, answers: dict[str, Answer], notes: list[str], name: Callable[[str], str]) -> None:
    given = {qid: answers.pop(qid) for qid in sources if qid in answers}
    if not given:
        return
    olds = " and ".join(repr(q) for q in given)
    subject = f"The question{'s' if len(given) > 1 else ''} {olds} {'are' if len(given) > 1 else 'is'}"
    if target in answers:
        notes.append(f"{subject} now part of {name(target)}, which already has an answer; that answer was kept.")
    elif len(set(given.values())) == 1:
        answers[target] = next(iter(given.values()))
        notes.append(f"{subject} now {name(target)}; your answer moved with it.")
    else:
        said = "; ".join(f"{q}: {v}" for q, v in given.items())
        notes.append(f"The questions {olds} are now one question, {name(target)}, and your answers to them differed "
                     f"({said}), so it was left unanswered: please answer it again.")


def migrate(
    answers: Mapping[str, Answer],
    version: int,
    target: int,
    chain: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
) -> tuple[dict[str, Answer], list[str]]:
    """Apply the registered steps from ``version`` up to ``target``; raise if a link in the chain is missing.
    ``texts`` (question id to its wording) lets the notes name questions as people saw them."""
    current = dict(answers)
    notes: list[str] = []
    changes: list[str] = []
    start = version
    while version < target:
        link = next((m for m in chain if m["from"] == version), None)
        if link is None:
            raise AnswersError(
                f"version: these answers are for version {version} and no migration to version {version + 1} is registered.",
                "version",
            )
        if link.get("note"):
            notes.append(" ".join(link["note"].split()))
        for step in link["steps"]:
            _apply(step, current, changes, texts or {})
        version = link["to"]
    if start < target:
        summary = "" if changes else " Nothing in them needed to change."
        notes.insert(0, f"These answers were made with version {start} of the questionnaire and were updated to version {target}.{summary}")
    return current, notes + changes
