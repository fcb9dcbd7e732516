"""The one conversion of engine results to JSON values, the same on the host and in the browser."""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass
from typing import Any


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dicts as plain JSON values (lists, not tuples), without ``asdict``'s deep copies.

    A float that JSON cannot carry (NaN or an infinity) is a bug upstream: it raises ``ValueError``.
    """
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} cannot be written as JSON")
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def plain_object(value: Any) -> dict[str, Any]:
    """:func:`plain` of a dataclass: a JSON object."""
    out = plain(value)
    if not isinstance(out, dict):
        raise TypeError(f"{type(value).__name__} is not an object")
    return out
