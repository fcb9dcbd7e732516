"""Parity: every golden case gives the same result in the page's worker (Pyodide) as on the host (CPython)."""

from __future__ import annotations

from typing import Any

import pytest
from candor import __version__
from candor.bridge import ENGINE_DIGEST
from candor.bundle import LoadedCheck
from candor.evaluate import evaluate
from playwright.sync_api import Page

from ..conftest import golden_cases
from .conftest import wait_ready

pytestmark = pytest.mark.browser

CASES = golden_cases()


@pytest.mark.parametrize("boot", ["plain", "snapshot"])
def test_parity_with_the_host_engine(page: Page, site_url: str, loaded: dict[str, LoadedCheck], boot: str) -> None:
    """Every golden case gives an identical result in the page's worker (Pyodide, booted either way) and on the host."""
    page.goto(site_url + f"checks/disclosure/?candor-boot={boot}")
    wait_ready(page)
    assert page.get_attribute("[data-candor-check]", "data-candor-boot") == boot
    info = page.evaluate(
        """async (module) => (await import(module)).getEngine().info.info""", site_url + "assets/candor/js/engine.mjs"
    )
    assert (info["engine_version"], info["engine_digest"]) == (__version__, ENGINE_DIGEST)
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
