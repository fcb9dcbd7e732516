"""Reading the content folder: where it is, YAML errors naming the file, and a clear refusal of a wrong folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from candor.compiler.catalog import ContentError
from candor.compiler.compile import SCHEMAS
from candor.compiler.content_files import default_content_dir, load_schemas, load_yaml, parse_yaml, raw_checks, read_content

from ..conftest import CONTENT


def test_candor_content_overrides_the_default_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CANDOR_CONTENT", str(tmp_path))
    assert default_content_dir() == tmp_path
    monkeypatch.setenv("CANDOR_CONTENT", "")
    assert (default_content_dir() / "themes.yml").is_file()


def test_parse_yaml_is_safe() -> None:
    assert parse_yaml("a: [1, two]\n") == {"a": [1, "two"]}
    with pytest.raises(Exception, match="python/object"):
        parse_yaml("!!python/object/apply:os.system ['true']\n")


def test_a_yaml_error_names_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_yaml(path, "checks/broken.yml")
    assert len(err.value.problems) == 1 and err.value.problems[0].startswith("checks/broken.yml: not valid YAML")
    with pytest.raises(ContentError) as err:
        load_yaml(path)
    assert err.value.problems[0].startswith("broken.yml: ")


def test_a_folder_without_themes_is_not_content(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as err:
        read_content(tmp_path)
    assert "themes.yml" in str(err.value) and str(tmp_path) in str(err.value)


def test_raw_checks_are_keyed_by_their_own_id() -> None:
    checks = raw_checks(CONTENT)
    files = sorted((CONTENT / "checks").glob("*.yml"))
    assert len(checks) == len(files)
    assert all(cid == data["id"] for cid, data in checks.items())


def test_every_registered_schema_is_loaded_as_json() -> None:
    schemas = load_schemas(CONTENT)
    assert set(schemas) == set(SCHEMAS)
    assert all(isinstance(s, dict) and s for s in schemas.values())


def test_read_content_reads_every_folder() -> None:
    content = read_content(CONTENT)
    assert [name for name, _ in content.practices] == [
        f"practices/{p.name}" for p in sorted((CONTENT / "practices").glob("*.yml"))]
    assert content.timeline is not None and content.timeline[0] == "timeline.yml"
