"""Helpers for the tests that break a copy of content/ on purpose (the ``content`` fixture in conftest.py makes
the copy): read a YAML file, change its data in place, and collect what the content compiler reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from candor.compiler.catalog import ContentError
from candor.compiler.content_files import read_catalog


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def edit(path: Path, change: Callable[[Any], object]) -> None:
    """Apply ``change`` to the file's parsed data and write it back (keys in their order, text as UTF-8)."""
    data = load(path)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def problems(root: Path) -> list[str]:
    """What the content compiler (the site build and ``candor validate``) reports for a content folder."""
    with pytest.raises(ContentError) as info:
        read_catalog(root)
    return info.value.problems
