"""The stdlib JSON Schema subset agrees with the reference implementation (jsonschema) on our schemas."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from candor.util.schema_check import validate
from hypothesis import given, settings
from hypothesis import strategies as st

from ..conftest import CONTENT

ANSWERS = json.loads((CONTENT / "schema" / "answers.schema.json").read_text())

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8) | st.sampled_from(["na", "yes", "TR-01", "a-b"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    questionnaire=st.one_of(st.sampled_from(["disclosure", "pre-launch"]), json_values),
    version=st.one_of(st.integers(-1, 3), json_values),
    answers=st.one_of(
        st.dictionaries(st.sampled_from(["made", "Made", "a b", "x"]), json_values, max_size=4), json_values
    ),
    extra=st.booleans(),
)
def test_agrees_with_jsonschema_on_answers_files(questionnaire: Any, version: Any, answers: Any, extra: bool) -> None:
    doc: dict[str, Any] = {"questionnaire": questionnaire, "version": version, "answers": answers}
    if extra:
        doc["surprise"] = 1
    ours = not validate(doc, ANSWERS)
    reference = jsonschema.Draft202012Validator(ANSWERS).is_valid(doc)
    assert ours == reference


@pytest.mark.parametrize("name", ["themes", "practices", "sources", "glossary", "check"])
def test_agrees_with_jsonschema_on_content_schemas(name: str) -> None:
    schema = json.loads((CONTENT / "schema" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    import yaml

    files = {
        "themes": [CONTENT / "themes.yml"],
        "glossary": [CONTENT / "glossary.yml"],
        "practices": sorted((CONTENT / "practices").glob("*.yml")),
        "sources": sorted((CONTENT / "sources").glob("*.yml")),
        "check": sorted((CONTENT / "checks").glob("*.yml")),
    }[name]
    for path in files:
        data = yaml.safe_load(path.read_text())
        assert not validate(data, schema), path
        assert jsonschema.Draft202012Validator(schema).is_valid(data), path
        broken = copy.deepcopy(data)
        broken["unexpected"] = True
        assert validate(broken, schema) and not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_problem_names_the_path() -> None:
    found = validate({"questionnaire": "x", "version": 0, "answers": {"q": 3}}, ANSWERS)
    assert [p.path for p in found] == ["version", "answers.q"]
