"""Benchmark: prints one JSON document of figures measured against a freshly built site. Not a test.

    .venv/bin/python benchmarks/run.py [--runs 5] [--calls 200] [--check prelaunch] [--out benchmarks/results/latest.json]
        [--audits | --audits-only] [--write-baseline]

The boot ratios are compared with the committed baseline (benchmarks/baseline.json, benchmarks/baseline.py): a
move of more than 10 % is reported in capitals after the JSON, and a regression exits with status 3.
``--audits`` adds Lighthouse (mobile accessibility and performance) and the Nu HTML checker's own-markup error
count when those optional tools are installed (benchmarks/audits.py says how); ``--audits-only`` measures just those.

Figures: cold page-to-ready for the widget page (plain boot, as a first visit; and forced snapshot boot) and
for a bare page that only calls loadPyodide() from the same files (the floor), with ratios; warm
reload-to-ready with a persistent profile (widget, which then boots from the cached snapshot, and bare); a
throttled first visit (10 Mbit/s, 40 ms RTT, gzip on the wire) with the adaptive boot against a forced plain
boot; score round trip through the worker (p50/p95); last answer to updated result on the page (p50/p95);
bytes per page and per first and repeat visit (raw and gzip); a first and a repeat visit in each engine
(Chromium, Firefox ESR, WebKitGTK: boot path, ready time, bytes; ``--engines-only`` prints just these); mkdocs
build wall time; the CLI's cost for 1 and for 10,000 answer sets. Variants that are compared are measured
interleaved (one of each per round,
the order rotating), so drift in a shared machine's load falls on all of them alike.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
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
from typing import Any, ClassVar

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import mkdocs_build  # noqa: E402
from browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from crossbrowser.drivers import launch as launch_engine  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import audits  # noqa: E402
import baseline  # noqa: E402
import failure  # noqa: E402

BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
document.body.dataset.readyAt = String(Math.round(performance.now()));
</script>"""


SEARCH_READY = "() => !/Initializing search/.test(document.querySelector('.md-search-result__meta').textContent)"
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".xml", ".svg", ".md")
GZIP_CACHE: dict[Path, bytes] = {}


class Counter(SimpleHTTPRequestHandler):
    """Static server that counts the bytes it sends per path; in gzip mode it compresses text and wasm on the
    wire (as a real static host would); .bin and .zip files are sent as they are."""

    log: list[tuple[str, int]]
    gzip_on_wire: list[bool]
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".wasm": "application/wasm"
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (self.gzip_on_wire[0] and path.is_file() and path.suffix in COMPRESSIBLE
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = GZIP_CACHE.setdefault(path, gzip.compress(path.read_bytes(), 6))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.log.append((self.path.split("?")[0], len(data)))


class QuietServer(ThreadingHTTPServer):
    """A browser that closes a connection early (a cancelled prefetch, a closed context) is not an error here."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


def build(site: Path, url: str) -> float:
    """The strict build the suite and ./scripts/serve use (any warning fails it), timed."""
    start = time.perf_counter()
    mkdocs_build.build(site, {"CANDOR_SITE_URL": url})
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


Target = tuple[str, str, str]  # url, selector that appears when ready, attribute holding the ready time


def rotated(names: list[str], round_: int) -> list[str]:
    """One of each per round, starting one further each time, so that drift in the machine's load falls alike."""
    k = round_ % len(names)
    return names[k:] + names[:k]


def cold(browser: Any, targets: dict[str, Target], runs: int) -> dict[str, list[float]]:
    """Fresh-context page loads, interleaved."""
    times: dict[str, list[float]] = {name: [] for name in targets}
    for round_ in range(runs):
        for name in rotated(list(targets), round_):
            url, selector, attribute = targets[name]
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(selector, timeout=120_000, state="attached")
            times[name].append(float(page.get_attribute(selector, attribute) or 0))
            context.close()
    return times


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


def visit_bytes(playwright: Any, url: str, log: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes on the wire for a first visit (with the snapshot prefetch) and a repeat visit, same profile."""
    out: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as profile:
        for visit in ("first_visit", "repeat_visit"):
            log.clear()
            context = playwright.chromium.launch_persistent_context(profile, **launch_kwargs())
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector('[data-candor-state="ready"]', timeout=120_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
            out[f"{visit}_bytes"] = sum(n for _, n in log)
            out[f"{visit}_boot"] = page.get_attribute("[data-candor-check]", "data-candor-boot")
            context.close()
    return out


class _Chromium:
    """The cross-browser drivers' open/js/wait, for Playwright's Chromium (benchmark only)."""

    name = "chromium"

    def __init__(self, playwright: Any, profile: Path) -> None:
        self.context = playwright.chromium.launch_persistent_context(str(profile), **launch_kwargs())
        self.page = self.context.new_page()

    def open(self, url: str) -> None:
        self.page.goto(url)

    def js(self, source: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => ({source})(...args)", list(args))

    def wait(self, source: str, *args: Any, timeout: float = 180) -> Any:
        deadline = time.monotonic() + timeout
        while not (value := self.js(source, *args)):
            if time.monotonic() > deadline:
                raise TimeoutError(source)
            time.sleep(0.1)
        return value

    def close(self) -> None:
        self.context.close()


ENGINE_INFO = """() => import("/assets/candor/js/engine.mjs").then((m) => {
  const e = m.getEngine();
  const w = document.querySelector("[data-candor-check]");
  return e.info && w.dataset.candorState === "ready"
    ? { boot: e.info.info.boot, boot_ms: e.info.info.boot_ms, ready_at_ms: Number(w.dataset.candorReadyAt),
        note: e.info.info.boot_fallback }
    : null;
})"""


def engine_visits(playwright: Any, url: str, log: list[tuple[str, int]]) -> dict[str, Any]:
    """A first visit (fresh profile, the adaptive boot a deployed site uses) and a repeat visit in the same
    browser, in each engine: boot path, ready time on the page clock, bytes the server sent (the snapshot
    kept after a plain boot is counted in the first visit)."""
    out: dict[str, Any] = {}
    for engine in ("chromium", "firefox", "webkit"):
        with tempfile.TemporaryDirectory() as tmp:
            driver = _Chromium(playwright, Path(tmp)) if engine == "chromium" else launch_engine(engine, Path(tmp) / "p")
            try:
                for visit in ("first_visit", "repeat_visit"):
                    log.clear()
                    driver.open(url)
                    info = driver.wait(ENGINE_INFO, timeout=300)
                    time.sleep(4)  # the snapshot is kept after ready, at low priority
                    out.setdefault(engine, {})[visit] = {**info, "bytes": sum(n for _, n in log), "requests": len(log),
                                                         "snapshot_bytes": sum(n for p, n in log if "/snapshot/" in p)}
            finally:
                driver.close()
    return out


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
    from candor.checks.evaluate import evaluate
    from candor.checks.loaded import load_bundle
    from candor.compiler.bundle import make_bundle
    from candor.compiler.content_files import load_schemas, raw_checks, read_catalog

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
    parser.add_argument("--check", default="prelaunch")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--engines-only", action="store_true", help="only the first and repeat visit in each engine")
    parser.add_argument("--audits", action="store_true", help="add Lighthouse and Nu checker figures (optional tools)")
    parser.add_argument("--audits-only", action="store_true", help="only the Lighthouse and Nu checker figures")
    parser.add_argument("--write-baseline", action="store_true",
                        help="record this run's boot ratios in benchmarks/baseline.json (after a run alone on the machine)")
    args = parser.parse_args()
    out: dict[str, Any] = {"machine": {"cores": os.cpu_count()}, "check": args.check}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        log: list[tuple[str, int]] = []
        gzip_on_wire = [False]
        handler = functools.partial(type("H", (Counter,), {"log": log, "gzip_on_wire": gzip_on_wire}), directory=str(site))
        server = QuietServer(("127.0.0.1", 0), handler)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        build(site, url)  # warm the wheel cache, then time a representative rebuild
        out["mkdocs_build_s"] = build(site, url)
        (site / "_bench").mkdir()
        (site / "_bench" / "bare.html").write_text(BARE_HTML)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        widget_page = f"{url}checks/{args.check}/"
        ready = '[data-candor-state="ready"]'
        if args.engines_only or args.audits_only:
            if args.engines_only:
                with sync_playwright() as p:
                    out["engine_visits"] = engine_visits(p, widget_page, log)
            if args.audits_only:
                out["audits"] = run_audits(site, url, gzip_on_wire)
            server.shutdown()
            print(json.dumps(out, indent=2))
            return
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_kwargs())
            runs = cold(browser, {
                "widget_plain": (widget_page + "?candor-boot=plain", ready, "data-candor-ready-at"),
                "widget_snapshot": (widget_page + "?candor-boot=snapshot", ready, "data-candor-ready-at"),
                "bare": (f"{url}_bench/bare.html", "body[data-ready-at]", "data-ready-at"),
            }, args.runs)
            widget, snap, bare = runs["widget_plain"], runs["widget_snapshot"], runs["bare"]
            floor = statistics.median(bare)
            out["cold_ready_ms"] = {
                "widget_plain_median": statistics.median(widget), "widget_snapshot_median": statistics.median(snap),
                "bare_loadPyodide_median": floor,
                "ratio_plain_to_bare": round(statistics.median(widget) / floor, 3),
                "ratio_snapshot_to_bare": round(statistics.median(snap) / floor, 3),
                "runs": runs,
            }
            out["transfer"] = {
                "guideline_page": transfer(browser, f"{url}guidance/transparency/", log, site, None),
                "widget_page_plain_boot": transfer(browser, widget_page + "?candor-boot=plain", log, site, ready),
            }
            context = browser.new_context()
            page = context.new_page()
            page.goto(widget_page + "?candor-boot=snapshot")
            page.wait_for_selector(ready, timeout=120_000)
            # Steady state: on the check pages Material builds its search index once the engine is ready (about
            # a second of CPU); wait until its search box stops saying so.
            page.wait_for_function(SEARCH_READY, timeout=120_000)
            golden = sorted((ROOT / "tests" / "golden" / args.check).glob("*.json"))
            answers = json.loads(golden[0].read_text())["answers"]["answers"] if golden else {}
            trips = page.evaluate(ROUND_TRIP, [f"{url}assets/candor/js/engine.mjs", args.check, answers, args.calls])
            out["score_round_trip_ms"] = {"p50": percentile(trips, 0.5), "p95": percentile(trips, 0.95), "calls": len(trips)}
            inputs = page.locator("[data-candor-check] fieldset:not([hidden]) input")
            a, b = (f"#{inputs.nth(i).get_attribute('id')}" for i in (0, 1))
            updates = page.evaluate(ANSWER_TO_RESULT, [a, b, 60])
            out["answer_to_result_ms"] = {"p50": percentile(updates, 0.5), "p95": percentile(updates, 0.95), "rounds": len(updates)}
            context.close()
            warm_runs = warm(p, {
                "widget": (widget_page, ready, "data-candor-ready-at"),
                "bare": (f"{url}_bench/bare.html", "body[data-ready-at]", "data-ready-at"),
            }, args.runs)
            warm_widget, warm_bare = warm_runs["widget"], warm_runs["bare"]
            out["warm_ready_ms"] = {
                "widget_median": statistics.median(warm_widget), "bare_median": statistics.median(warm_bare),
                "ratio": round(statistics.median(warm_widget) / statistics.median(warm_bare), 3),
                "runs": warm_runs,
            }
            out["engine_visits"] = engine_visits(p, widget_page, log)
            out["blocked_runtime_to_failed_ms"] = failure.blocked_runtime(browser, f"{url}checks/disclosure/", args.runs)
            out["visits_identity"] = visit_bytes(p, widget_page, log)
            gzip_on_wire[0] = True
            out["visits_gzip"] = visit_bytes(p, widget_page, log)
            slow = throttled(browser, {"adaptive": widget_page, "plain": widget_page + "?candor-boot=plain"},
                             max(3, args.runs // 2))
            out["throttled_10mbit_40ms_ready_ms"] = {
                "adaptive_median": statistics.median(slow["adaptive"]), "plain_median": statistics.median(slow["plain"]),
                "runs": slow,
            }
            browser.close()
        if args.audits:
            out["audits"] = run_audits(site, url, gzip_on_wire)
        server.shutdown()
    out["cli"] = cli_cost(args.check)
    out["baseline"] = baseline.compare(out, baseline.load())
    text = json.dumps(out, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    sys.exit(baseline.report(out, args.write_baseline, f"benchmarks/run.py --runs {args.runs}"))


def run_audits(site: Path, url: str, gzip_on_wire: list[bool]) -> dict[str, Any]:
    """Lighthouse and the Nu checker (benchmarks/audits.py). Lighthouse's pages are served as deployed, by Debian's
    nginx with the generated snippet and its .gz copies, when nginx is installed; else by this script's server
    with text and wasm gzipped on the wire (no deploy headers: said in the report)."""
    sys.path.insert(0, str(ROOT))
    from tests.browser.test_deploy_nginx import NGINX, serving

    nu = audits.nu_checker(site)
    if Path(NGINX).is_file():
        with tempfile.TemporaryDirectory() as tmp, serving(site, Path(tmp)) as deployed:
            return {"served_by": "nginx, _deploy/nginx.conf", "lighthouse": audits.lighthouse(deployed, chromium_path()),
                    "nu_checker": nu}
    gzip_on_wire[0] = True
    try:
        return {"served_by": "benchmark server, gzip on the wire, no deploy headers",
                "lighthouse": audits.lighthouse(url, chromium_path()), "nu_checker": nu}
    finally:
        gzip_on_wire[0] = False


if __name__ == "__main__":
    main()
