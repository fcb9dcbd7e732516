"""The facilitator kit, the model: the sample brief's answers to a check, scored by the engine and checked.

``content/facilitator.yml`` holds, for each question of the pre-launch check, the answer a busy team would
give from the sample brief and why; for every *must failure* (an answer short of the best on a question linked
to a live must practice, whether or not it raises a flag) a debrief note and a fix; the split of the check's
areas between pairs; and the result the guide states. :func:`compile_facilitator` scores the answers and
reports, naming what differs, a stated result that drifts, a must failure with no note, or answers for
another questionnaire version. The pages are rendered by ``sitebuild.facilitator``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from candor.checks.evaluate import evaluate
from candor.checks.loaded import load_bundle
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog, Document, Problems
from candor.model.facilitator import FacilitatorKit, Row
from candor.model.questionnaire import Question, Questionnaire
from candor.model.vocabulary import FlagLevel

FACILITATOR_FILE = "facilitator.yml"


def _row(q: Question, entry: Mapping[str, Any], catalog: Catalog, flags: Mapping[str, FlagLevel]) -> Row:
    answer = entry["answer"]
    chosen = tuple(answer) if isinstance(answer, list) else (answer,)
    options = [q.option(a) for a in chosen]
    labels = tuple(o.label if o else "?" for o in options)
    scores = [o.score for o in options if o is not None and o.score is not None]
    short = bool(scores) and min(scores) < q.best_score
    must = any(catalog.practices[p].live_must for p in q.practices)
    return Row(q, chosen, labels, entry["why"], q.practices, short and must, flags.get(q.id), entry.get("debrief"), entry.get("fix"))


def _fit_problems(name: str, data: Mapping[str, Any], q: Questionnaire) -> list[str]:
    """Answers for another version, for unknown questions, or pairs naming unknown areas."""
    problems = []
    if data["version"] != q.version:
        problems.append(
            f"{name}: the brief's answers are for {data['check']} version {data['version']}, but the check is at version "
            f"{q.version}: re-answer the new and changed questions from the brief, then restate the result"
        )
    problems += [f"{name}: answers unknown question {qid!r}" for qid in data["answers"] if q.question(qid) is None]
    areas = {a.id for a in q.areas}
    pairs = [(g["id"], a) for g in data["pairs"] for a in g["areas"]]
    return problems + [f"{name}: pair group {g!r} lists unknown area {a!r}" for g, a in pairs if a not in areas]


def _result_problems(name: str, data: Mapping[str, Any], result: Mapping[str, Any], rows: tuple[Row, ...]) -> list[str]:
    """Shown questions without an answer, must failures without a note, and a stated result that drifts."""
    unanswered = [qid for qid in result["visible"] if qid not in data["answers"]]
    problems = [f"{name}: question {qid!r} is shown for this brief but has no answer" for qid in unanswered]
    problems += [
        f"{name}: {r.question.id} = {', '.join(r.answer)} is a must failure ({', '.join(r.practices)}) with no debrief note and fix"
        for r in rows if r.must_failure and not (r.debrief and r.fix)
    ]
    actual = {
        "verdict": result["verdict"],
        "score": round(result["score"], 1),
        "red": sum(1 for f in result["flags"] if f["level"] == "red"),
        "amber": sum(1 for f in result["flags"] if f["level"] == "amber"),
    }
    if dict(data["stated_result"]) != actual:
        problems.append(f"{name}: stated_result {dict(data['stated_result'])} does not match what the engine gives for the brief: {actual}")
    failures = {r.question.id for r in rows if r.must_failure}
    listed = [item["question"] for item in data.get("debrief_shortlist", ())]
    problems += [f"{name}: debrief_shortlist names {qid!r}, which is not a must failure of the brief" for qid in listed
                 if qid not in failures]
    problems += [f"{name}: debrief_shortlist names {qid!r} twice" for qid in sorted(set(listed)) if listed.count(qid) > 1]
    return problems


def compile_facilitator(doc: Document | None, catalog: Catalog, schema: Mapping[str, Any], out: Problems) -> FacilitatorKit | None:
    """Score the brief with the engine and check it against the guide; ``catalog`` is the rest of the content."""
    if doc is None or not out.schema(doc, schema):
        return None
    name, data = doc
    if data["check"] not in catalog.raw_checks:
        out.add(f"{name}: unknown check {data['check']!r}")
        return None
    check = load_bundle(make_bundle(catalog, catalog.raw_checks[data["check"]], catalog.answers_schema))
    found = _fit_problems(name, data, check.questionnaire)
    if found:
        out.extend(found)
        return None
    answers = {qid: a["answer"] for qid, a in data["answers"].items()}
    result = evaluate(check.questionnaire, check.links, answers).to_json()
    flags = {f["question"]: f["level"] for f in result["flags"]}
    visible = set(result["visible"])
    rows = tuple(_row(x, data["answers"][x.id], catalog, flags) for x in check.questionnaire.questions
                 if x.id in visible and x.id in data["answers"])
    found = _result_problems(name, data, result, rows)
    out.extend(found)
    return None if found else FacilitatorKit(check, data, result, rows)
