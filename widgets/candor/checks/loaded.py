"""A check as the engine scores it, loaded from its bundle: the browser's JSON and the CLI's in-memory bundle
both come through :func:`load_bundle`, so they score from identical inputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from candor.checks.key_dates import KeyDates, load_key_dates
from candor.model.links import PracticeLink
from candor.model.questionnaire import Questionnaire, parse_questionnaire


@dataclass(frozen=True)
class LoadedCheck:
    questionnaire: Questionnaire
    links: dict[str, PracticeLink]
    answers_schema: Mapping[str, Any]
    key_dates: KeyDates | None = None


def load_bundle(bundle: Mapping[str, Any]) -> LoadedCheck:
    practices = bundle["practices"]
    q = parse_questionnaire(bundle["check"], set(practices))
    links = {pid: PracticeLink.from_json(p) for pid, p in practices.items()}
    return LoadedCheck(q, links, bundle["answers_schema"], load_key_dates(bundle.get("key_dates")))
