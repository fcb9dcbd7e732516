"""Area floors, completeness and the progress state, checked by hand on the small sample questionnaire."""

from __future__ import annotations

from typing import Any

import pytest
from candor.checks.evaluate import evaluate
from candor.model.questionnaire import QuestionnaireError, parse_questionnaire

from .sample import LINKS, PRACTICES, sample_raw

A3 = {"id": "a3", "area": "alpha", "text": "Alpha three?", "weight": 3,
      "options": [{"id": "yes", "label": "Yes", "score": 1}, {"id": "no", "label": "No", "score": 0}]}


def raw(beta_weight: float = 0.5, floor: float = 50, beta_floor: float | None = None, hard: float = 25) -> dict[str, Any]:
    """The sample with a floor on every area, a lower floor on alpha, a light beta and an unflagged alpha question."""
    data = sample_raw()
    data["method"] = {"judge_from": 0.5, "floor": floor}
    data["areas"][1]["hard_floor"] = hard
    data["areas"][2]["weight"] = beta_weight
    if beta_floor is not None:
        data["areas"][2]["floor"] = beta_floor
    data["questions"].insert(3, A3)
    return data


def run(answers: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return evaluate(parse_questionnaire(raw(**kw), PRACTICES), LINKS, answers).to_json()


ALL_GOOD = {"uses": ["none"], "a1": "yes", "a3": "yes", "b1": "good"}


class TestFloors:
    def test_a_strong_area_cannot_buy_back_a_weak_one(self) -> None:
        # alpha 100 (weight 2), beta 20 (weight 0.5): (200 + 10) / 2.5 = 84, "ready" by score alone
        r = run({**ALL_GOOD, "b1": "poor"})
        assert (r["score"], r["verdict"], r["flags"]) == (84.0, "conditions", [])
        assert r["reason"].startswith("Beta scores 20 (floor 50): “Conditions” at best.")
        assert [(h["cause"], h["verdict"], h["subjects"]) for h in r["holds"]] == [("floor", "conditions", ["beta"])]

    @pytest.mark.parametrize(("beta_floor", "verdict"), [(20, "ready"), (20.1, "conditions"), (0, "ready")])
    def test_a_score_exactly_at_the_floor_passes_and_just_under_it_does_not(self, beta_floor: float, verdict: str) -> None:
        assert run({**ALL_GOOD, "b1": "poor"}, beta_floor=beta_floor)["verdict"] == verdict

    @pytest.mark.parametrize(("answers", "verdict", "cause"), [
        ({"a1": "partly", "a3": "no"}, "not-ready", "hard-floor"),  # alpha (0.5 + 0) / 4 = 12.5 < 25
        ({"a1": "yes", "a3": "no"}, "conditions", "floor"),  # alpha 25: at the lower floor, under the floor
    ])
    def test_the_lower_floor_gives_not_ready(self, answers: dict[str, str], verdict: str, cause: str) -> None:
        r = run({**ALL_GOOD, **answers}, beta_weight=20)  # beta outweighs alpha, so the score alone says "ready"
        assert r["score"] >= 80 and r["flags"] == []
        assert r["verdict"] == verdict
        assert r["holds"][0]["cause"] == cause and r["holds"][0]["subjects"] == ["alpha"]
        if cause == "hard-floor":
            assert r["reason"].startswith("Alpha scores 12.5 (lower floor 25): “Not ready”.")

    def test_a_floor_on_an_unscored_area_or_above_the_hard_floor_is_refused(self) -> None:
        data = raw()
        data["areas"][0]["floor"] = 10
        with pytest.raises(QuestionnaireError, match="area 'profile' is not scored, so it cannot have a floor"):
            parse_questionnaire(data, PRACTICES)
        with pytest.raises(QuestionnaireError, match="hard_floor 60 is above its floor 50"):
            parse_questionnaire(raw(hard=60), PRACTICES)


class TestCompleteness:
    def test_ready_needs_every_question_shown_answered(self) -> None:
        r = run({"uses": ["chat"], "a1": "yes", "a3": "yes", "b1": "good"})  # a2 shown, unanswered
        assert (r["score"], r["verdict"], r["provisional"]) == (100.0, "conditions", True)
        assert r["reason"].startswith("1 question shown is not answered yet, and “Ready” needs every one: “Conditions” at best.")
        assert run({**ALL_GOOD, "uses": ["chat"], "a2": "yes"})["verdict"] == "ready"

    def test_an_area_with_no_answer_caps_at_conditions_and_is_named(self) -> None:
        r = run({"uses": ["none"], "a1": "yes", "a3": "yes"})
        assert (r["verdict"], r["provisional"], r["score"]) == ("conditions", True, 100.0)
        assert r["holds"][0]["cause"] == "unanswered-area" and r["holds"][0]["subjects"] == ["beta"]
        assert r["reason"].startswith("No answer yet in Beta: “Conditions” at best until it is answered.")
        assert r["completeness"]["missing_text"] == "Still to answer: 1 in Beta."

    def test_not_applicable_is_an_answer(self) -> None:
        r = run({**ALL_GOOD, "a1": "na"})
        assert (r["verdict"], r["provisional"]) == ("ready", False)

    @pytest.mark.parametrize(("answers", "enough"), [
        ({"uses": ["none"]}, False),  # 1 of 4 shown; judge_from 0.5 needs 2
        ({"uses": ["none"], "a1": "no"}, True),  # exactly at the threshold
    ])
    def test_below_the_threshold_there_is_progress_not_a_score(self, answers: dict[str, Any], enough: bool) -> None:
        r = run(answers)
        c = r["completeness"]
        assert (c["answered"], c["visible"], c["needed"], c["enough"]) == (len(answers), 4, 2, enough)
        assert (r["score"] is None) == (not enough) and (r["chart_svg"] == "") == (not enough)
        if not enough:
            assert r["verdict"] is None and r["recommendations"] == []
            assert r["reason"] == "Not enough is answered yet to judge: 1 of 4 questions shown (a score needs at least 2)."
            assert c["text"] == "1 of 4 questions answered"
            assert c["missing_text"] == "Still to answer: 2 in Alpha; 1 in Beta."

    def test_a_flag_still_decides_below_the_threshold(self) -> None:
        r = run({"uses": ["chat"], "a1": "no"})  # 2 of 5: not enough, but a red flag
        assert (r["verdict"], r["provisional"], r["score"]) == ("not-ready", True, None)
        assert r["reason"] == ("1 red flag sets the verdict to “Not ready”, whatever the score. Only 2 of 5 questions shown "
                               "are answered (a score needs at least 3), so this is provisional.")

    def test_nothing_answered(self) -> None:
        r = run({})
        assert (r["verdict"], r["reason"], r["completeness"]["answered"]) == (None, "Nothing is answered yet.", 0)


def test_tone_and_label_come_from_the_data() -> None:
    r = run({**ALL_GOOD, "b1": "poor"})
    assert (r["verdict"], r["verdict_label"], r["verdict_tone"]) == ("conditions", "Conditions", "warn")
    assert [(t["verdict"], t["tone"]) for t in r["thresholds"]] == [("ready", "good"), ("conditions", "warn"), ("not-ready", "bad")]


AT_25_AND_100 = {"uses": ["none"], "a1": "yes", "a3": "no", "b1": "good"}  # alpha (1 + 3 x 0) / 4 = 25, beta 100
CONDITIONS = next(v["min_score"] for v in raw()["verdicts"] if v["id"] == "conditions")


class TestScoreThresholds:
    """Answers scored by the engine exactly at a verdict's ``min_score``, and one step either side of it (no floor and
    no flag, so only the score decides): alpha 25 and beta 100 weighted 2 and w give (2 x 25 + w x 100) / (2 + w)."""

    @pytest.mark.parametrize(("beta_weight", "where", "verdict"), [
        (1, 0, "conditions"),  # (50 + 100) / 3 = 50.0: exactly at the threshold
        (0.99, -1, "not-ready"),  # 149 / 2.99 = 49.8: just under it
        (1.01, 1, "conditions"),  # 151 / 3.01 = 50.2: just over it
    ])  # fmt: skip
    def test_a_score_exactly_at_a_threshold_reaches_it(self, beta_weight: float, where: int, verdict: str) -> None:
        r = run(AT_25_AND_100, beta_weight=beta_weight, floor=0, hard=0)
        assert (r["score"] > CONDITIONS) - (r["score"] < CONDITIONS) == where
        assert (r["verdict"], r["flags"], [h["cause"] for h in r["holds"]]) == (verdict, [], ["score"])
