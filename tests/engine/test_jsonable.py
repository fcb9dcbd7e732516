"""The one JSON conversion of engine results (candor.util.jsonable)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import pytest
from candor.util.jsonable import plain, plain_object


@dataclass(frozen=True)
class Inner:
    ids: tuple[str, ...]
    share: float | None


@dataclass(frozen=True)
class Outer:
    name: str
    parts: tuple[Inner, ...]
    extra: dict[str, tuple[int, ...]]
    flag: bool = False


def test_dataclasses_tuples_and_dicts_become_json_values() -> None:
    value = Outer("a", (Inner(("x", "y"), 0.5), Inner((), None)), {"k": (1, 2)})
    out = plain_object(value)
    assert out == {"name": "a", "parts": [{"ids": ["x", "y"], "share": 0.5}, {"ids": [], "share": None}],
                   "extra": {"k": [1, 2]}, "flag": False}
    assert json.loads(json.dumps(out)) == out  # survives a round trip unchanged: nothing tuple-shaped is left


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_float_json_cannot_carry_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="cannot be written as JSON"):
        plain(Inner(("x",), bad))


def test_a_value_that_is_not_json_is_refused() -> None:
    with pytest.raises(TypeError, match="set is not a JSON value"):
        plain({"a": {1, 2}})
    with pytest.raises(TypeError, match="is not an object"):
        plain_object(("a",))
