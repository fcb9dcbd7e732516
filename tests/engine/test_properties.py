"""Properties of the engine over random answer sets, for every published check.

Examples: in CI (CI=true) 400 answer sets per check for the bounds and floor properties and 140 for each of
the three comparison properties; 150 locally. CANDOR_EXAMPLES sets the base number. The extremes are not left
to chance: every check is also run, by hand, on nothing answered, every question's best option, every
question's worst option and "not applicable" wherever it is offered (EXTREMES below).
"""

from __future__ import annotations

import os
import random
from typing import Any

import pytest
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.checks.visibility import visible_questions
from candor.model.questionnaire import NOT_APPLICABLE, Question
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import CONTENT

EXAMPLES = int(os.environ.get("CANDOR_EXAMPLES") or (400 if os.environ.get("CI") == "true" else 150))
CHECKS = sorted(p.stem for p in (CONTENT / "checks").glob("*.yml"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
COMPARE = settings(SETTINGS, max_examples=max(EXAMPLES * 7 // 20, 50))


def answer_for(question: Question, rng: random.Random) -> Any:
    """A random answer, or None for "not answered"; the cheap way (a seeded Random drawn by hypothesis)."""
    roll = rng.random()
    if roll < 0.15:
        return None
    if question.na and roll < 0.25:
        return NOT_APPLICABLE
    ids = [o.id for o in question.options]
    if question.type == "single":
        return rng.choice(ids)
    exclusive = [o.id for o in question.options if o.exclusive]
    if exclusive and rng.random() < 0.2:
        return [rng.choice(exclusive)]
    plain = [i for i in ids if i not in exclusive]
    return rng.sample(plain, rng.randint(1, len(plain)))


def random_answers(check: LoadedCheck, rng: random.Random) -> dict[str, Any]:
    drawn = {x.id: answer_for(x, rng) for x in check.questionnaire.questions}
    return {k: v for k, v in drawn.items() if v is not None}


def rank(check: LoadedCheck, verdict: str | None) -> int:
    order = [v.id for v in check.questionnaire.verdicts]
    return order.index(verdict) if verdict is not None else -1


@pytest.fixture(params=CHECKS)
def check(request: pytest.FixtureRequest, loaded: dict[str, LoadedCheck]) -> LoadedCheck:
    return loaded[request.param]


def run(check: LoadedCheck, answers: dict[str, Any]) -> dict[str, Any]:
    return evaluate(check.questionnaire, check.links, answers).to_json()


def extremes(check: LoadedCheck) -> dict[str, dict[str, Any]]:
    """Answer sets at the limits of every score and of completeness, for the properties below."""
    questions = check.questionnaire.questions
    single = [x for x in questions if x.type == "single"]
    worst = {x.id: min(x.options, key=lambda o: o.score or 0.0).id for x in single}
    return {
        "nothing answered": {},
        "every best option": {x.id: x.best_option.id for x in single},
        "every worst option": worst,
        "not applicable wherever offered": {**worst, **{x.id: NOT_APPLICABLE for x in questions if x.na}},
    }


EXTREMES = ["nothing answered", "every best option", "every worst option", "not applicable wherever offered"]


@pytest.mark.parametrize("extreme", EXTREMES)
def test_the_extremes_stay_within_bounds_and_keep_the_floor_rules(check: LoadedCheck, extreme: str) -> None:
    answers = extremes(check)[extreme]
    assert_within_bounds(check, answers)
    assert_floor_rules(check, run(check, answers))


@SETTINGS
@given(data=st.data())
def test_scores_stay_within_bounds_and_are_deterministic(check: LoadedCheck, data: st.DataObject) -> None:
    assert_within_bounds(check, random_answers(check, random.Random(data.draw(st.integers(0, 2**32)))))


def assert_within_bounds(check: LoadedCheck, answers: dict[str, Any]) -> None:
    result = run(check, answers)
    assert result == run(check, answers)
    scores = [a["score"] for a in result["areas"]] + [result["score"]]
    assert all(s is None or 0 <= s <= 100 for s in scores)
    assert 0 <= result["completeness"]["answered"] <= result["completeness"]["visible"]
    assert all(r["gain"] > 0 for r in result["recommendations"])


@COMPARE
@given(data=st.data())
def test_a_better_answer_never_lowers_a_score(check: LoadedCheck, data: st.DataObject) -> None:
    q = check.questionnaire
    drivers = q.condition_sources()
    scored = [x for x in q.questions if x.type == "single" and x.id not in drivers and q.area(x.area).scored]
    if not scored:
        return
    answers = random_answers(check, random.Random(data.draw(st.integers(0, 2**32))))
    question = data.draw(st.sampled_from(scored))
    worse, better = sorted(data.draw(st.lists(st.sampled_from(question.options), min_size=2, max_size=2)),
                           key=lambda o: o.score or 0.0)
    low = run(check, {**answers, question.id: worse.id})
    high = run(check, {**answers, question.id: better.id})
    if low["score"] is not None:
        assert high["score"] >= low["score"]
    for a, b in zip(low["areas"], high["areas"], strict=True):
        if a["score"] is not None:
            assert b["score"] >= a["score"]


@COMPARE
@given(data=st.data())
def test_an_added_red_flag_never_improves_the_verdict(check: LoadedCheck, data: st.DataObject) -> None:
    q = check.questionnaire
    red = [(x, o) for x in q.questions if x.type == "single" for o in x.options if o.flag and o.flag.level == "red"]
    if not red:
        return
    answers = random_answers(check, random.Random(data.draw(st.integers(0, 2**32))))
    question, option = data.draw(st.sampled_from(red))
    before = run(check, answers)
    after = run(check, {**answers, question.id: option.id})
    if question.id in after["visible"]:
        assert after["verdict"] == q.capped_verdict("red").id  # type: ignore[union-attr]
        assert rank(check, after["verdict"]) >= rank(check, before["verdict"])


@COMPARE
@given(data=st.data())
def test_hidden_questions_never_change_the_result(check: LoadedCheck, data: st.DataObject) -> None:
    q = check.questionnaire
    answers = random_answers(check, random.Random(data.draw(st.integers(0, 2**32))))
    visible = set(visible_questions(q, answers))
    hidden = [x for x in q.questions if x.id not in visible]
    if not hidden:
        return
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    noise = {x.id: answer_for(x, rng) for x in hidden}
    changed = {**answers, **{k: v for k, v in noise.items() if v is not None}}
    for k, v in noise.items():
        if v is None:
            changed.pop(k, None)
    assert run(check, changed) == run(check, answers)


def good_answers(check: LoadedCheck, rng: random.Random, quality: float, skip: float = 0.0) -> dict[str, Any]:
    """Answers that are each the best option with probability ``quality`` (else random), so that every verdict,
    "ready" included, comes up often; each is left out with probability ``skip``."""
    answers: dict[str, Any] = {}
    for x in check.questionnaire.questions:
        if rng.random() < skip:
            continue
        if x.type == "single" and rng.random() < quality:
            answers[x.id] = x.best_option.id
        else:
            value = answer_for(x, rng)
            if value is not None:
                answers[x.id] = value
    return answers


def draw_good(check: LoadedCheck, data: st.DataObject, skip: float = 0.0) -> dict[str, Any]:
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    return good_answers(check, rng, data.draw(st.sampled_from([0.6, 0.85, 0.95, 1.0])), skip)


@SETTINGS
@given(data=st.data())
def test_no_area_below_its_floor_is_ready_and_ready_is_complete(check: LoadedCheck, data: st.DataObject) -> None:
    assert_floor_rules(check, run(check, draw_good(check, data, skip=data.draw(st.sampled_from([0.0, 0.05])))))


def assert_floor_rules(check: LoadedCheck, result: dict[str, Any]) -> None:
    q = check.questionnaire
    low = {a["id"] for a in result["areas"] if a["score"] is not None and a["score"] < q.area(a["id"]).floor}
    very_low = {a["id"] for a in result["areas"] if a["score"] is not None and a["score"] < q.area(a["id"]).hard_floor}
    if result["verdict"] == q.verdicts[0].id:
        assert not low
        assert result["provisional"] is False
        assert result["completeness"]["answered"] == result["completeness"]["visible"]
    if very_low and result["completeness"]["enough"]:
        assert result["verdict"] == q.capped_verdict("red").id  # type: ignore[union-attr]
    if low and result["completeness"]["enough"]:
        assert rank(check, result["verdict"]) >= rank(check, q.capped_verdict("amber").id)  # type: ignore[union-attr]


@COMPARE
@given(data=st.data())
def test_one_more_answer_turns_not_ready_into_ready_only_by_removing_the_cause(check: LoadedCheck, data: st.DataObject) -> None:
    q = check.questionnaire
    after_answers = draw_good(check, data)
    drivers = q.condition_sources()
    shown = [qid for qid in visible_questions(q, after_answers) if qid in after_answers and qid not in drivers]
    if not shown:
        return
    qid = data.draw(st.sampled_from(shown))
    before = run(check, {k: v for k, v in after_answers.items() if k != qid})
    after = run(check, after_answers)
    worst, best = q.verdicts[-1].id, q.verdicts[0].id
    if before["verdict"] == worst and after["verdict"] == best:
        area = q.question(qid).area  # type: ignore[union-attr]
        for hold in before["holds"]:
            if hold["verdict"] == worst:  # each cause of "not ready" is one this answer can remove
                assert hold["cause"] in ("hard-floor", "score"), hold
                assert hold["cause"] == "score" or hold["subjects"] == [area], hold
    # a red flag or a lower floor elsewhere cannot be answered away
    red_elsewhere = [h for h in before["holds"] if h["cause"] == "red-flag" or
                     (h["cause"] == "hard-floor" and q.question(qid).area not in h["subjects"])]  # type: ignore[union-attr]
    if red_elsewhere:
        assert after["verdict"] == worst
