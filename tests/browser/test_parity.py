"""Parity: every golden case gives the same result in the page's worker (Pyodide) as on the host (CPython)."""

from __future__ import annotations

from typing import Any

import pytest
from candor.bundle import LoadedCheck
from candor.evaluate import evaluate
from playwright.sync_api import Page

from ..conftest import golden_cases
from .conftest import wait_ready

pytestmark = pytest.mark.browser

CASES = golden_cases()


def test_parity_with_the_host_engine(page: Page, site_url: str, loaded: dict[str, LoadedCheck]) -> None:
    """Every golden case gives an identical result in the page's worker (Pyodide) and on the host (CPython)."""
    page.goto(site_url + "checks/disclosure/")
    wait_ready(page)
    for name, case in CASES:
        check_id = case["answers"]["questionnaire"]
        browser: dict[str, Any] = page.evaluate(
            """async ([module, check, answers]) => {
                const { getEngine } = await import(module);
                const engine = getEngine();
                const loaded = await engine.load(check);
                if (!loaded.ok) return loaded;
                return engine.call({ op: "evaluate", check, answers });
            }""",
            [site_url + "assets/candor/js/engine.mjs", check_id, case["answers"]["answers"]],
        )
        assert browser["ok"], (name, browser)
        check = loaded[check_id]
        host = evaluate(check.questionnaire, check.links, case["answers"]["answers"]).to_json()
        # JavaScript has one number type (40.0 arrives as 40); Python's == compares the values.
        assert browser["result"] == host, name
