"""Phones and metered data: target sizes at 390 px on every widget page, and Save-Data delays the engine."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from ..conftest import ROOT, Site
from .conftest import READY_TIMEOUT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ENGINE_FILES = re.compile(r"/assets/(pyodide/|candor/js/engine-worker\.mjs|candor/snapshot/)")


def widget_pages(site: Site) -> list[str]:
    pages = []
    for index in sorted(site.dir.rglob("index.html")):
        if re.search(r'data-candor-(check|tool)="|data-candor-quiz="[a-z]', index.read_text(encoding="utf-8")):
            rel = index.parent.relative_to(site.dir).as_posix()
            pages.append("" if rel == "." else f"{rel}/")
    return pages


def test_radio_and_checkbox_targets_meet_wcag_2_2_target_size_on_a_phone(browser: Browser, site: Site) -> None:
    """axe-core's target-size rule (WCAG 2.2 SC 2.5.8) at 390 px, on every page with a check, tool or quiz."""
    pages = widget_pages(site)
    assert any(p.startswith("checks/") for p in pages) and any(p.startswith("learn/") for p in pages)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  bypass_csp=True)  # axe is injected as an inline script; the CSP is tested elsewhere
    page = context.new_page()
    failures = {}
    try:
        for path in pages:
            page.goto(site.url + path)
            page.add_script_tag(path=str(AXE))
            found = page.evaluate("""async () => {
              // Long forms skip rendering off-screen groups (content-visibility: auto) until they scroll into view;
              // axe measures sizes from rendering, so render them as they look on screen.
              document.querySelectorAll("*").forEach((e) => {
                if (getComputedStyle(e).contentVisibility === "auto") e.style.contentVisibility = "visible";
              });
              await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              const r = await axe.run(document, { runOnly: { type: "rule", values: ["target-size"] } });
              return { bad: r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary)),
                       checked: r.passes.reduce((n, v) => n + v.nodes.length, 0) };
            }""")
            inputs = page.locator("[data-candor-check] input[type=radio], [data-candor-check] input[type=checkbox], "
                                  "[data-candor-quiz] input[type=radio]").count()
            assert found["checked"] >= inputs > 0 or found["bad"] or "bias" in path, f"{path}: axe saw no targets"
            if found["bad"]:
                failures[path] = found["bad"][:5]
    finally:
        context.close()
    assert failures == {}


def test_save_data_starts_the_engine_on_the_first_answer_with_progress_shown(browser: Browser, site: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    engine_requests: list[str] = []
    page.on("request", lambda r: engine_requests.append(r.url) if ENGINE_FILES.search(r.url) else None)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})  # navigator.connection.saveData
        page.goto(site.url + "checks/disclosure/")
        widget = page.locator("#candor-disclosure-widget")
        expect(widget).to_have_attribute("data-candor-deferred", "save-data")
        expect(widget.locator(".candor-status")).to_contain_text("starts when you answer the first question")
        page.wait_for_timeout(2000)
        assert engine_requests == [], "the engine was downloaded before any answer"
        assert widget.get_attribute("data-candor-state") == "static"
        page.get_by_label("A chatbot or assistant that people talk to").check()
        expect(widget.locator(".candor-status")).not_to_contain_text("starts when you answer")  # progress now
        expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
        assert engine_requests, "the engine never started"
        page.locator("#candor-disclosure-tr-chatbot-disclosed").get_by_label("Only if someone asks").check()
        expect(widget.locator(".candor-verdict")).to_have_attribute("data-verdict", "label-required")  # the first answer counted
    finally:
        context.close()


def test_without_save_data_the_check_page_starts_the_engine_on_open(page: Page, site: Site) -> None:
    page.goto(site.url + "checks/disclosure/")
    widget = page.locator("#candor-disclosure-widget")
    expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    assert widget.get_attribute("data-candor-deferred") is None
