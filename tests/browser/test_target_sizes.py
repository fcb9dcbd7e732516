"""Every radio, checkbox and text input on the check pages is at least 24 × 24 CSS px to tap or click (WCAG 2.2
SC 2.5.8), on a phone and on a desktop, measured as laid out (getBoundingClientRect). Where a label wraps the
input, a click anywhere on the label picks it: the label is then the target."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from ..conftest import Site
from .conftest import READY_TIMEOUT

pytestmark = pytest.mark.browser
MIN = 24
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
INPUTS = "article input:is([type=radio], [type=checkbox], [type=text], [type=date], [type=number], :not([type])), article textarea"

MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((input) => input.getClientRects().length > 0)  // shown on this page as it stands (not hidden)
  .map((input) => {
    const label = input.closest("label");
    const box = (label ?? input).getBoundingClientRect();
    return { id: input.id || input.name || input.outerHTML.slice(0, 80), by: label ? "label" : "input",
             width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 };
  })"""


def check_pages(site: Site) -> list[str]:
    return [f"checks/{p.parent.name}/" for p in sorted((site.dir / "checks").glob("*/index.html"))
            if re.search(r'data-candor-(check|tool)="', p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("device", VIEWPORTS)
def test_every_input_on_the_check_pages_is_a_24_px_target(browser: Browser, site: Site, device: str) -> None:
    pages = check_pages(site)
    assert len(pages) >= 5
    context = browser.new_context(viewport=VIEWPORTS[device], is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    small, counted = {}, {}
    try:
        for path in pages:
            page.goto(site.url + path)
            page.wait_for_selector('[data-candor-state="ready"]:is([data-candor-check], [data-candor-tool])', timeout=READY_TIMEOUT)
            targets = page.evaluate(MEASURE, INPUTS)
            counted[path] = len(targets)
            bad = [t for t in targets if t["width"] < MIN or t["height"] < MIN]
            if bad:
                small[path] = bad[:4]
    finally:
        context.close()
    assert all(n > 0 for n in counted.values()), counted
    assert sum(counted.values()) > 150  # the radios of every check, the campaign details, the calculator's cells
    assert small == {}, f"targets under {MIN} × {MIN} px on a {device}: {small}"
