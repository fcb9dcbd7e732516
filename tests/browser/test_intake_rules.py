"""The intake rules a widget applies before the engine runs are the engine's, read from what the build publishes:
JSON nesting counted as the engine counts it (store.mjs jsonDepth against candor.intake.decode.json_depth) and
held to the engine's MAX_JSON_DEPTH, exactly at the limit and one past it."""

from __future__ import annotations

import json

import pytest
from candor.intake.decode import MAX_JSON_DEPTH, json_depth
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
PAGE = "checks/disclosure/"

DEPTHS_IN_PAGE = """async ({ storeUrl, texts }) => {
  const { jsonDepth, parseBounded } = await import(storeUrl);
  const widget = document.querySelector("[data-candor-check]");
  return texts.map((text) => [jsonDepth(text), parseBounded(text, widget) !== null]);
}"""


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


TEXTS = [
    "", "1", "[]", "{}", '{"a": [1, {"b": [2, 3]}]}', '"[[["', '["[", "]", "{"]', r'["\"[", "\\", "]]"]',
    '{"k\\"[": {"\\\\": [[]]}}', json.dumps({"made": ["chatbot"], "note": "[{" * 40}), nested(MAX_JSON_DEPTH),
    nested(MAX_JSON_DEPTH + 1), "]]][[[", json.dumps({"a": nested(MAX_JSON_DEPTH + 5)}),
]


def test_the_page_counts_nesting_as_the_engine_does_and_holds_it_to_the_engines_limit(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE)
    seen = page.evaluate(DEPTHS_IN_PAGE, {"storeUrl": site_url + "assets/candor/js/store.mjs", "texts": TEXTS})
    assert [depth for depth, _ in seen] == [json_depth(text) for text in TEXTS]
    parsed = dict(zip(TEXTS, (ok for _, ok in seen), strict=True))
    assert parsed[nested(MAX_JSON_DEPTH)] is True  # exactly at the limit: read
    assert parsed[nested(MAX_JSON_DEPTH + 1)] is False  # one past it: refused before JSON.parse
