"""The question bank: each question written once, and every check a view of it (candor.compiler.bank)."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.cli import main
from candor.compiler.bank import Bank, read_bank, resolve_check, unused
from candor.compiler.catalog import Catalog
from candor.intake.envelope import check_envelope
from candor.model.answers import AnswersError


def _asked_by(catalog: Catalog) -> dict[str, list[str]]:
    asked: dict[str, list[str]] = {}
    for cid, q in catalog.checks.items():
        for question in q.questions:
            asked.setdefault(question.id, []).append(cid)
    return asked


def test_the_same_answer_raises_the_same_flag_in_every_check_that_asks_it(catalog: Catalog) -> None:
    """Over the whole bank: a question two checks ask has one wording, one set of options and one flag level per
    answer in both, unless a check declares (in its data, with a reason) that it judges that answer differently."""
    declared = {(d.check, d.question, option) for d in catalog.differences for option, _ in d.flags}
    shared = 0
    for qid, checks in _asked_by(catalog).items():
        for a, b in combinations(checks, 2):
            qa, qb = catalog.checks[a].question(qid), catalog.checks[b].question(qid)
            assert qa is not None and qb is not None
            assert (qa.text, qa.help, qa.type, qa.na) == (qb.text, qb.help, qb.type, qb.na), qid
            assert [(o.id, o.label) for o in qa.options] == [(o.id, o.label) for o in qb.options], qid
            for oa, ob in zip(qa.options, qb.options, strict=True):
                if (a, qid, oa.id) in declared or (b, qid, ob.id) in declared:
                    continue
                level_a, level_b = oa.flag and oa.flag.level, ob.flag and ob.flag.level
                assert level_a == level_b, f"{qid}={oa.id}: {level_a} in {a}, {level_b} in {b}"
            shared += 1
    assert shared >= 10  # the focused checks share their facts with the pre-launch check


def test_the_named_conflicts_are_one_question_with_one_flag(catalog: Catalog) -> None:
    """Issue 31's conflicts: each is now one question asked by both checks, with one flag level."""
    cases = {
        ("dc-opt-outs", "not-applied"): ({"prelaunch", "outreach", "consent"}, "red"),
        ("or-human-review", "fully-automated"): ({"prelaunch", "outreach"}, "red"),
        ("or-accounts", "shared"): ({"prelaunch", "outreach"}, "amber"),
        ("dc-special-category", "explicit-consent"): ({"prelaunch", "consent"}, "amber"),
        ("or-automation-allowed", "extension"): ({"prelaunch", "outreach"}, "amber"),
        ("platform-rules", "breached"): ({"prelaunch", "outreach"}, "red"),
    }
    asked = _asked_by(catalog)
    for (qid, option), (checks, level) in cases.items():
        assert checks <= set(asked[qid]), qid
        for cid in checks:
            question = catalog.checks[cid].question(qid)
            assert question is not None
            chosen = question.option(option)
            assert chosen is not None and chosen.flag is not None and chosen.flag.level == level, (cid, qid)


def test_a_team_using_a_forbidden_browser_extension_knowingly_gets_one_verdict(loaded: dict[str, LoadedCheck]) -> None:
    """The LinkedIn case: the same facts give "Not ready" in both checks (before v3: one said ready with conditions)."""
    facts = {"or-automation-allowed": "extension", "platform-rules": "breached"}
    profiles = {
        "prelaunch": {"profile-channels": ["professional"], "profile-ai-uses": ["outreach"]},
        "outreach": {"channels": ["network"], "ai-use": ["research"]},
    }
    for cid, profile in profiles.items():
        check = loaded[cid]
        result = evaluate(check.questionnaire, check.links, {**profile, **facts})
        assert check.questionnaire.verdicts[-1].id == result.verdict, cid  # the worst: not ready
        assert ("red", "platform-rules") in {(f.level, f.question) for f in result.flags}, cid


BANK = Bank(
    {"q1": {"id": "q1", "text": "Question one?", "options": [
        {"id": "good", "label": "Good", "score": 1},
        {"id": "bad", "label": "Bad", "score": 0, "flag": {"level": "red", "message": "A red line for this."}}]}},
    {"q1": "bank/test.yml"},
)


def view(**selected: Any) -> dict[str, Any]:
    return {"id": "t", "areas": [{"id": "main", "title": "Main", "weight": selected.pop("weight", 1),
                                  "questions": [{"id": "q1", **selected} if selected else "q1"]}]}


def test_a_view_places_the_bank_question_in_its_area_with_its_weight() -> None:
    check, differences, problems = resolve_check("checks/t.yml", view(weight=1), BANK)
    assert problems == [] and differences == []
    assert check["questions"] == [{"id": "q1", "area": "main", **{k: v for k, v in BANK.questions["q1"].items() if k != "id"}}]
    assert "questions" not in check["areas"][0]


def test_an_unscored_area_drops_the_scores_but_keeps_the_flags() -> None:
    check, _, _ = resolve_check("checks/t.yml", view(weight=0), BANK)
    assert [o.get("score") for o in check["questions"][0]["options"]] == [None, None]
    assert check["questions"][0]["options"][1]["flag"]["level"] == "red"
    assert BANK.questions["q1"]["options"][0]["score"] == 1  # the bank itself is never changed


def test_a_different_judgement_is_declared_with_its_reason() -> None:
    judge = {"reason": "This check judges a narrower case, so it only warns.", "flags": {"bad": "amber"}}
    check, differences, problems = resolve_check("checks/t.yml", view(judge=judge), BANK)
    assert problems == [] and check["questions"][0]["options"][1]["flag"]["level"] == "amber"
    assert [(d.check, d.question, d.flags) for d in differences] == [("t", "q1", (("bad", "amber"),))]


def test_problems_name_the_file_and_the_id() -> None:
    _, _, problems = resolve_check("checks/t.yml", {"id": "t", "areas": [{"id": "a", "title": "A", "weight": 1,
                                                                            "questions": ["nope"]}]}, BANK)
    assert problems == ["checks/t.yml: question 'nope' is not in the question bank (content/bank/*.yml)"]
    judge = {"reason": "A reason long enough to be read.", "flags": {"good": "amber", "missing": "none"}}
    _, _, problems = resolve_check("checks/t.yml", view(judge=judge), BANK)
    assert problems == ["checks/t.yml: question 'q1': judge gives option 'good' a amber flag, but the bank writes no flag "
                        "message for it", "checks/t.yml: question 'q1': judge names unknown option 'missing'"]


def test_a_question_written_twice_or_asked_by_no_check_is_a_problem() -> None:
    doc = {"questions": [BANK.questions["q1"]]}
    bank, problems = read_bank([("bank/a.yml", doc), ("bank/b.yml", doc)])
    assert problems == ["bank/b.yml: question 'q1' is already written in bank/a.yml (write each question once)"]
    assert unused(bank, {"checks/t.yml": {"areas": [{"questions": []}]}}) == ["bank/a.yml: question 'q1' is asked by no check"]


@pytest.mark.parametrize("cid", ["disclosure", "consent", "outreach"])
def test_every_focused_check_shares_facts_with_the_prelaunch_check(catalog: Catalog, cid: str) -> None:
    prelaunch = {q.id for q in catalog.checks["prelaunch"].questions}
    assert prelaunch & {q.id for q in catalog.checks[cid].questions}


# ---------------------------------------------------------------- one campaign's answers, any check


def _read(data: dict[str, Any], check: str, loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> tuple[Any, list[str]]:
    others = {cid: c.questionnaire for cid, c in loaded.items()}
    return check_envelope(data, loaded[check].questionnaire, schemas["answers"], "cli", others)


def test_a_prelaunch_file_is_scored_by_the_outreach_check(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    data = {"questionnaire": "prelaunch", "version": 3, "answers": {
        "profile-ai-uses": ["outreach"], "or-accounts": "shared", "platform-rules": "breached", "gl-policy": "all-approved"}}
    env, notes = _read(data, "outreach", loaded, schemas)
    assert env.questionnaire == "outreach" and env.answers == {"or-accounts": "shared", "platform-rules": "breached"}
    assert env.kept == {"profile-ai-uses": ("outreach",), "gl-policy": "all-approved"}
    assert ("These answers were made with “Pre-launch campaign check” (prelaunch); “Outreach and networking automation "
            "check” asks 2 of them.") in notes
    assert ("2 answers are not asked by this check, so kept but not scored (asked by: Pre-launch campaign check): "
            "profile-ai-uses, gl-policy.") in notes


def test_an_old_outreach_file_is_brought_forward_by_its_own_check_then_scored_by_prelaunch(
    loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    data = {"questionnaire": "outreach", "version": 1, "answers": {"channels": ["network"], "tools": "extension", "accounts": "own"}}
    env, notes = _read(data, "prelaunch", loaded, schemas)
    assert env.answers == {"or-automation-allowed": "extension", "or-accounts": "own-accounts"}
    assert env.kept == {"channels": ("network",)}
    assert notes[0] == "These answers were made with version 1 of the questionnaire and were updated to version 3."


def test_an_answer_no_check_asks_is_still_refused(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    with pytest.raises(AnswersError, match="a question this check does not have"):
        _read({"questionnaire": "prelaunch", "version": 3, "answers": {"shoe-size": "42"}}, "outreach", loaded, schemas)
    with pytest.raises(AnswersError, match="not one of its choices"):  # a kept answer is checked by a check that asks it
        _read({"questionnaire": "prelaunch", "version": 3, "answers": {"gl-policy": "maybe"}}, "outreach", loaded, schemas)


def test_without_the_other_checks_a_file_of_another_check_is_refused_as_before(
    loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    with pytest.raises(AnswersError, match="These answers are for another check"):
        check_envelope({"questionnaire": "prelaunch", "version": 3, "answers": {}}, loaded["outreach"].questionnaire, schemas["answers"])


def test_the_cli_scores_one_answers_file_with_any_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "campaign.yml"
    answers.write_text("questionnaire: prelaunch\nversion: 3\nanswers:\n  profile-ai-uses: [outreach]\n  channels: [network]\n"
                       "  platform-rules: breached\n")
    assert main(["outreach", str(answers), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["verdict"] == "not-ready"
    assert ("note: 1 answer is not asked by this check, so kept but not scored (asked by: Pre-launch campaign check): "
            "profile-ai-uses.") in out.err
