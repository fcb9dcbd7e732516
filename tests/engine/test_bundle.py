"""Browser bundles: each check carries only the practices it links, and loads back to the same questionnaire."""

from __future__ import annotations

import json
from typing import Any

from candor.checks.loaded import load_bundle
from candor.compiler.bundle import browser_bundles, bundle_index, make_bundle
from candor.compiler.catalog import Catalog


def test_a_check_bundle_links_exactly_the_practices_its_questions_name(catalog: Catalog) -> None:
    for cid, raw in catalog.raw_checks.items():
        bundle = make_bundle(catalog, raw, catalog.answers_schema)
        named = {p for q in raw["questions"] for p in q.get("practices", [])}
        assert set(bundle["practices"]) == named, cid
        assert list(bundle["practices"]) == sorted(named), cid


def test_a_bundle_survives_json_and_loads_to_the_catalogue_questionnaire(catalog: Catalog) -> None:
    for cid, raw in catalog.raw_checks.items():
        bundle = json.loads(json.dumps(make_bundle(catalog, raw, catalog.answers_schema)))
        loaded = load_bundle(bundle)
        assert loaded.questionnaire == catalog.checks[cid], cid
        assert loaded.links == {p: catalog.links()[p] for p in bundle["practices"]}, cid
        assert loaded.answers_schema == catalog.answers_schema


def test_a_bundle_without_a_practice_a_question_needs_does_not_load(catalog: Catalog) -> None:
    cid, raw = next((c, r) for c, r in catalog.raw_checks.items()
                    if any(q.get("practices") for q in r["questions"]))
    bundle: dict[str, Any] = make_bundle(catalog, raw, catalog.answers_schema)
    bundle["practices"].popitem()
    try:
        load_bundle(bundle)
    except ValueError as err:
        assert cid in str(err)
    else:
        raise AssertionError("a bundle missing a practice loaded")


def test_the_index_lists_every_bundle_made(catalog: Catalog) -> None:
    bundles = browser_bundles(catalog)
    index = bundle_index(catalog)
    listed = {entry["bundle"] for kind in index.values() for entry in kind.values()}
    assert listed == set(bundles)
    for cid, entry in index["checks"].items():
        assert entry["version"] == catalog.checks[cid].version

