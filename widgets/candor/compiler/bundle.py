"""What the browser receives: one bundle per check, calculator tool and knowledge check, made from the catalogue.

:func:`browser_bundles` makes every one of them (the site build writes each as JSON under ``assets/candor/``,
and :func:`bundle_index` lists them in the manifest). The CLI makes the same check bundle in memory; both go
through :func:`load_bundle`, so browser and command line score from identical inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from candor.compiler.catalog import Catalog
from candor.learning.path import Learning


def make_bundle(catalog: Catalog, raw_check: Mapping[str, Any], answers_schema: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-ready bundle of one check (only the practices it links)."""
    used = sorted({p for q in raw_check["questions"] for p in q.get("practices", [])})
    links = catalog.links()
    bundle = {
        "check": dict(raw_check),
        "practices": {p: links[p].to_json() for p in used},
        "answers_schema": dict(answers_schema),
    }
    dates = bundle_key_dates(catalog, raw_check["id"])
    if dates is not None:
        bundle["key_dates"] = dates
    return bundle


def make_tool_bundle(catalog: Catalog, raw_tool: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-ready bundle of a calculator tool (its settings and the practices it links)."""
    links = catalog.links()
    return {
        "tool": dict(raw_tool),
        "practices": {p: links[p].to_json() for p in raw_tool["practices"]},
    }


def make_quiz_bundle(learning: Learning, quiz_id: str) -> dict[str, Any]:
    """The JSON-ready bundle of a knowledge check: the quiz data and the practices its options link."""
    quiz = learning.quizzes[quiz_id]
    return {
        "quiz": dict(learning.raw_quizzes[quiz_id]),
        "practices": {pid: link.to_json() for pid, link in quiz.links.items()},
    }


def _quizzes(catalog: Catalog) -> dict[str, dict[str, Any]]:
    learning = catalog.learning
    return {m.quiz: make_quiz_bundle(learning, m.quiz) for m in learning.modules} if learning else {}


def browser_bundles(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """Every bundle the browser reads, by its path under the site's ``assets/candor/`` folder."""
    return {
        **{f"checks/{cid}.json": make_bundle(catalog, raw, catalog.answers_schema) for cid, raw in catalog.raw_checks.items()},
        **{f"quizzes/{qid}.json": bundle for qid, bundle in _quizzes(catalog).items()},
        **{f"tools/{tid}.json": make_tool_bundle(catalog, raw) for tid, raw in catalog.tools.items()},
    }


def bundle_index(catalog: Catalog) -> dict[str, dict[str, dict[str, Any]]]:
    """The manifest's list of bundles (paths as in :func:`browser_bundles`), with each check's version."""
    return {
        "checks": {cid: {"version": c["version"], "bundle": f"checks/{cid}.json"} for cid, c in catalog.raw_checks.items()},
        "tools": {tid: {"bundle": f"tools/{tid}.json"} for tid in catalog.tools},
        "quizzes": {m.quiz: {"bundle": f"quizzes/{m.quiz}.json"} for m in (catalog.learning.modules if catalog.learning else ())},
    }


def bundle_key_dates(catalog: Catalog, check_id: str) -> dict[str, Any] | None:
    """The JSON-ready dated obligations for the check that asks about regions (None for other checks)."""
    t = catalog.timeline
    if t is None or t.region_check != check_id:
        return None
    links = catalog.links()
    return {
        "question": t.region_question,
        "obligations": [
            {
                "id": o.id, "title": o.title, "jurisdiction": o.jurisdiction, "regions": list(o.regions),
                "date": o.date,
                "source": {"id": o.source, "title": catalog.sources[o.source].title, "url": catalog.sources[o.source].url},
                "practices": [{"id": p, "title": links[p].title, "url": links[p].url} for p in o.practices],
            }
            for o in t.obligations
        ],
    }
