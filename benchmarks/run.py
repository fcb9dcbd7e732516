"""Benchmark: prints one JSON document of figures measured against a freshly built site. Not a test.

    .venv/bin/python benchmarks/run.py [--runs 5] [--calls 200] [--out benchmarks/results/latest.json]

Figures: cold page-to-ready for the widget page and for a bare page that only calls loadPyodide() from the
same files (the floor) and their ratio; warm reload-to-ready with a persistent profile; score round trip
through the worker (p50/p95); last answer to updated result on the page (p50/p95); bytes per page (raw and a
gzip estimate); mkdocs build wall time; the CLI's cost for 1 and for 10,000 answer sets.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
document.body.dataset.readyAt = String(Math.round(performance.now()));
</script>"""


class Counter(SimpleHTTPRequestHandler):
    """Static server that counts the bytes it sends per path (identity) and estimates gzip."""

    log: list[tuple[str, int]]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.log.append((self.path.split("?")[0], len(data)))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


def build(site: Path, url: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT, check=True,
                   env={**os.environ, "CANDOR_SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"})
    return round(time.perf_counter() - start, 2)


def gzip_size(site: Path, path: str) -> int:
    file = site / path.lstrip("/")
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0


def transfer(browser: Any, url: str, log: list[tuple[str, int]], site: Path, ready: str | None) -> dict[str, int]:
    log.clear()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    if ready:
        page.wait_for_selector(ready, timeout=120_000)
    page.wait_for_load_state("networkidle")
    context.close()
    raw = sum(n for _, n in log)
    return {"requests": len(log), "bytes": raw, "gzip_estimate": sum(gzip_size(site, p) for p, _ in log),
            "pyodide_bytes": sum(n for p, n in log if "/assets/pyodide/" in p)}


def cold(browser: Any, url: str, selector: str, attribute: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(selector, timeout=120_000)
        times.append(float(page.get_attribute(selector, attribute) or 0))
        context.close()
    return times


def warm(playwright: Any, url: str, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as profile:
        kwargs: dict[str, Any] = {"args": CHROMIUM_ARGS}
        if chromium_path():
            kwargs["executable_path"] = chromium_path()
        context = playwright.chromium.launch_persistent_context(profile, **kwargs)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector('[data-candor-state="ready"]', timeout=120_000)
        page.wait_for_timeout(2500)  # let the code cache settle, as a real second visit would
        context.close()
        for _ in range(runs):
            context = playwright.chromium.launch_persistent_context(profile, **kwargs)
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector('[data-candor-state="ready"]', timeout=120_000)
            times.append(float(page.get_attribute("[data-candor-check]", "data-candor-ready-at") or 0))
            context.close()
    return times


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


def cli_cost(check: str) -> dict[str, float]:
    from candor.bundle import load_bundle, make_bundle
    from candor.content_files import load_schemas, raw_checks, read_catalog
    from candor.evaluate import evaluate

    content = ROOT / "content"
    loaded = load_bundle(make_bundle(read_catalog(content), raw_checks(content)[check], load_schemas(content)["answers"]))
    q = loaded.questionnaire
    rng = random.Random(1)
    sets = []
    for _ in range(10_000):
        answers: dict[str, Any] = {}
        for question in q.questions:
            if question.type == "multi":
                answers[question.id] = sorted(rng.sample([o.id for o in question.options if not o.exclusive], 2))
            else:
                answers[question.id] = rng.choice([o.id for o in question.options])
        sets.append(answers)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump({"questionnaire": q.id, "version": q.version, "answers": sets[0]}, fh)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "candor.cli", "check", check, fh.name, "--format", "json"],
                   check=True, capture_output=True)
    one = time.perf_counter() - start
    os.unlink(fh.name)
    start = time.perf_counter()
    for answers in sets:
        evaluate(q, loaded.links, answers)
    many = time.perf_counter() - start
    return {"cli_process_1_set_s": round(one, 3), "engine_10000_sets_s": round(many, 3),
            "engine_per_set_ms": round(many / 10_000 * 1000, 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--check", default="disclosure")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out: dict[str, Any] = {"machine": {"cores": os.cpu_count()}, "check": args.check}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        log: list[tuple[str, int]] = []
        handler = functools.partial(type("H", (Counter,), {"log": log}), directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        build(site, url)  # warm the wheel cache, then time a representative rebuild
        out["mkdocs_build_s"] = build(site, url)
        (site / "_bench").mkdir()
        (site / "_bench" / "bare.html").write_text(BARE_HTML)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        widget_page = f"{url}checks/{args.check}/"
        with sync_playwright() as p:
            kwargs: dict[str, Any] = {"args": CHROMIUM_ARGS}
            if chromium_path():
                kwargs["executable_path"] = chromium_path()
            browser = p.chromium.launch(**kwargs)
            widget = cold(browser, widget_page, '[data-candor-state="ready"]', "data-candor-ready-at", args.runs)
            bare = cold(browser, f"{url}_bench/bare.html", "body[data-ready-at]", "data-ready-at", args.runs)
            out["cold_ready_ms"] = {"widget_median": statistics.median(widget), "bare_loadPyodide_median": statistics.median(bare),
                                    "ratio": round(statistics.median(widget) / statistics.median(bare), 3),
                                    "widget_runs": widget, "bare_runs": bare}
            out["transfer"] = {
                "guideline_page": transfer(browser, f"{url}guidance/transparency/", log, site, None),
                "widget_page": transfer(browser, widget_page, log, site, '[data-candor-state="ready"]'),
            }
            context = browser.new_context()
            page = context.new_page()
            page.goto(widget_page)
            page.wait_for_selector('[data-candor-state="ready"]', timeout=120_000)
            golden = sorted((ROOT / "tests" / "golden" / args.check).glob("*.json"))
            answers = json.loads(golden[0].read_text())["answers"]["answers"] if golden else {}
            trips = page.evaluate(ROUND_TRIP, [f"{url}assets/candor/js/engine.mjs", args.check, answers, args.calls])
            out["score_round_trip_ms"] = {"p50": percentile(trips, 0.5), "p95": percentile(trips, 0.95), "calls": len(trips)}
            first = page.locator("[data-candor-check] fieldset[data-question] input").first
            inputs = page.locator("[data-candor-check] fieldset:not([hidden]) input[type=radio]")
            if inputs.count() >= 2:
                a, b = (f"#{inputs.nth(i).get_attribute('id')}" for i in (0, 1))
            else:
                a = b = f"#{first.get_attribute('id')}"
            updates = page.evaluate(ANSWER_TO_RESULT, [a, b, 60])
            out["answer_to_result_ms"] = {"p50": percentile(updates, 0.5), "p95": percentile(updates, 0.95), "rounds": len(updates)}
            context.close()
            browser.close()
            warm_runs = warm(p, widget_page, args.runs)
            out["warm_ready_ms"] = {"median": statistics.median(warm_runs), "runs": warm_runs}
        server.shutdown()
    out["cli"] = cli_cost(args.check)
    text = json.dumps(out, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
