"""Fixtures for the engine tests that run the command line many times in one process."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from candor import cli


@pytest.fixture(scope="module")
def cli_content_cached() -> Iterator[None]:
    """The command compiles the content on every run (half a second); compile it once for the module instead.
    Everything after it (reading the input, scoring, every output) runs as it does for a user."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("read_catalog", "raw_checks", "load_schemas"):
            patch.setattr(cli, name, functools.cache(getattr(cli, name)))
        yield
