"""A check's registered migrations, checked as a chain: every earlier version of its answers reaches the current one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def registered_migrations(raw: Mapping[str, Any], fail: Callable[[str], Exception]) -> tuple[Mapping[str, Any], ...]:
    """The registered migrations: every earlier version is brought forward by exactly one link, which may skip
    versions the check never had (version 3 unified the checks' versions: a check at 1 goes straight to 3)."""
    migrations = tuple(raw.get("migrations", ()))
    for m in migrations:
        if not m["from"] < m["to"] <= int(raw["version"]):
            raise fail(f"the migration from {m['from']} to {m['to']} does not lead forward to version {raw['version']}")
    version = 1
    while version < int(raw["version"]):
        links = [m for m in migrations if m["from"] == version]
        if len(links) != 1:
            raise fail(f"answers saved with version {version} cannot be brought forward: register exactly one migration "
                       f"from {version}")
        version = links[0]["to"]
    return migrations
