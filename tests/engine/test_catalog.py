"""The catalogue's typed views: page URLs, practice links with their kit templates, and lookups by theme and source."""

from __future__ import annotations

from candor.compiler.catalog import Catalog, ContentError
from candor.model.links import PracticeLink, TemplateLink, page_url


def test_page_url_follows_mkdocs_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("guidance/index.md") == "guidance/"
    assert page_url("guidance/bias.md") == "guidance/bias/"
    assert page_url("reindex.md") == "reindex/"  # only a whole "index" name is the folder's page


def test_practice_link_round_trips_through_json() -> None:
    link = PracticeLink("AA-01", "Title", "guidance/x/#AA-01", (TemplateLink("t1", "Template", "kit/t1/"),))
    assert PracticeLink.from_json(link.to_json()) == link
    bare = PracticeLink("AA-01", "Title", "u")
    assert bare.to_json()["templates"] == []
    assert PracticeLink.from_json({"id": "AA-01", "title": "Title", "url": "u"}) == bare


def test_links_cover_every_practice_with_its_templates(catalog: Catalog) -> None:
    links = catalog.links()
    assert set(links) == set(catalog.practices)
    for pid, link in links.items():
        assert (link.title, link.url) == (catalog.practices[pid].title, catalog.practices[pid].url)
        assert {t.id for t in link.templates} == {t.id for t in catalog.templates.values() if pid in t.practices}
    assert any(link.templates for link in links.values())


def test_practices_of_a_theme_partition_the_practices(catalog: Catalog) -> None:
    seen = [p.id for t in catalog.themes for p in catalog.practices_of(t.id)]
    assert sorted(seen) == sorted(catalog.practices)
    for t in catalog.themes:
        assert catalog.theme(t.id) is t
        assert all(p.theme == t.id for p in catalog.practices_of(t.id))


def test_citing_finds_exactly_the_practices_that_map_a_source(catalog: Catalog) -> None:
    for sid in catalog.sources:
        citing = {p.id for p in catalog.citing(sid)}
        assert citing == {p.id for p in catalog.practices.values() if sid in {m.source for m in p.mappings}}
    assert any(catalog.citing(sid) for sid in catalog.sources)
    assert catalog.citing("no-such-source") == []


def test_content_error_lists_every_problem() -> None:
    err = ContentError(["a.yml: one", "b.yml: two"])
    assert err.problems == ["a.yml: one", "b.yml: two"]
    assert "a.yml: one" in str(err) and "b.yml: two" in str(err)
