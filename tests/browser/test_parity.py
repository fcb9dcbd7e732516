"""Parity: every golden case gives the same result in the page's worker (Pyodide) as on the host (CPython)."""

from __future__ import annotations

from typing import Any

import pytest
from candor import __version__
from candor.bridge import ENGINE_DIGEST
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.reports.approval import approval
from playwright.sync_api import Page

from ..conftest import golden_answers, golden_cases
from .conftest import wait_ready

pytestmark = pytest.mark.browser

CASES = golden_cases()


@pytest.mark.parametrize("boot", ["plain", "snapshot"])
def test_parity_with_the_host_engine(
    page: Page, site_url: str, loaded: dict[str, LoadedCheck], schemas: dict[str, Any], boot: str
) -> None:
    """Every golden case gives an identical result in the page's worker (Pyodide, booted either way) and on the host;
    a case saved with an older version is brought forward by the worker's import first, with the same notes."""
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
            """async ([module, check, envelope]) => {
                const { getEngine } = await import(module);
                const engine = getEngine();
                const loaded = await engine.load(check);
                if (!loaded.ok) return loaded;
                const read = await engine.call({ op: "read", check, text: JSON.stringify(envelope) });
                if (!read.ok) return read;
                const answers = read.result.envelope.answers;
                return { ...(await engine.call({ op: "evaluate", check, answers })), notes: read.result.notes };
            }""",
            [site_url + "assets/candor/js/engine.mjs", check_id, case["answers"]],
        )
        assert browser["ok"], (name, browser)
        check = loaded[check_id]
        answers, notes = golden_answers(case, check, schemas["answers"])
        result = evaluate(check.questionnaire, check.links, answers)
        host = result.to_json() | {"approval": approval(result).to_json()}  # the page's reply adds the printed summary
        # JavaScript has one number type (40.0 arrives as 40); Python's == compares the values.
        assert (browser["result"], browser["notes"]) == (host, notes), name
