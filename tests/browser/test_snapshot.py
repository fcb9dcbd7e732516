"""Fast boot: the build-time memory snapshot is used when cached, and any problem with it falls back safely."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType, Page, Route, expect

from .conftest import wait_ready

pytestmark = pytest.mark.browser
WIDGET = "#candor-disclosure-widget"


def chatbot_verdict(page: Page) -> str | None:
    page.get_by_label("A chatbot or assistant that people talk to").check()
    page.locator("#candor-disclosure-tr-chatbot-disclosed").get_by_label("Only if someone asks").check()
    expect(page.locator(f"{WIDGET} .candor-verdict")).to_have_attribute("data-verdict", "label-required")
    return page.get_attribute(f"{WIDGET} .candor-verdict", "data-verdict")


def claim_missing_pages(packed: bytes) -> bytes:
    """Mark eight all-zero pages as stored in the file's page map (widgets/js/snapshot-format.mjs) without adding them."""
    assert packed[:4] == b"CSP1"
    size, page = int.from_bytes(packed[4:8], "little"), int.from_bytes(packed[8:12], "little")
    at = packed.index(b"\x00", 12)  # a byte of the page map that marks eight pages as zeros
    assert at < 12 + math.ceil(math.ceil(size / page) / 8), "the page map has no all-zero byte"
    return packed[:at] + b"\xff" + packed[at + 1 :]


def boot_with_snapshot_body(page: Page, site_url: str, site_dir: Path, change: Any) -> str | None:
    """Boot the disclosure check with the snapshot forced, its file's bytes replaced by change(bytes)."""
    manifest = json.loads((site_dir / "assets/candor/manifest.json").read_text())
    stored = (site_dir / "assets/candor" / manifest["snapshot"]["file"]).read_bytes()
    body = change(stored, manifest["snapshot"])

    def serve(route: Route) -> None:
        route.fulfill(status=200, body=body, headers={"Content-Type": "application/octet-stream"})

    page.context.route("**/assets/candor/snapshot/*", serve)
    page.goto(site_url + "checks/disclosure/?candor-boot=snapshot")
    wait_ready(page)
    return page.get_attribute(WIDGET, "data-candor-boot")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw, entry: raw[: len(raw) // 3], id="truncated"),
        pytest.param(lambda raw, entry: b"\x1f\x8b" + bytes(range(256)) * 64, id="corrupt-gzip"),
        pytest.param(lambda raw, entry: gzip.compress(b"\x00" * 4096), id="too-short"),
        # The right length, but not our file format: the unpacking step refuses it.
        pytest.param(lambda raw, entry: gzip.compress(b"\x00" * entry["inflated_bytes"], 1), id="not-a-snapshot"),
        # Our format, the right length, but its page map claims pages that are not there.
        pytest.param(lambda raw, entry: gzip.compress(claim_missing_pages(gzip.decompress(raw)), 1), id="wrong-page-map"),
    ],
)
def test_a_damaged_snapshot_falls_back_to_a_plain_boot(page: Page, site_url: str, site_dir: Path, damage: Any) -> None:
    assert boot_with_snapshot_body(page, site_url, site_dir, damage) == "plain"
    assert chatbot_verdict(page) == "label-required"


def test_a_host_that_strips_the_gzip_layer_still_gets_the_snapshot_boot(page: Page, site_url: str, site_dir: Path) -> None:
    """Some hosts serve a .bin decompressed (treating our gzip as a transfer encoding): the worker reads it as is."""
    assert boot_with_snapshot_body(page, site_url, site_dir, lambda raw, entry: gzip.decompress(raw)) == "snapshot"
    assert chatbot_verdict(page) == "label-required"


def test_a_second_visit_boots_from_the_snapshot(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], site_url: str, tmp_path: Path
) -> None:
    """A first visit boots plainly and prefetches the snapshot; the next visit finds it cached and uses it."""
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args)
    try:
        page = context.new_page()
        fetched: list[str] = []
        page.on("requestfinished", lambda r: fetched.append(r.url))
        page.goto(site_url + "checks/disclosure/?candor-boot=auto")  # the default a deployed site uses
        wait_ready(page)
        assert page.get_attribute(WIDGET, "data-candor-boot") == "plain"
        for _ in range(100):  # the prefetch runs at low priority after ready
            if any("/assets/candor/snapshot/" in u for u in fetched):
                break
            page.wait_for_timeout(200)
        assert any("/assets/candor/snapshot/" in u for u in fetched), "the snapshot was not prefetched"
        page.close()
        again = context.new_page()
        again.goto(site_url + "checks/disclosure/?candor-boot=auto")
        wait_ready(again)
        assert again.get_attribute(WIDGET, "data-candor-boot") == "snapshot"
        assert chatbot_verdict(again) == "label-required"
    finally:
        context.close()
