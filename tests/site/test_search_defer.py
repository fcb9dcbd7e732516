"""widgets/sitebuild/search_defer.py on Material's config block and index, and what it refuses."""

from __future__ import annotations

import json
import sys

import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild.search_defer import SearchDeferError, defer_search_index, split_index


def page(config: dict[str, object]) -> str:
    return f'<html><body><p>"search": "x"</p><script id="__config" type="application/json">{json.dumps(config)}</script></body></html>'


def config_of(html: str) -> dict[str, object]:
    return json.loads(html.split('type="application/json">')[1].split("</script>")[0])


@pytest.mark.parametrize("root", ["", "../", "../../", "/", "/docs/"])  # "/": 404.html, at any depth
def test_the_worker_is_replaced_by_the_wrapper_with_materials_file_name(root: str) -> None:
    before = {"base": root or ".", "search": f"{root}assets/javascripts/workers/search.a7633da7.min.js", "tags": None}
    after = defer_search_index(page(before))
    assert config_of(after) == {**before, "search": f"{root}assets/candor/js/search-after-engine.js#search.a7633da7.min.js"}
    assert after.startswith('<html><body><p>"search": "x"</p>')  # nothing outside the config changes


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<html><body></body></html>", id="no-config"),
        pytest.param(page({"search": "https://cdn.example/search.js"}), id="another-host"),
        pytest.param(page({"search": "assets/javascripts/workers/search.js?x=1"}), id="not-materials-file"),
        pytest.param(page({"base": "."}), id="no-search"),
    ],
)
def test_an_unexpected_config_fails_the_build(html: str) -> None:
    with pytest.raises(SearchDeferError):
        defer_search_index(html)


def test_material_gets_the_config_and_no_pages_and_the_full_index_is_kept_as_it_was() -> None:
    full = json.dumps({"config": {"lang": ["en"], "fields": {"terms": {"boost": 2000}}},
                       "docs": [{"location": "", "title": "Home", "text": "<p>Welcome</p>"}]})
    stub, kept = split_index(full)
    assert json.loads(stub) == {"config": {"lang": ["en"], "fields": {"terms": {"boost": 2000}}}, "docs": []}
    assert kept == full


@pytest.mark.parametrize("index", ['{"docs": []}', '{"config": {}}', '{"config": [], "docs": []}', "[]"])
def test_an_index_of_another_shape_fails_the_build(index: str) -> None:
    with pytest.raises(SearchDeferError):
        split_index(index)
