"""A golden snapshot of every check's method: each question's options with their score and flag level, each area's
weight and floors, the verdict levels with their thresholds and caps, and when each question is shown.

The snapshot is made from the compiled checks (the bundles the browser and the CLI load), so a change in
content/checks/*.yml that changes what a score or a flag means (a red flag turned amber, a weight, a floor, a
threshold, a condition) fails here as a list of what changed. When the change is intended, regenerate the copy
and review the diff before committing:

    CANDOR_UPDATE_GOLDENS=1 ./scripts/test tests/content/test_method_snapshot.py
    git diff tests/golden_method/
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from candor.checks.loaded import LoadedCheck
from candor.model.conditions import notation
from candor.model.questionnaire import Question, Questionnaire

from ..conftest import ROOT

SNAPSHOT = ROOT / "tests" / "golden_method" / "checks.json"
UPDATE = os.environ.get("CANDOR_UPDATE_GOLDENS") == "1"


def _number(x: float | None) -> float | int | None:
    """Whole numbers as integers, so the copy reads like the YAML (``weight: 3``, not ``3.0``)."""
    return int(x) if x is not None and float(x).is_integer() else x


def _question(q: Question) -> dict[str, Any]:
    return {
        "area": q.area, "type": q.type, "weight": _number(q.weight), "na": q.na,
        "show_if": None if q.show_if is None else notation(q.show_if),
        "options": {o.id: {"score": _number(o.score), "flag": o.flag.level if o.flag else None} for o in q.options},
    }  # fmt: skip


def method(q: Questionnaire) -> dict[str, Any]:
    """What decides one check's verdict, in the order the data gives it."""
    return {
        "version": q.version,
        "judge_from": _number(q.judge_from),
        "verdicts": {v.id: {"tone": v.tone, "min_score": _number(v.min_score), "cap": v.cap} for v in q.verdicts},
        "areas": {a.id: {"weight": _number(a.weight), "floor": _number(a.floor), "hard_floor": _number(a.hard_floor)}
                  for a in q.areas},
        "questions": {x.id: _question(x) for x in q.questions},
    }


def snapshot(loaded: Mapping[str, LoadedCheck]) -> dict[str, Any]:
    return {cid: method(loaded[cid].questionnaire) for cid in sorted(loaded)}


def _leaf(value: Any) -> bool:
    return not isinstance(value, dict | list) or not any(isinstance(v, dict | list) for v in (
        value.values() if isinstance(value, dict) else value))


def dump(value: Any, indent: str = "") -> str:
    """JSON with one line per option, area and verdict (a changed level is a one-line diff), and a question's plain
    fields on one line above its options."""
    if _leaf(value):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    inner = indent + "  "
    plain = {k: v for k, v in value.items() if not isinstance(v, dict | list)}
    nested = {k: v for k, v in value.items() if isinstance(v, dict | list)}
    lines = [inner + dump(plain)[1:-1]] if plain else []
    lines += [f"{inner}{json.dumps(k)}: {dump(v, inner)}" for k, v in nested.items()]
    return "{\n" + ",\n".join(lines) + f"\n{indent}}}"


def flat(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf by its path (``prelaunch/questions/tr-disclose/options/no/flag``), for a readable failure."""
    if isinstance(value, dict) and value:
        return {k: v for key, item in value.items() for k, v in flat(item, f"{path}/{key}" if path else key).items()}
    return {path: value}


def test_every_checks_flags_levels_and_thresholds_match_the_reviewed_snapshot(loaded: dict[str, LoadedCheck]) -> None:
    actual = snapshot(loaded)
    text = dump(actual) + "\n"
    if UPDATE:
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.is_file(), f"no snapshot {SNAPSHOT.name}: run with CANDOR_UPDATE_GOLDENS=1 and review it"
    reviewed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert flat(actual) == flat(reviewed), "the checks' method changed: see the module docstring to review and regenerate"
    assert text == SNAPSHOT.read_text(encoding="utf-8"), "same method, but the copy is not as the test writes it"


def test_the_snapshot_reads_back_as_the_data_it_was_made_from(loaded: dict[str, LoadedCheck]) -> None:
    """The writer loses nothing: a red flag, a score of 0.5 and a condition come back as they went in."""
    data = snapshot(loaded)
    assert json.loads(dump(data)) == data
    options = [o for check in data.values() for q in check["questions"].values() for o in q["options"].values()]
    assert {o["flag"] for o in options} == {None, "amber", "red"}
    assert any(isinstance(o["score"], float) for o in options)
    assert any(q["show_if"] for check in data.values() for q in check["questions"].values())
