"""Page-to-ready times of the engine's boot, cold (fresh context), warm (persistent profile) and on a throttled
link, each set of variants measured interleaved (one of each per round, the order rotating), so that drift in a
shared machine's load falls on all of them alike. The floor is a bare page that only calls loadPyodide()."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
document.body.dataset.readyAt = String(Math.round(performance.now()));
</script>"""



Target = tuple[str, str, str]  # url, selector that appears when ready, attribute holding the ready time


def rotated(names: list[str], round_: int) -> list[str]:
    """One of each per round, starting one further each time, so that drift in the machine's load falls alike."""
    k = round_ % len(names)
    return names[k:] + names[:k]


# Where a check page's boot spent its time, on the page's clock (navigation start = 0): when the engine's worker
# was created, when its code began to run, when it started Python, when the engine was ready in the worker, and
# when the page showed the first result (the worker's own clock, reported with its ready message, is shifted by
# the two clocks' origins).
PHASES = """() => import("/assets/candor/js/engine.mjs").then((m) => {
  const timing = m.getEngine().info?.info?.timing;
  if (!timing) return null;
  const created = timing.origin - performance.timeOrigin;
  return { worker_created: created, worker_running: created + timing.evaluated_ms, python_started: created + timing.python_ms,
           engine_ready: created + timing.ready_ms,
           page_ready: Number(document.querySelector("[data-candor-check]").dataset.candorReadyAt) };
})"""


def cold(browser: Any, targets: dict[str, Target], runs: int,
         phases: dict[str, list[dict[str, float]]] | None = None) -> dict[str, list[float]]:
    """Fresh-context page loads, interleaved; a check page's boot phases (PHASES) go into ``phases`` when given."""
    times: dict[str, list[float]] = {name: [] for name in targets}
    for round_ in range(runs):
        for name in rotated(list(targets), round_):
            url, selector, attribute = targets[name]
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(selector, timeout=120_000, state="attached")
            times[name].append(float(page.get_attribute(selector, attribute) or 0))
            if phases is not None and (found := page.evaluate(PHASES) if "candor" in selector else None):
                phases.setdefault(name, []).append(found)
            context.close()
    return times


def phase_medians(phases: dict[str, list[dict[str, float]]]) -> dict[str, dict[str, float]]:
    """The median of each boot phase per target, in milliseconds from navigation start."""
    return {name: {key: round(statistics.median(run[key] for run in runs)) for key in runs[0]}
            for name, runs in phases.items() if runs}


def launch_kwargs() -> dict[str, Any]:
    kwargs: dict[str, Any] = {"args": CHROMIUM_ARGS}
    if chromium_path():
        kwargs["executable_path"] = chromium_path()
    return kwargs


def warm(playwright: Any, targets: dict[str, Target], runs: int) -> dict[str, list[float]]:
    """Second and later visits with a persistent profile per target (HTTP cache and wasm code cache kept),
    interleaved."""
    times: dict[str, list[float]] = {name: [] for name in targets}

    def visit(profile: str, url: str, selector: str, attribute: str) -> float:
        context = playwright.chromium.launch_persistent_context(profile, **launch_kwargs())
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(selector, timeout=120_000, state="attached")
        ready_at = float(page.get_attribute(selector, attribute) or 0)
        context.close()
        return ready_at

    with tempfile.TemporaryDirectory() as tmp:
        profiles = {name: str(Path(tmp) / str(i)) for i, name in enumerate(targets)}
        for name, (url, selector, _) in targets.items():  # the first visit fills the caches
            context = playwright.chromium.launch_persistent_context(profiles[name], **launch_kwargs())
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(selector, timeout=120_000, state="attached")
            page.wait_for_load_state("networkidle")  # lets the low-priority snapshot prefetch finish
            page.wait_for_timeout(2500)
            context.close()
        for round_ in range(runs):
            for name in rotated(list(targets), round_):
                times[name].append(visit(profiles[name], *targets[name]))
    return times


def throttled(browser: Any, urls: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Cold first visits at 10 Mbit/s and 40 ms RTT (Chromium network emulation), interleaved."""
    times: dict[str, list[float]] = {name: [] for name in urls}
    for round_ in range(runs):
        for name in rotated(list(urls), round_):
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 5_000_000 / 8,
            })
            page.goto(urls[name])
            page.wait_for_selector('[data-candor-state="ready"]', timeout=180_000)
            times[name].append(float(page.get_attribute("[data-candor-check]", "data-candor-ready-at") or 0))
            context.close()
    return times
