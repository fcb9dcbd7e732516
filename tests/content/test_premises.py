"""Every shown question has an honest answer: a question whose premise a campaign may lack offers "Not applicable".

A bank question may declare its `premise`: the profile answers that imply what it takes for granted (a call in an
AI voice, say). For every check that asks it, every campaign the check's condition shows it to (one option, or
none, for each profile question involved) either has the premise or can answer "Not applicable".
"""

from __future__ import annotations

from itertools import product
from typing import Any

from candor.compiler.catalog import Catalog
from candor.compiler.content_files import default_content_dir, read_content
from candor.model.conditions import parse_condition, predicate, sources
from candor.model.questionnaire import Questionnaire


def _premises() -> dict[str, Any]:
    return {q["id"]: q["premise"] for _, doc in read_content(default_content_dir()).bank for q in doc["questions"] if "premise" in q}


def _campaigns(q: Questionnaire, involved: set[str]) -> list[dict[str, Any]]:
    """One option or none for each profile question involved (several choices: a list of one)."""
    choices = []
    for qid in sorted(involved):
        question = q.question(qid)
        assert question is not None
        picks = [[o.id] if question.type == "multi" else o.id for o in question.options]
        choices.append([(qid, None), *((qid, p) for p in picks)])
    return [{k: v for k, v in combo if v is not None} for combo in product(*choices)]


def shown_without_premise(catalog: Catalog) -> list[str]:
    problems = []
    for qid, raw in _premises().items():
        premise = parse_condition(raw)
        for cid, q in catalog.checks.items():
            question = q.question(qid)
            if question is None or question.show_if is None or question.na:
                continue
            involved = set(sources(question.show_if)) | set(sources(premise))
            if any(q.question(s) is None for s in involved):
                problems.append(f"{cid}: {qid}: its premise names a question this check does not ask")
                continue
            shown, holds = predicate(question.show_if), predicate(premise)
            bad = [c for c in _campaigns(q, involved) if shown(c, involved) and not holds(c, involved)]
            if bad:
                problems.append(f"{cid}: {qid} is shown to {bad[0]} without its premise and has no “Not applicable”")
    return problems


def test_every_shown_question_has_an_honest_answer(catalog: Catalog) -> None:
    assert shown_without_premise(catalog) == []


def test_the_rule_covers_the_ai_voice_call_question(catalog: Catalog) -> None:
    """Human phone staff and a chatbot on the site: the AI-voice question is shown, and can be answered."""
    assert "or-voice-calls" in _premises()
    q = catalog.checks["prelaunch"]
    question = q.question("or-voice-calls")
    assert question is not None and question.show_if is not None
    campaign = {"profile-channels": ["phone"], "profile-ai-uses": ["chatbot"]}
    assert predicate(question.show_if)(campaign, set(campaign))
    assert question.na
