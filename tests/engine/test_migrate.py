"""Migrations: old answers come forward through the registered chain, with notes; gaps are errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor.checks.loaded import LoadedCheck
from candor.intake.envelope import check_envelope
from candor.intake.migrate import migrate
from candor.model.answers import AnswersError

from .sample import sample

FIXTURES = Path(__file__).parents[1] / "fixtures" / "migrations"


def test_each_kind_of_step() -> None:
    old = {"alpha-one": "yes", "old-q": "x", "combined": "yes", "b1": "ok", "uses": ["chat"]}
    new, notes = migrate(old, 1, 2, sample().migrations)
    assert new == {"a1": "yes", "a2": "yes", "b1-extra": "yes", "b1": "fair", "uses": ["chat"]}
    assert notes[0] == "These answers were made with version 1 of the questionnaire and were updated to version 2."
    assert any("'alpha-one' is now 'a1'" in n for n in notes)
    assert any("'old-q' was removed" in n for n in notes)
    assert any("split" in n for n in notes)


def test_an_option_mapped_to_nothing_is_cleared_with_a_note() -> None:
    new, notes = migrate({"b1": "unsure"}, 1, 2, sample().migrations)
    assert new == {}
    assert any("please answer it again" in n for n in notes)


def test_a_version_bump_is_always_reported() -> None:
    assert migrate({"a1": "yes"}, 1, 2, sample().migrations)[1] == [
        "These answers were made with version 1 of the questionnaire and were updated to version 2. Nothing in them needed to change."
    ]


def test_current_version_needs_no_migration() -> None:
    assert migrate({"a1": "yes"}, 2, 2, sample().migrations) == ({"a1": "yes"}, [])


def test_a_missing_link_is_a_clear_error() -> None:
    with pytest.raises(AnswersError, match="no migration to version 3 is registered"):
        migrate({}, 2, 3, sample().migrations)


def test_the_envelope_path_migrates_then_validates(schemas: dict[str, Any]) -> None:
    env, notes = check_envelope(
        {"questionnaire": "sample", "version": 1, "answers": {"alpha-one": "partly", "b1": "bad"}}, sample(), schemas["answers"]
    )
    assert (env.version, env.answers) == (2, {"a1": "partly", "b1": "poor"})
    assert notes


def test_every_past_version_of_every_check_has_a_fixture_that_migrates(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    """A fixture per past version: tests/fixtures/migrations/<check>/v<N>.json, with what it must become."""
    for check_id, check in loaded.items():
        q = check.questionnaire
        for version in sorted(m["from"] for m in q.migrations):  # every version the check had (v3 is the first of some)
            fixture = FIXTURES / check_id / f"v{version}.json"
            assert fixture.is_file(), f"missing migration fixture {fixture}"
            case = json.loads(fixture.read_text())
            env, notes = check_envelope(case["envelope"], q, schemas["answers"])
            assert env.version == q.version
            assert {k: list(v) if isinstance(v, tuple) else v for k, v in env.answers.items()} == case["becomes"]
            assert notes


def test_prelaunch_version_1_answers_come_forward_with_a_note_a_marketer_can_read(
    loaded: dict[str, LoadedCheck], schemas: dict[str, Any]
) -> None:
    q = loaded["prelaunch"].questionnaire
    case = json.loads((FIXTURES / "prelaunch" / "v1.json").read_text())
    envelope = {**case["envelope"], "answers": {**case["envelope"]["answers"], "dc-data-minimised": "more-than-needed"}}
    env, notes = check_envelope(envelope, q, schemas["answers"])
    # "More than needed, but only in approved tools" fits both new questions.
    assert (env.answers["dc-minimised"], env.answers["dc-ai-tools"]) == ("more-than-needed", "approved")
    assert notes[0] == f"These answers were made with version 1 of the questionnaire and were updated to version {q.version}."
    assert notes[1].startswith("Version 2 of the pre-launch check asks about the AI itself")
    assert notes[2].startswith("Version 3 writes each question once")
    assert "left unanswered for you" in notes[1] and "\n" not in notes[1]
    # New questions are left unanswered, never guessed.
    assert not {"dc-bot-security", "ho-fallback", "or-voice-calls", "profile-personal-data"} & set(env.answers)



def test_a_version_the_check_skipped_is_refused_not_guessed(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    """The outreach check went from version 1 straight to 3: a file claiming version 2 was never made by Candor."""
    with pytest.raises(AnswersError, match="no migration to version 3 is registered"):
        check_envelope({"questionnaire": "outreach", "version": 2, "answers": {}}, loaded["outreach"].questionnaire, schemas["answers"])


def test_two_old_answers_that_agree_become_one(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    env, notes = check_envelope({"questionnaire": "consent", "version": 1, "answers": {
        "purpose": ["ad-profiling"], "opt-out-signals": "no", "objection": "no"}}, loaded["consent"].questionnaire, schemas["answers"])
    assert env.answers["dc-opt-outs"] == "not-applied"
    assert any(n.startswith("The questions 'opt-out-signals' and 'objection' are now “When someone says no") for n in notes)


def test_two_old_answers_that_differ_are_shown_not_silently_resolved(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    """opt-out-signals "partly" and objection "yes" were one fact asked twice; neither answer is picked."""
    env, notes = check_envelope({"questionnaire": "consent", "version": 1, "answers": {
        "purpose": ["ad-profiling"], "opt-out-signals": "partly", "objection": "yes"}}, loaded["consent"].questionnaire, schemas["answers"])
    assert "dc-opt-outs" not in env.answers
    assert any("your answers to them differed (opt-out-signals: own-tools; objection: everywhere)" in n
               and "please answer it again" in n for n in notes)


def test_one_option_can_become_several(loaded: dict[str, LoadedCheck], schemas: dict[str, Any]) -> None:
    """The consent check's "European Union or United Kingdom" is two answers in the shared region question."""
    env, _ = check_envelope({"questionnaire": "consent", "version": 1, "answers": {"regions": ["us", "eu-uk"]}},
                            loaded["consent"].questionnaire, schemas["answers"])
    assert env.answers["profile-regions"] == ("eu", "uk", "us")
