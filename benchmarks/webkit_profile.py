"""WebKit's repeat visit as a reader has it: WebKitGTK's MiniBrowser with its own persistent profile.

The cross-browser driver (WebKitWebDriver) runs MiniBrowser in automation mode, which gives it an *ephemeral*
website data store: no HTTP cache (every visit downloads the runtime again) and a Cache Storage held in memory
that a navigation from the check page to itself drops (the worker finds the kept snapshot gone). So the driver's
repeat visit boots plainly and downloads everything again, whatever the site does. Run without automation and
with a profile on disk, the same build's repeat visit is measured here: MiniBrowser opens a page that only starts
the engine (``_bench/visit.html``, the check pages' worker and boot choice), which reports its boot path back to
the benchmark's server (serving.REPORTS), since there is no driver to ask. Needs Xvfb and WebKitGTK's MiniBrowser
(Debian's webkit2gtk-driver brings it); otherwise the report says so.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from serving import REPORTS

MINIBROWSER = next(iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))), "")
VISIT_HTML = """<!doctype html><meta charset="utf-8"><title>visit</title>
<script type="module">
import { getEngine } from "../assets/candor/js/engine.mjs";
const report = (what) => fetch(`report/${what}`, { cache: "no-store" });
getEngine().ready.then(
  ({ info }) => report(`${info.boot}/${info.boot_ms}/${Math.round(performance.now())}/${encodeURIComponent(info.boot_fallback || "-")}`),
  (error) => report(`failed/0/0/${encodeURIComponent(error.message)}`));
</script>"""
WHY = ("WebKitWebDriver runs MiniBrowser in automation mode with an ephemeral data store: no HTTP cache, and a "
       "Cache Storage kept in memory that a navigation drops; see webkit_own_profile for a profile on disk")


def _wait(found: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not found():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def own_profile(site: Path, url: str, log: list[tuple[str, int]]) -> dict[str, Any]:
    """A first and a repeat visit in MiniBrowser with one profile on disk: boot path, boot time in the worker,
    ready time on the page's clock, bytes the server sent (the snapshot kept after a plain boot counted in the first)."""
    if not MINIBROWSER or not shutil.which("Xvfb"):
        return {"not_measured": "WebKitGTK's MiniBrowser or Xvfb is not installed (Debian: webkit2gtk-driver, xvfb)"}
    (site / "_bench").mkdir(exist_ok=True)
    (site / "_bench" / "visit.html").write_text(VISIT_HTML)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            display = xvfb.stdout.readline().strip() if xvfb.stdout else ""
            env = {**os.environ, "DISPLAY": f":{display}"}
            for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):  # the profile, on disk
                env[name] = str(Path(tmp) / name.lower())
            for visit in ("first_visit", "repeat_visit"):
                log.clear()
                REPORTS.clear()
                browser = subprocess.Popen([MINIBROWSER, f"{url}_bench/visit.html"], env=env,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    if _wait(lambda: REPORTS, 300):
                        boot, boot_ms, ready_at, note = REPORTS[0].split("/", 3)
                        if boot == "plain":  # the snapshot is kept after ready, at low priority
                            _wait(lambda: any("/snapshot/" in p for p, _ in log), 60)
                            time.sleep(3)
                        out[visit] = {"boot": boot, "boot_ms": int(boot_ms), "ready_at_ms": int(ready_at),
                                      "note": None if note == "-" else note}
                    else:
                        out[visit] = {"boot": "no report within 300 s"}
                finally:
                    browser.terminate()
                    browser.wait(timeout=20)
                out[visit].update({"bytes": sum(n for _, n in log), "requests": len(log),
                                   "snapshot_bytes": sum(n for p, n in log if "/snapshot/" in p)})
        finally:
            xvfb.terminate()
            xvfb.wait(timeout=10)
            if xvfb.stdout:
                xvfb.stdout.close()
    return out
