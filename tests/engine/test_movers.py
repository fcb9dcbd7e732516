"""The "what moves the verdict" tables the methodology page prints: the engine run on constructed answers."""

from __future__ import annotations

import pytest
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.checks.movers import area_moves, best_answers, flag_moves, widest_profile

from ..conftest import CONTENT

CHECKS = sorted(p.stem for p in (CONTENT / "checks").glob("*.yml"))


@pytest.mark.parametrize("check_id", CHECKS)
def test_all_best_is_the_best_verdict_and_complete(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    q = check.questionnaire
    r = evaluate(q, check.links, best_answers(q, widest_profile(q)))
    assert (r.verdict, r.provisional, r.flags) == (q.verdicts[0].id, False, ())


@pytest.mark.parametrize("check_id", CHECKS)
def test_each_area_at_its_worst_is_held_by_its_floor(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    q = check.questionnaire
    order = [v.id for v in q.verdicts]
    moves = area_moves(q, check.links)
    assert [m.area for m in moves] == [a.id for a in q.areas if a.scored]
    for m in moves:
        area = q.area(m.area)
        assert m.area_score is not None and m.verdict is not None
        if m.area_score < area.hard_floor:
            assert m.verdict == q.capped_verdict("red").id  # type: ignore[union-attr]
        elif m.area_score < area.floor:
            assert m.verdict == q.capped_verdict("amber").id  # type: ignore[union-attr]
        else:
            assert order.index(m.verdict) < order.index(q.capped_verdict("amber").id)  # type: ignore[union-attr]


def test_the_issue_s_example_governance_at_zero_is_no_longer_ready(loaded: dict[str, LoadedCheck]) -> None:
    check = loaded["prelaunch"]
    move = next(m for m in area_moves(check.questionnaire, check.links) if m.area == "governance")
    floor = check.questionnaire.area("governance").floor
    assert move.area_score is not None and move.area_score < floor and move.verdict == "conditions"
    assert move.reason.startswith(f"Governance and learning scores {move.area_score:g} (floor {floor:g}): "
                                  "“Ready with conditions” at best.")


@pytest.mark.parametrize("check_id", CHECKS)
def test_each_flag_alone_gives_its_level_s_verdict(check_id: str, loaded: dict[str, LoadedCheck]) -> None:
    check = loaded[check_id]
    q = check.questionnaire
    moves = flag_moves(q, check.links)
    flagged = {(x.id, o.id) for x in q.questions for o in x.options if o.flag}
    assert {(m.question, m.answer) for m in moves} == flagged
    assert [m.level for m in moves] == sorted((m.level for m in moves), key=lambda lv: lv != "red")
    for m in moves:
        if not m.others:  # shown without another flagged answer: its own level decides
            assert m.verdict == q.capped_verdict(m.level).id, m  # type: ignore[union-attr]
