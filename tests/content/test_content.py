"""Content validation: the published data is valid, and each kind of mistake fails with file and id named."""

from __future__ import annotations

import re
from pathlib import Path

from candor.compiler.catalog import Catalog

from ..conftest import CONTENT
from ..content_edits import edit, load, problems


class TestPublishedContent:
    def test_catalogue_meets_the_coverage_floor(self, catalog: Catalog) -> None:
        live = [p for p in catalog.practices.values() if not p.deprecated]
        assert len(live) >= 45
        assert len({p.theme for p in live}) >= 14

    def test_every_practice_is_sourced_and_actionable(self, catalog: Catalog) -> None:
        for p in catalog.practices.values():
            assert len(p.steps) >= 2, p.id
            assert len(p.evidence) >= 1, p.id
            assert p.mappings, p.id

    def test_every_iab_or_dmi_mapping_points_to_a_listed_document(self, catalog: Catalog) -> None:
        for p in catalog.practices.values():
            for m in p.mappings:
                source = catalog.sources[m.source]
                if source.family in {"iab", "dmi"}:
                    assert source.url.startswith("https://"), (p.id, m.source)

    def test_no_dmi_code_of_ethics_is_claimed(self, catalog: Catalog) -> None:
        for s in catalog.sources.values():
            if s.family == "dmi":
                assert not re.search(r"code of (ethics|conduct)", s.title, re.I), s.id

    def test_no_placeholder_text(self) -> None:
        pattern = re.compile(r"\b(TODO|TBD|lorem ipsum|coming soon)\b", re.I)
        for path in list(CONTENT.rglob("*.yml")) + list((CONTENT.parent / "docs").rglob("*.md")):
            assert not pattern.search(path.read_text()), path


class TestBrokenContentFailsWithFileAndId:
    def test_schema_failure(self, content: Path) -> None:
        edit(content / "practices" / "privacy.yml", lambda d: d["practices"][0].pop("why"))
        assert any(x.startswith("practices/privacy.yml: practices[0].why") for x in problems(content))

    def test_duplicate_id(self, content: Path) -> None:
        first = load(content / "practices" / "privacy.yml")["practices"][0]["id"]
        edit(content / "practices" / "privacy.yml", lambda d: d["practices"][1].update(id=first))
        assert f"practices/privacy.yml: practice id {first!r} is not unique" in problems(content)

    def test_unknown_source(self, content: Path) -> None:
        def change(d: dict) -> None:
            d["practices"][0]["mappings"][0]["source"] = "no-such-source"

        edit(content / "practices" / "bias.yml", change)
        found = problems(content)
        assert any(x.startswith("practices/bias.yml: practice BI-01 maps to unknown source 'no-such-source'") for x in found)

    def test_uncited_source(self, content: Path) -> None:
        def change(d: dict) -> None:
            d["sources"].append({**d["sources"][0], "id": "orphan-doc", "background": False})

        edit(content / "sources" / "core.yml", change)
        assert "sources/core.yml: source 'orphan-doc' is neither cited by a practice nor marked background: true" in problems(content)

    def test_url_must_be_https(self, content: Path) -> None:
        edit(content / "sources" / "core.yml", lambda d: d["sources"][0].update(url="http://example.org/doc"))
        assert any(x.startswith("sources/core.yml: sources[0].url") for x in problems(content))

    def test_check_linking_an_unknown_practice(self, content: Path) -> None:
        edit(content / "bank" / "profile.yml", lambda d: d["questions"][0].update(practices=["ZZ-99"]))
        assert any(x.startswith("bank/profile.yml: question 'profile-channels'") and "ZZ-99" in x for x in problems(content))

    def test_condition_on_a_later_question(self, content: Path) -> None:
        edit(content / "checks" / "disclosure.yml",
             lambda d: d["areas"][0]["questions"].__setitem__(0, {"id": "made", "show_if": {"question": "persona", "in": ["yes"]}}))
        assert any("checks/disclosure.yml" in x and "not an earlier question" in x for x in problems(content))
