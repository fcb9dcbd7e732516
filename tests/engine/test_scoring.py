"""The scoring method, checked by hand on a small questionnaire."""

from __future__ import annotations

import pytest
from candor.checks.evaluate import evaluate
from candor.model.questionnaire import parse_questionnaire

from .sample import LINKS, PRACTICES, sample, sample_raw


def run(answers: dict) -> dict:
    return evaluate(sample(), LINKS, answers).to_json()


class TestScores:
    def test_area_score_is_the_weighted_share_of_answered_questions(self) -> None:
        # alpha: a1 partly (0.5, weight 1) + a2 yes (1, weight 3) = 3.5 / 4 = 87.5
        r = run({"uses": ["chat"], "a1": "partly", "a2": "yes", "b1": "fair"})
        areas = {a["id"]: a["score"] for a in r["areas"]}
        assert areas == {"alpha": 87.5, "beta": 60.0}
        # overall: (2 x 87.5 + 1 x 60) / 3 = 78.333.. -> 78.3
        assert r["score"] == 78.3

    def test_not_applicable_leaves_the_question_out(self) -> None:
        r = run({"uses": ["chat"], "a1": "na", "a2": "yes", "b1": "good"})
        assert {a["id"]: a["score"] for a in r["areas"]} == {"alpha": 100.0, "beta": 100.0}
        assert (r["completeness"]["answered"], r["completeness"]["visible"]) == (4, 4)

    def test_profile_questions_are_not_scored(self) -> None:
        r = run({"uses": ["images"]})
        assert [a["id"] for a in r["areas"]] == ["alpha", "beta"]
        assert r["score"] is None and r["verdict"] is None

    def test_an_area_with_no_answers_is_left_out_of_the_overall_score(self) -> None:
        r = run({"uses": ["images"], "b1": "fair"})
        assert r["score"] == 60.0


class TestVisibility:
    def test_hidden_question_neither_counts_nor_flags(self) -> None:
        shown = run({"uses": ["chat"], "a1": "yes", "a2": "no", "b1": "good"})
        hidden = run({"uses": ["images"], "a1": "yes", "a2": "no", "b1": "good"})
        assert [f["question"] for f in shown["flags"]] == ["a2"]
        assert hidden["flags"] == []
        assert "a2" not in hidden["visible"]
        assert hidden["score"] == 100.0
        assert (hidden["completeness"]["answered"], hidden["completeness"]["visible"]) == (3, 3)


class TestVerdict:
    @pytest.mark.parametrize(
        ("answers", "score", "verdict"),
        [
            ({"a1": "yes", "b1": "good"}, 100.0, "ready"),
            ({"a1": "yes", "b1": "poor"}, 73.3, "conditions"),  # (2 x 100 + 20) / 3
            ({"a1": "partly", "b1": "poor"}, 40.0, "not-ready"),  # (2 x 50 + 20) / 3
        ],
    )
    def test_thresholds_come_from_the_data(self, answers: dict, score: float, verdict: str) -> None:
        r = run({"uses": ["none"], **answers})
        assert (r["score"], r["verdict"], r["flags"]) == (score, verdict, [])

    def test_red_flag_forces_not_ready_whatever_the_score(self) -> None:
        # alpha (0 x 1 + 1 x 3) / 4 = 75, beta 100 -> 83.3, which alone would be ready
        r = run({"uses": ["chat"], "a1": "no", "a2": "yes", "b1": "good"})
        assert (r["score"], r["verdict"]) == (83.3, "not-ready")
        assert [(f["level"], f["question"], f["answer"]) for f in r["flags"]] == [("red", "a1", "no")]
        assert r["reason"].startswith("1 red flag sets the verdict")

    def test_amber_flag_caps_at_conditions(self) -> None:
        # alpha 100, beta 60 -> 86.7, which alone would be ready
        r = run({"uses": ["none"], "a1": "yes", "b1": "fair"})
        assert (r["score"], r["verdict"]) == (86.7, "conditions")
        assert r["flags"][0]["message"] == "Beta is only fair, so launch with conditions."
        assert "amber flag" in r["reason"]

    def test_red_flags_are_listed_before_amber(self) -> None:
        r = run({"uses": ["chat"], "a1": "yes", "a2": "no", "b1": "fair"})
        r = run({"uses": ["chat"], "a1": "no", "a2": "no", "b1": "fair"})
        assert [f["level"] for f in r["flags"]] == ["red", "amber", "amber"]

    def test_provisional_until_every_visible_question_is_answered(self) -> None:
        r = run({"uses": ["none"], "a1": "yes"})
        assert r["provisional"] is True
        assert (r["completeness"]["answered"], r["completeness"]["visible"]) == (2, 3)


class TestRecommendations:
    def test_ranked_by_gain_with_links(self) -> None:
        r = run({"uses": ["chat"], "a1": "partly", "a2": "yes", "b1": "poor"})
        # now: alpha (0.5 + 3) / 4 = 87.5, beta 20 -> 65.0
        # AA-01 (a1 and b1 at best) -> 100: +35; BB-01 (b1 at best) -> (175 + 100) / 3 = 91.7: +26.7
        assert r["score"] == 65.0
        assert [(x["practice"], x["gain"]) for x in r["recommendations"]] == [("AA-01", 35.0), ("BB-01", 26.7)]
        assert r["recommendations"][0]["url"] == "guidance/x/#AA-01"
        assert r["recommendations"][0]["questions"] == ["a1", "b1"]

    def test_no_recommendation_when_every_answer_is_best(self) -> None:
        assert run({"uses": ["none"], "a1": "yes", "b1": "good"})["recommendations"] == []

    @pytest.mark.parametrize(("beta_weight", "score", "gains"), [
        (0.01, 99.6, [("AA-01", 0.4), ("BB-01", 0.4)]),  # (200 + 0.01 x 20) / 2.01 = 99.6; at best 100: +0.4
        (0.001, 100.0, []),  # (200 + 0.001 x 20) / 2.001 = 99.96 -> 100.0: b1 could improve, but the score cannot
    ])  # fmt: skip
    def test_a_practice_whose_gain_rounds_to_nothing_is_not_recommended(self, beta_weight: float, score: float,
                                                                        gains: list[tuple[str, float]]) -> None:
        data = sample_raw()
        next(a for a in data["areas"] if a["id"] == "beta")["weight"] = beta_weight
        r = evaluate(parse_questionnaire(data, PRACTICES), LINKS, {"uses": ["none"], "a1": "yes", "b1": "poor"}).to_json()
        assert r["score"] == score
        assert [(x["practice"], x["gain"]) for x in r["recommendations"]] == gains


def test_chart_is_accessible_svg() -> None:
    svg = run({"uses": ["none"], "a1": "yes", "b1": "fair"})["chart_svg"]
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "Beta: 60 out of 100" in svg
