"""Groups for the bias audit tests, written briefly."""

from __future__ import annotations

from typing import Any

from candor.bias.audit import BiasAuditResult
from candor.bias.input import Group


def groups(*counts: tuple[str, int, int]) -> tuple[Group, ...]:
    return tuple(Group(name, s, t) for name, s, t in counts)


def by_name(result: BiasAuditResult) -> dict[str, dict[str, Any]]:
    return {g["group"]: g for g in result.to_json()["groups"]}
