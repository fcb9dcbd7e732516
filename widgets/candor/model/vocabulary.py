"""The engine's closed vocabularies, typed once: a flag's level, a verdict's tone and what holds a verdict down.

The content's JSON Schemas admit exactly these values (``content/schema/check.schema.json``); the types let mypy
catch a misspelt level or tone anywhere in the engine."""

from __future__ import annotations

from typing import Literal, get_args

FlagLevel = Literal["red", "amber"]
Tone = Literal["good", "warn", "bad"]
HoldCause = Literal["red-flag", "hard-floor", "amber-flag", "floor", "unanswered-area", "incomplete", "score"]

FLAG_LEVELS: tuple[FlagLevel, ...] = get_args(FlagLevel)  # most severe first
TONES: tuple[Tone, ...] = get_args(Tone)
HOLD_CAUSES: tuple[HoldCause, ...] = get_args(HoldCause)
