"""Bytes on the wire: per page load (raw and a gzip estimate) and per first and repeat visit of the check page."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from boot_times import launch_kwargs
from serving import gzip_size


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
