"""A check as the browser receives it: the questionnaire data, the practices it links, the answers schema.

The site build writes one bundle per check (JSON); the CLI makes the same object in memory. Both go
through :func:`load_bundle`, so browser and command line score from identical inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog, PracticeLink, TemplateLink
from .key_dates import KeyDates, bundle_key_dates, load_key_dates
from .questionnaire import Questionnaire, parse_questionnaire


@dataclass(frozen=True)
class LoadedCheck:
    questionnaire: Questionnaire
    links: dict[str, PracticeLink]
    answers_schema: Mapping[str, Any]
    key_dates: KeyDates | None = None


def link_json(link: PracticeLink) -> dict[str, Any]:
    """A practice link as bundles carry it, with the kit templates that help meet the practice."""
    return {
        "id": link.id, "title": link.title, "url": link.url,
        "templates": [{"id": t.id, "title": t.title, "url": t.url} for t in link.templates],
    }


def link_from_json(data: Mapping[str, Any]) -> PracticeLink:
    templates = tuple(TemplateLink(t["id"], t["title"], t["url"]) for t in data.get("templates", []))
    return PracticeLink(data["id"], data["title"], data["url"], templates)


def make_bundle(catalog: Catalog, raw_check: Mapping[str, Any], answers_schema: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-ready bundle of one check (only the practices it links)."""
    used = sorted({p for q in raw_check["questions"] for p in q.get("practices", [])})
    links = catalog.links()
    bundle = {
        "check": dict(raw_check),
        "practices": {p: link_json(links[p]) for p in used},
        "answers_schema": dict(answers_schema),
    }
    dates = bundle_key_dates(catalog, raw_check["id"])
    if dates is not None:
        bundle["key_dates"] = dates
    return bundle


def load_bundle(bundle: Mapping[str, Any]) -> LoadedCheck:
    practices = bundle["practices"]
    q = parse_questionnaire(bundle["check"], set(practices))
    links = {pid: link_from_json(p) for pid, p in practices.items()}
    return LoadedCheck(q, links, bundle["answers_schema"], load_key_dates(bundle.get("key_dates")))


def make_tool_bundle(catalog: Catalog, raw_tool: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-ready bundle of a calculator tool (its settings and the practices it links)."""
    links = catalog.links()
    return {
        "tool": dict(raw_tool),
        "practices": {p: link_json(links[p]) for p in raw_tool["practices"]},
    }
