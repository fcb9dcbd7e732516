"""Pre-launch coverage: every campaign practice is asked about, and a typical campaign stays a 10-15 minute check.

Run as a script (`python -m tests.content.test_prelaunch_coverage`) to print how many questions each typical
campaign sees; the figures come from the engine's own visibility rules, as in the browser.
"""

from __future__ import annotations

from typing import Any

import pytest
from candor.checks.loaded import LoadedCheck
from candor.checks.visibility import visible_questions
from candor.compiler.catalog import Catalog
from candor.model.questionnaire import Questionnaire

# Practices no pre-launch question needs to link, each with the reason. Keep it short: a practice that bears on
# a campaign belongs behind the question where a reviewer would look for it. Empty since version 2.
NOT_ASKED_BEFORE_LAUNCH: dict[str, str] = {}

# Zero-score answers that raise no flag, each reviewed: a careful reviewer would let the campaign launch with
# them (they matter more for the next campaign), or another question already flags the same risk.
SCORE_ONLY_ZEROS = {
    ("tr-ai-principles", "missing"): "a published statement builds trust; its absence misleads nobody about this campaign",
    ("bf-training-data", "unknown"): "vendors rarely disclose it; the targeting and outcome questions flag the harm itself",
    ("bf-diverse-input", "not-asked"): "good practice; the bias review and creative review questions flag the gaps",
    ("ho-judgment-calls", "not-defined"): "for agents that act, ho-agent-limits flags missing limits",
    ("gl-register", "no-register"): "governance: protects the next campaign; the governance floor catches an empty area",
    ("gl-policy", "no-policy"): "governance: the unapproved-tools answer is flagged, no policy alone is not",
    ("gl-training", "no-one"): "governance: the review and fact-check questions flag untrained output",
    ("gl-learning", "not-logged"): "governance: lessons for the next campaign",
    ("gl-trust-measures", "not-tracked"): "ho-monitoring flags a campaign nobody watches after launch",
    ("gl-environment", "no"): "environmental impact is score-only by design (issue 24)",
    ("vd-data-use", "unknown"): "vd-processor-terms flags vendors without processing terms",
    ("vd-programmatic-sellers", "not-filtered"): "ad fraud costs budget but misleads or harms no one the campaign reaches",
}

# The profiles a marketing team typically fills in; "full" ticks every option, the worst case for length.
TYPICAL = {
    "chatbot-only": {
        "profile-channels": ["website-app"], "profile-regions": ["eu", "uk"], "profile-audiences": ["adults"],
        "profile-ai-uses": ["chatbot"], "profile-personal-data": ["collected"],
    },
    "email-only": {
        "profile-channels": ["email"], "profile-regions": ["eu", "uk"], "profile-audiences": ["adults"],
        "profile-ai-uses": ["copy", "personalisation"], "profile-personal-data": ["customer-lists"],
    },
    "email-no-ai": {
        "profile-channels": ["email"], "profile-regions": ["uk"], "profile-audiences": ["adults"],
        "profile-ai-uses": ["none"], "profile-personal-data": ["customer-lists"],
    },
}
# About 15 seconds a question (most are one click between three or four options): 55 questions is under 14 minutes.
TYPICAL_BUDGET = 55


def full_profile(q: Questionnaire) -> dict[str, Any]:
    return {
        x.id: [o.id for o in x.options if not o.exclusive] for x in q.questions if x.area == "profile"
    }


def counts(q: Questionnaire) -> dict[str, int]:
    profiles = {**TYPICAL, "full": full_profile(q)}
    return {name: len(visible_questions(q, answers)) for name, answers in profiles.items()}


def test_every_campaign_practice_is_reachable_from_a_pre_launch_question(catalog: Catalog, loaded: dict[str, LoadedCheck]) -> None:
    linked = {p for x in loaded["prelaunch"].questionnaire.questions for p in x.practices}
    live = {p.id for p in catalog.practices.values() if not p.deprecated}
    assert sorted(live - linked - set(NOT_ASKED_BEFORE_LAUNCH)) == [], "practices no pre-launch question links to"
    assert not set(NOT_ASKED_BEFORE_LAUNCH) & linked, "an exception that a question now links: remove it from the list"
    assert set(NOT_ASKED_BEFORE_LAUNCH) <= live, "an exception names a practice that does not exist"


def test_every_zero_score_answer_is_flagged_or_reviewed_as_score_only(loaded: dict[str, LoadedCheck]) -> None:
    q = loaded["prelaunch"].questionnaire
    quiet_zeros = {(x.id, o.id) for x in q.questions for o in x.options if o.score == 0 and o.flag is None}
    assert sorted(quiet_zeros) == sorted(SCORE_ONLY_ZEROS)


def test_the_typical_profiles_answer_every_profile_question(loaded: dict[str, LoadedCheck]) -> None:
    """So that the counts below are for a finished profile, not a half-filled one."""
    profile = {x.id for x in loaded["prelaunch"].questionnaire.questions if x.area == "profile"}
    for name, answers in TYPICAL.items():
        assert set(answers) == profile, name


@pytest.mark.parametrize("name", sorted(TYPICAL))
def test_a_typical_campaign_stays_a_ten_to_fifteen_minute_check(name: str, loaded: dict[str, LoadedCheck]) -> None:
    assert counts(loaded["prelaunch"].questionnaire)[name] <= TYPICAL_BUDGET


def test_conditions_hide_what_does_not_apply(loaded: dict[str, LoadedCheck]) -> None:
    q = loaded["prelaunch"].questionnaire
    seen = counts(q)
    assert seen["chatbot-only"] < seen["full"] and seen["email-only"] < seen["full"]
    chatbot = set(visible_questions(q, TYPICAL["chatbot-only"]))
    email = set(visible_questions(q, TYPICAL["email-only"]))
    assert {"dc-bot-security", "ho-bot-tested", "ho-fallback", "tr-accessible"} <= chatbot
    assert not {"dc-bot-security", "ho-bot-tested", "or-voice-calls", "sm-marking"} & email
    # Personal data used without AI still gets the consent, minimisation, retention and opt-out questions.
    no_ai = set(visible_questions(q, TYPICAL["email-no-ai"]))
    assert {"dc-lawful-basis", "dc-minimised", "dc-retention", "dc-erasure", "dc-opt-outs", "bf-targeting-reach"} <= no_ai
    assert not {"dc-ai-tools", "ho-complaints", "gl-records"} & no_ai


if __name__ == "__main__":  # pragma: no cover - a reporting aid, not a test
    from candor.checks.loaded import load_bundle
    from candor.compiler.bundle import make_bundle
    from candor.compiler.content_files import load_schemas, raw_checks, read_catalog

    from ..conftest import CONTENT

    raw = raw_checks(CONTENT)["prelaunch"]
    check = load_bundle(make_bundle(read_catalog(CONTENT), raw, load_schemas(CONTENT)["answers"]))
    for profile, n in counts(check.questionnaire).items():
        print(f"{profile}: {n} questions (of {len(check.questionnaire.questions)}, profile included)")
