"""How soon a check says its engine could not start, when the runtime's download is blocked (goal: within 2 s of
the blocked request). A figure, not a test: the browser tier asserts the signals (the notice, the kept answers),
never the time, which a loaded machine stretches (tests/browser/test_trust.py)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

GOAL_MS = 2000
WASM = "**/pyodide.asm.wasm"
FAILED_AT = """(() => {
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target.dataset && change.target.dataset.candorState === "failed" && !window.__candorFailedAt) {
        window.__candorFailedAt = Date.now();
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-candor-state"] });
})();"""


def _aborting(aborted: list[float]) -> Callable[[Any], None]:
    """A route handler that aborts the request and notes when. One parameter: Playwright passes a handler with
    two the request as its second (which a default argument would have taken, as it did here before)."""

    def abort(route: Any) -> None:
        aborted.append(time.time() * 1000)
        route.abort()

    return abort


def blocked_runtime(browser: Any, page_url: str, runs: int) -> dict[str, Any]:
    """Milliseconds from the first aborted runtime request to the page's "failed" state, over fresh contexts."""
    delays: list[float] = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(FAILED_AT)
        page = context.new_page()
        aborted: list[float] = []
        page.route(WASM, _aborting(aborted))
        page.goto(page_url + "?candor-boot=plain")
        page.wait_for_selector('[data-candor-state="failed"]', timeout=120_000)
        delays.append(page.evaluate("window.__candorFailedAt") - aborted[0])
        context.close()
    median = statistics.median(delays)
    return {"median": round(median), "max": round(max(delays)), "goal": GOAL_MS, "within_goal": median <= GOAL_MS, "runs": delays}
