"""Responsiveness once the engine is ready: the score round trip through the worker and the time from the last
answer to the updated result on the page (p50/p95)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEARCH_READY = "() => !/Initializing search/.test(document.querySelector('.md-search-result__meta').textContent)"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


ROUND_TRIP = """async ([module, check, answers, calls]) => {
  const { getEngine } = await import(module);
  const engine = getEngine();
  await engine.load(check);
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await engine.call({ op: "evaluate", check, answers });
    times.push(performance.now() - t0);
  }
  return times;
}"""

ANSWER_TO_RESULT = """async ([selectorA, selectorB, rounds]) => {
  const widget = document.querySelector("[data-candor-check]");
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const input = document.querySelector(i % 2 ? selectorA : selectorB);
    const before = widget.dataset.candorUpdates;
    const t0 = performance.now();
    input.click();
    await new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (widget.dataset.candorUpdates !== before) { obs.disconnect(); resolve(); }
      });
      obs.observe(widget, { attributes: true, attributeFilter: ["data-candor-updates"] });
    });
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - t0);
  }
  return times;
}"""


def responsiveness(browser: Any, url: str, widget_page: str, ready: str, check: str, calls: int) -> dict[str, Any]:
    """The score round trip (``calls`` of them, with a golden case's answers) and 60 answer-to-result updates, on
    the check page booted from the snapshot, once Material's search index is built."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(widget_page + "?candor-boot=snapshot")
    page.wait_for_selector(ready, timeout=120_000)
    # Steady state: on the check pages Material builds its search index once the engine is ready (about
    # a second of CPU); wait until its search box stops saying so.
    page.wait_for_function(SEARCH_READY, timeout=120_000)
    golden = sorted((ROOT / "tests" / "golden" / check).glob("*.json"))
    answers = json.loads(golden[0].read_text())["answers"]["answers"] if golden else {}
    trips = page.evaluate(ROUND_TRIP, [f"{url}assets/candor/js/engine.mjs", check, answers, calls])
    out: dict[str, Any] = {}
    out["score_round_trip_ms"] = {"p50": percentile(trips, 0.5), "p95": percentile(trips, 0.95), "calls": len(trips)}
    inputs = page.locator("[data-candor-check] fieldset:not([hidden]) input")
    a, b = (f"#{inputs.nth(i).get_attribute('id')}" for i in (0, 1))
    updates = page.evaluate(ANSWER_TO_RESULT, [a, b, 60])
    out["answer_to_result_ms"] = {"p50": percentile(updates, 0.5), "p95": percentile(updates, 0.95), "rounds": len(updates)}
    context.close()
    return out
