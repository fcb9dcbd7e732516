"""A tiny questionnaire for engine tests, independent of the published content."""

from __future__ import annotations

from typing import Any

from candor.model.links import PracticeLink
from candor.model.questionnaire import Questionnaire, parse_questionnaire

PRACTICES = {"AA-01", "AA-02", "BB-01"}
LINKS = {p: PracticeLink(p, f"Practice {p}", f"guidance/x/#{p}") for p in PRACTICES}


def sample_raw() -> dict[str, Any]:
    return {
        "id": "sample",
        "title": "Sample check",
        "version": 2,
        "summary": "A small check used by the engine tests.",
        "method": {"judge_from": 0.5},
        "areas": [
            {"id": "profile", "title": "Profile", "weight": 0},
            {"id": "alpha", "title": "Alpha", "weight": 2},
            {"id": "beta", "title": "Beta", "weight": 1},
        ],
        "verdicts": [
            {"id": "ready", "label": "Ready", "tone": "good", "summary": "Go.", "min_score": 80},
            {"id": "conditions", "label": "Conditions", "tone": "warn", "summary": "Go with care.", "min_score": 50, "cap": "amber"},
            {"id": "not-ready", "label": "Not ready", "tone": "bad", "summary": "Stop.", "min_score": 0, "cap": "red"},
        ],
        "migrations": [
            {"from": 1, "to": 2, "steps": [
                {"rename": {"from": "alpha-one", "to": "a1"}},
                {"remove": "old-q"},
                {"split": {"from": "combined", "to": ["a2", "b1-extra"]}},
                {"rescale": {"question": "b1", "map": {"ok": "fair", "bad": "poor", "unsure": None}}},
            ]},
        ],
        "questions": [
            {"id": "uses", "area": "profile", "type": "multi", "text": "What do you use?",
             "options": [{"id": "chat", "label": "Chat"}, {"id": "images", "label": "Images"},
                         {"id": "none", "label": "None", "exclusive": True}]},
            {"id": "a1", "area": "alpha", "text": "Alpha one?", "na": True, "practices": ["AA-01"],
             "options": [{"id": "yes", "label": "Yes", "score": 1},
                         {"id": "partly", "label": "Partly", "score": 0.5},
                         {"id": "no", "label": "No", "score": 0,
                          "flag": {"level": "red", "message": "Alpha one is missing entirely."}}]},
            {"id": "a2", "area": "alpha", "text": "Alpha two?", "weight": 3, "practices": ["AA-02"],
             "show_if": {"question": "uses", "in": ["chat"]},
             "options": [{"id": "yes", "label": "Yes", "score": 1},
                         {"id": "no", "label": "No", "score": 0,
                          "flag": {"level": "amber", "message": "Alpha two needs a condition."}}]},
            {"id": "b1", "area": "beta", "text": "Beta one?", "practices": ["BB-01", "AA-01"],
             "options": [{"id": "good", "label": "Good", "score": 1},
                         {"id": "fair", "label": "Fair", "score": 0.6,
                          "flag": {"level": "amber", "message": "Beta is only fair, so launch with conditions."}},
                         {"id": "poor", "label": "Poor", "score": 0.2}]},
        ],
    }


def sample() -> Questionnaire:
    return parse_questionnaire(sample_raw(), PRACTICES)
