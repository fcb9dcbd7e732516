"""Browser tests: Playwright drives Debian's Chromium against the built site, served on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

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

# Assertions wait for a state (a verdict, a notice, a prompt); Playwright's default 5 s bound on that wait was met by
# a loaded 2-core machine running the suite on two processes. A passing assertion returns as soon as its state is
# there, so a longer bound costs nothing; it only lets a slow machine finish what it was doing.
expect.set_options(timeout=20_000)


def wait_ready(page: Any, widget: str = "[data-candor-check]") -> None:
    page.wait_for_selector(f'{widget}[data-candor-state="ready"]', timeout=READY_TIMEOUT)


def refuse_saving(page: Any, key: str) -> None:
    """From the next load on, this browser's storage is full for ``key`` (a quota error), and only for it."""
    page.add_init_script(f"""(() => {{
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {{
        if (key === "{key}") throw new DOMException("Quota exceeded", "QuotaExceededError");
        return setItem.call(this, key, value);
      }};
    }})()""")
