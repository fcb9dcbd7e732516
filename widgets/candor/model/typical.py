"""The campaign a check's time is worked out for (a check's ``typical`` in its content): the profile answers of a
campaign teams often describe, and the seconds it takes to choose an answer once a question is read. The time
itself is :func:`candor.checks.duration.time_to_answer`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Typical:
    label: str  # completes "about N minutes for ..."
    profile: Mapping[str, tuple[str, ...]]  # profile question id -> option ids
    seconds_to_choose: float


def parse_typical(raw: Mapping[str, Any] | None, profile_options: Mapping[str, set[str]],
                  fail: Callable[[str], Exception]) -> Typical | None:
    """The check's typical campaign, checked against its profile questions (id -> option ids): every one
    answered, with options it has."""
    if raw is None:
        return None
    profile = {qid: tuple(options) for qid, options in raw["profile"].items()}
    asked = set(profile_options)
    if set(profile) != asked:
        missing, extra = sorted(asked - set(profile)), sorted(set(profile) - asked)
        raise fail(f"typical: answer every profile question and nothing else (missing {missing}, not profile questions {extra})")
    for qid, options in profile.items():
        unknown = sorted(set(options) - profile_options[qid])
        if unknown:
            raise fail(f"typical: {qid} has no option {', '.join(unknown)}")
    return Typical(str(raw["label"]), profile, float(raw["seconds_to_choose"]))
