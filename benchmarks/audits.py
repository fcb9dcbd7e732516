"""Optional audit figures for ``run.py --audits``: Lighthouse (mobile accessibility and performance, the median of
three runs per page) and the Nu HTML checker's error count in the site's own markup.

Lighthouse's pages are served as deployed (Debian's nginx with the generated snippet, when it is installed; run.py
says which server it used). Both tools are heavy (Lighthouse about 130 npm packages, the Nu checker a 30 MB jar
that needs Java 11+), so they are not part of the test install. Install them once, apart from the project's node_modules and lock file:

    mkdir -p .cache/audit-tools && echo '{"private": true}' > .cache/audit-tools/package.json
    npm install --prefix .cache/audit-tools --no-audit --no-fund -E lighthouse@12.2.3 vnu-jar@26.9.27

(Lighthouse 12.2.3 is the last release that runs on Node 20; it drives Debian's Chromium, found as the tests find
it.) Without them, the report says which is missing and how to install it: a figure is never silently left out.

The site's *own* markup is what the build writes into a page's ``<article>`` (content, generated parts, widgets);
the theme's markup around it is counted apart, since only Material can change it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".cache" / "audit-tools" / "node_modules"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = ("mkdir -p .cache/audit-tools && echo '{\"private\": true}' > .cache/audit-tools/package.json && "
           "npm install --prefix .cache/audit-tools --no-audit --no-fund -E lighthouse@12.2.3 vnu-jar@26.9.27")
# The pages issue 34 measured: the home page, a check, the learning path and a module, guidance pages, the kit.
PAGES = ("", "checks/prelaunch/", "learn/", "learn/foundations/", "guidance/bias/", "guidance/transparency/", "kit/",
         "kit/creator-brief-clause/")


def _missing(tool: Path) -> dict[str, str]:
    return {"not_measured": f"{tool.relative_to(ROOT)} is not installed", "install": INSTALL}


def lighthouse(base_url: str, chromium: str | None, runs: int = 3, pages: tuple[str, ...] = PAGES) -> dict[str, Any]:
    """Per page: the median mobile performance score, the accessibility score and the failing accessibility audits."""
    if not LIGHTHOUSE.is_file():
        return _missing(LIGHTHOUSE)
    env = {**os.environ, **({"CHROME_PATH": chromium} if chromium else {})}
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run"
    out: dict[str, Any] = {"runs_per_page": runs, "form_factor": "mobile (Lighthouse's default throttling)"}
    for page in pages:
        perf, a11y, failing = [], [], set()
        for _ in range(runs):
            done = subprocess.run(
                ["node", str(LIGHTHOUSE), base_url + page, "--only-categories=performance,accessibility", "--output=json",
                 "--output-path=stdout", "--quiet", f"--chrome-flags={flags}"],
                capture_output=True, text=True, env=env, timeout=300, check=False)
            if done.returncode != 0:
                out[page or "/"] = {"error": done.stderr.strip()[-500:]}
                break
            report = json.loads(done.stdout)
            perf.append(round(100 * (report["categories"]["performance"]["score"] or 0)))
            a11y.append(round(100 * (report["categories"]["accessibility"]["score"] or 0)))
            refs = report["categories"]["accessibility"]["auditRefs"]
            failing |= {r["id"] for r in refs if r["weight"] and (report["audits"][r["id"]]["score"] or 0) < 1}
        else:
            out[page or "/"] = {"performance_median": statistics.median(perf), "performance_runs": perf,
                                "accessibility_median": statistics.median(a11y), "accessibility_failing": sorted(failing)}
    return out


def _article_lines(html: str) -> tuple[int, int]:
    """First and last line of the page's <article> (the site's own markup); (0, -1) when there is none."""
    start, end = html.find("<article"), html.find("</article>")
    if start < 0 or end < 0:
        return 0, -1
    return html.count("\n", 0, start) + 1, html.count("\n", 0, end) + 1


def nu_checker(site: Path) -> dict[str, Any]:
    """Errors the Nu HTML checker reports in every built page, split into the site's own markup and the theme's."""
    if not VNU.is_file():
        return _missing(VNU)
    pages = sorted(site.rglob("*.html"))
    done = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
                          capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    spans = {str(p): _article_lines(p.read_text(encoding="utf-8")) for p in pages}
    own, theme = [], []
    for m in messages:
        path = m.get("url", "").removeprefix("file:")
        first, last = spans.get(path, (0, -1))
        where = f"{Path(path).relative_to(site) if path.startswith(str(site)) else path}:{m.get('lastLine', '?')}"
        (own if first <= int(m.get("lastLine", 0)) <= last else theme).append(f"{where}: {m.get('message', '')}")
    return {"pages": len(pages), "own_markup_errors": len(own), "theme_errors": len(theme),
            "own_examples": own[:10], "theme_examples": sorted(set(t.split(": ", 1)[1] for t in theme))[:10]}
