"""The questionnaire model: what parse_questionnaire refuses, and the derived views the engine relies on."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from candor.checks.loaded import LoadedCheck
from candor.model.questionnaire import QuestionnaireError, parse_questionnaire

from .sample import PRACTICES, sample, sample_raw


def refused(change: Callable[[dict[str, Any]], object]) -> str:
    raw = sample_raw()
    change(raw)
    with pytest.raises(QuestionnaireError) as err:
        parse_questionnaire(raw, PRACTICES)
    assert "'sample'" in str(err.value)  # the message names the check
    return str(err.value)


def question(raw: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == qid)


def test_the_sample_parses_with_its_defaults() -> None:
    q = sample()
    assert q.version == 2 and q.judge_from == 0.5 and q.top_recommendations == 5
    a1 = q.question("a1")
    assert a1 is not None and a1.type == "single" and a1.weight == 1.0
    assert q.question("missing") is None
    assert q.condition_sources() == {"uses"}


def test_duplicate_question_id_is_refused() -> None:
    assert "'a1'" in refused(lambda r: r["questions"].append(copy.deepcopy(question(r, "a1"))))


def test_reserved_option_id_na_is_refused() -> None:
    assert "'na'" in refused(lambda r: question(r, "a1")["options"][0].update(id="na"))


def test_unknown_area_and_unknown_practice_are_refused() -> None:
    assert "nowhere" in refused(lambda r: question(r, "b1").update(area="nowhere"))
    assert "ZZ-99" in refused(lambda r: question(r, "b1")["practices"].append("ZZ-99"))


def test_scores_must_match_whether_the_area_is_scored() -> None:
    assert "missing: yes" in refused(lambda r: question(r, "a1")["options"][0].pop("score"))
    assert "may not have a score" in refused(lambda r: question(r, "uses")["options"][0].update(score=1))


def test_condition_may_only_look_back() -> None:
    def forward(r: dict[str, Any]) -> None:
        question(r, "a1")["show_if"] = {"question": "b1", "in": ["good"]}
    refused(forward)


def test_worst_verdict_must_be_reachable() -> None:
    assert "reachable" in refused(lambda r: r["verdicts"][-1].update(min_score=1))


def test_floors_need_a_verdict_to_hold_them_and_an_order() -> None:
    def floor_without_cap(r: dict[str, Any]) -> None:
        r["areas"][1]["floor"] = 40
        r["verdicts"][1].pop("cap")
    assert "amber" in refused(floor_without_cap)
    assert "hard_floor" in refused(lambda r: r["areas"][1].update(floor=30, hard_floor=40))
    assert "not scored" in refused(lambda r: r["areas"][0].update(floor=10))


def test_floor_equal_to_hard_floor_is_accepted() -> None:
    raw = sample_raw()
    raw["areas"][1].update(floor=40, hard_floor=40)
    area = parse_questionnaire(raw, PRACTICES).area("alpha")
    assert (area.floor, area.hard_floor) == (40.0, 40.0)


def test_every_earlier_version_needs_exactly_one_migration() -> None:
    assert "version 1" in refused(lambda r: r.update(migrations=[]))
    assert "version 2" in refused(lambda r: r.update(version=3))


def test_lifts_are_weight_times_the_gap_to_the_best_option() -> None:
    q = sample()
    a2 = q.question("a2")
    assert a2 is not None
    assert a2.lifts == {o.id: a2.weight * (a2.best_score - o.score)
                        for o in a2.options if o.score is not None and o.score < a2.best_score}
    assert a2.best_option.score == a2.best_score
    uses = q.question("uses")
    assert uses is not None and uses.scores == {} and uses.best_score == 0.0


def test_real_checks_have_ordered_verdicts_and_known_areas(loaded: dict[str, LoadedCheck]) -> None:
    for cid, check in loaded.items():
        q = check.questionnaire
        area_ids = {a.id for a in q.areas}
        assert all(x.area in area_ids for x in q.questions), cid
        assert sum(len(v) for v in q.by_area.values()) == len(q.questions), cid
        mins = [v.min_score for v in q.verdicts if v.min_score is not None]
        assert mins == sorted(mins, reverse=True), cid
