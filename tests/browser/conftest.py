"""Browser tests: Playwright drives Debian's Chromium against the built site, served on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium; None falls back to Playwright's own browser where a user has installed one."""
    for candidate in (os.environ.get("CANDOR_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    path = chromium_path()
    if path:
        args["executable_path"] = path
    return args


READY_TIMEOUT = 90_000  # Pyodide starts in about 5 s here; leave room for a loaded CI machine


def wait_ready(page: Any, widget: str = "[data-candor-check]") -> None:
    page.wait_for_selector(f'{widget}[data-candor-state="ready"]', timeout=READY_TIMEOUT)
