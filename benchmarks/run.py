"""Benchmark: prints one JSON document of figures measured against a freshly built site. Not a test.

    .venv/bin/python benchmarks/run.py [--runs 5] [--calls 200] [--check prelaunch] [--out benchmarks/results/latest.json]
        [--audits | --audits-only] [--write-baseline]

The boot ratios are compared with the committed baseline (benchmarks/baseline.json, benchmarks/baseline.py): a
move of more than 10 % is reported in capitals after the JSON, and a regression exits with status 3.
``--audits`` adds Lighthouse (mobile accessibility and performance) and the Nu HTML checker's own-markup error
count when those optional tools are installed (benchmarks/audits.py says how); ``--audits-only`` measures just those.

Figures: cold page-to-ready for the widget page (plain boot, as a first visit; and forced snapshot boot) and
for a bare page that only calls loadPyodide() from the same files (the floor), with ratios and the boot's phases
(worker created, its code running, Python started, engine ready, result shown: boot_times.PHASES); warm
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
import json
import os
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser.conftest import chromium_path  # noqa: E402

# What run.py measures lives in modules named for it (serving, boot_times, transfer_bytes, engine_visits,
# responsiveness, cli_cost, failure, audits); run.py runs them in order and reports (baseline).
sys.path.insert(0, str(ROOT / "benchmarks"))
import audits  # noqa: E402
import baseline  # noqa: E402
import failure  # noqa: E402
from boot_times import BARE_HTML, cold, launch_kwargs, phase_medians, throttled, warm  # noqa: E402
from cli_cost import cli_cost  # noqa: E402
from engine_visits import engine_visits  # noqa: E402
from responsiveness import responsiveness  # noqa: E402
from serving import Counter, QuietServer, build  # noqa: E402
from transfer_bytes import transfer, visit_bytes  # noqa: E402


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
                    out["engine_visits"] = engine_visits(p, site, url, widget_page, log)
            if args.audits_only:
                out["audits"] = run_audits(site, url, gzip_on_wire)
            server.shutdown()
            print(json.dumps(out, indent=2))
            return
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_kwargs())
            phases: dict[str, list[dict[str, float]]] = {}
            runs = cold(browser, {
                "widget_plain": (widget_page + "?candor-boot=plain", ready, "data-candor-ready-at"),
                "widget_snapshot": (widget_page + "?candor-boot=snapshot", ready, "data-candor-ready-at"),
                "bare": (f"{url}_bench/bare.html", "body[data-ready-at]", "data-ready-at"),
            }, args.runs, phases)
            widget, snap, bare = runs["widget_plain"], runs["widget_snapshot"], runs["bare"]
            floor = statistics.median(bare)
            out["cold_ready_ms"] = {
                "widget_plain_median": statistics.median(widget), "widget_snapshot_median": statistics.median(snap),
                "bare_loadPyodide_median": floor,
                "ratio_plain_to_bare": round(statistics.median(widget) / floor, 3),
                "ratio_snapshot_to_bare": round(statistics.median(snap) / floor, 3),
                "phases_median": phase_medians(phases),
                "runs": runs,
            }
            out["transfer"] = {
                "guideline_page": transfer(browser, f"{url}guidance/transparency/", log, site, None),
                "widget_page_plain_boot": transfer(browser, widget_page + "?candor-boot=plain", log, site, ready),
            }
            out.update(responsiveness(browser, url, widget_page, ready, args.check, args.calls))
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
            out["engine_visits"] = engine_visits(p, site, url, widget_page, log)
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
