"""The content compiler: one schema registry, one path to the Catalog, and `candor validate` over all of it.

The broken-content cases run the real command on a copy of content/ with one mistake, chosen with the CLI's
--content option or with CANDOR_CONTENT, and check that the message names the file and the id."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from candor.cli import main
from candor.compiler.bundle import browser_bundles, bundle_index
from candor.compiler.catalog import ContentError
from candor.compiler.compile import SCHEMAS, compile_catalog
from candor.compiler.content_files import read_content

from ..conftest import CONTENT
from ..content_edits import edit


def validate_output(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "validate"])
    out = capsys.readouterr()
    return code, out.out, out.err


class TestValidateCoversAllContent:
    def test_the_published_content_is_valid_and_every_kind_is_counted(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = validate_output(capsys, "--content", str(CONTENT))
        assert (code, err) == (0, "")
        for kind in ("themes", "practices", "sources", "glossary terms", "checks", "tools", "kit templates",
                     "learning modules", "quizzes", "the facilitator kit"):
            assert kind in out, kind

    def test_a_broken_quiz_names_the_file_and_the_question(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        def two_best(d: dict[str, Any]) -> None:
            for o in d["questions"][0]["options"]:
                o["best"] = True

        edit(content / "quizzes/foundations.yml", two_best)
        code, out, err = validate_output(capsys, "--content", str(content))
        assert (code, out) == (2, "")
        assert "quizzes/foundations.yml: quiz 'foundations' question 'chatbot-persona': needs exactly one best option" in err

    def test_a_broken_learning_module_names_the_file_and_the_module(
        self, content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        edit(content / "learning.yml", lambda d: d["modules"][1]["practices"].__setitem__(0, "ZZ-01"))
        monkeypatch.setenv("CANDOR_CONTENT", str(content))
        code, out, err = validate_output(capsys)
        assert (code, out) == (2, "")
        assert "learning.yml: module 'data-privacy' lists unknown practice 'ZZ-01'" in err

    def test_a_broken_tool_names_the_file_and_the_tool(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        edit(content / "tools/bias-audit.yml", lambda d: d["practices"].append("ZZ-99"))
        code, out, err = validate_output(capsys, "--content", str(content))
        assert (code, out) == (2, "")
        assert "tools/bias-audit.yml: tool 'bias-audit' links unknown practice id(s): ZZ-99" in err

    def test_a_tool_that_breaks_its_schema_names_the_file_and_the_field(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        edit(content / "tools/bias-audit.yml", lambda d: d.pop("decisions"))
        code, _, err = validate_output(capsys, "--content", str(content))
        assert code == 2 and "tools/bias-audit.yml: " in err and "decisions" in err

    def test_a_broken_facilitator_kit_names_the_file(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        extra = {"no-such-question": {"answer": "x", "why": "The brief says nothing about it."}}
        edit(content / "facilitator.yml", lambda d: d["answers"].update(extra))
        code, _, err = validate_output(capsys, "--content", str(content))
        assert code == 2 and "facilitator.yml: answers unknown question 'no-such-question'" in err

    def test_a_yaml_error_names_the_file_with_its_folder(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (content / "quizzes/creative.yml").write_text("id: [unclosed\n", encoding="utf-8")
        code, _, err = validate_output(capsys, "--content", str(content))
        assert code == 2 and "quizzes/creative.yml: not valid YAML" in err


class TestOneRegistryOnePath:
    def test_every_schema_file_is_in_the_registry(self) -> None:
        assert sorted(SCHEMAS) == sorted(p.name.removesuffix(".schema.json") for p in (CONTENT / "schema").glob("*.schema.json"))

    def test_compiling_reads_nothing_from_disk(self, content: Path) -> None:
        """The compiler works on parsed data only: the same Content compiles after the folder is gone."""
        parsed = read_content(content)
        shutil.rmtree(content)
        catalog = compile_catalog(parsed)
        assert catalog.learning is not None and catalog.facilitator is not None
        assert set(catalog.raw_checks) == set(catalog.checks)

    def test_problems_are_all_reported_together(self) -> None:
        parsed = read_content(CONTENT)
        themes = replace(parsed, quizzes=[(n, {**d, "title": ""}) for n, d in parsed.quizzes][:2])
        with pytest.raises(ContentError) as info:
            compile_catalog(themes)
        found = info.value.problems
        assert sum(p.endswith("title: must be at least 5 characters long") or ".yml: title" in p for p in found) >= 2, found
        assert any("is not used by any module" in p or "links unknown quiz" in p for p in found), found

    def test_the_facilitator_kit_is_scored_only_on_otherwise_valid_content(self) -> None:
        parsed = read_content(CONTENT)
        broken = replace(parsed, glossary=(parsed.glossary[0], {"terms": "not a list"}))
        with pytest.raises(ContentError) as info:
            compile_catalog(broken)
        assert all(not p.startswith("facilitator.yml") for p in info.value.problems)


class TestBundles:
    def test_one_bundle_for_every_check_tool_and_quiz_and_the_manifest_lists_them(self) -> None:
        from candor.compiler.content_files import read_catalog

        catalog = read_catalog(CONTENT)
        bundles = browser_bundles(catalog)
        assert catalog.learning is not None
        expected = {f"checks/{c}.json" for c in catalog.checks} | {f"tools/{t}.json" for t in catalog.tools} | {
            f"quizzes/{m.quiz}.json" for m in catalog.learning.modules
        }
        assert set(bundles) == expected
        index = bundle_index(catalog)
        assert {e["bundle"] for kind in index.values() for e in kind.values()} == expected
        assert {c: e["version"] for c, e in index["checks"].items()} == {c: q.version for c, q in catalog.checks.items()}
