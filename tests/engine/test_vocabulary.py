"""The engine's typed vocabularies are exactly what the content's schemas admit, and every hold cause the verdict
can give is one the vocabulary names (a new one must be added to the type, where mypy then checks its uses)."""

from __future__ import annotations

import json
from pathlib import Path

from candor.model.vocabulary import FLAG_LEVELS, HOLD_CAUSES, TONES

SCHEMAS = Path(__file__).resolve().parents[2] / "content" / "schema"


def test_flag_levels_and_tones_are_the_schemas_enums() -> None:
    check = json.loads((SCHEMAS / "check.schema.json").read_text())
    verdict = check["properties"]["verdicts"]["items"]["properties"]
    flag = check["$defs"]["question"]["properties"]["options"]["items"]["properties"]["flag"]
    assert set(flag["properties"]["level"]["enum"]) == set(FLAG_LEVELS)
    assert set(verdict["cap"]["enum"]) == set(FLAG_LEVELS)
    assert set(verdict["tone"]["enum"]) == set(TONES)
    tool = json.loads((SCHEMAS / "tool.schema.json").read_text())
    assert [set(e) for e in enums(tool, "tone")] == [set(TONES)]


def enums(schema: object, key: str) -> list[list[str]]:
    """Every ``enum`` given for a property named ``key``, anywhere in a schema."""
    found: list[list[str]] = []
    if isinstance(schema, dict):
        for k, v in schema.items():
            if k == key and isinstance(v, dict) and "enum" in v:
                found.append(v["enum"])
            found += enums(v, key)
    elif isinstance(schema, list):
        for v in schema:
            found += enums(v, key)
    return found


def test_the_most_severe_level_comes_first() -> None:
    assert FLAG_LEVELS == ("red", "amber")


def test_every_hold_cause_in_the_verdict_module_is_named() -> None:
    source = (Path(__file__).resolve().parents[2] / "widgets" / "candor" / "checks" / "verdict.py").read_text()
    for cause in HOLD_CAUSES:
        assert f'"{cause}"' in source, f"hold cause {cause!r} is never given"
