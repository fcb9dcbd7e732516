"""A first and a repeat visit of the check page in each engine (Chromium, Firefox ESR, WebKitGTK): boot path,
ready time on the page's clock, bytes the server sent; WebKit's with a profile on disk too (webkit_profile.py)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from boot_times import launch_kwargs
from webkit_profile import WHY, own_profile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from crossbrowser.drivers import launch as launch_engine  # noqa: E402


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


def engine_visits(playwright: Any, site: Path, base: str, url: str, log: list[tuple[str, int]]) -> dict[str, Any]:
    """A first visit (fresh profile, the adaptive boot a deployed site uses) and a repeat visit in the same
    browser, in each engine: boot path, ready time on the page clock, bytes the server sent (the snapshot
    kept after a plain boot is counted in the first visit). WebKit's driver cannot show a repeat visit (its data
    store is ephemeral): its run says so, and WebKit's repeat visit with a profile on disk is measured beside it."""
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
    if out["webkit"]["repeat_visit"]["boot"] != "snapshot":
        out["webkit"]["repeat_visit"]["why"] = WHY
    out["webkit_own_profile"] = own_profile(site, base, log)
    return out
