"""Kit pages and readable theme pages in Chromium: folded practices open when linked or printed, the copy button
copies the template, the worked example opens the calculator pre-filled, and axe finds nothing serious."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from candor.compiler.catalog import Catalog
from playwright.sync_api import Browser, Locator, Page, expect

from ..conftest import Site
from .conftest import wait_ready
from .test_trust import AXE, Audit

pytestmark = pytest.mark.browser
FOLD = "details.candor-fold"


def fold_of(page: Page, practice: str) -> Locator:
    """The fold of a practice: the first one after its heading."""
    return page.locator(f"h3#{practice} ~ {FOLD}").first


def test_a_folded_practice_opens_when_its_anchor_is_visited(page: Page, site_url: str) -> None:
    page.goto(site_url + "guidance/transparency/#TR-02")
    expect(fold_of(page, "TR-02")).to_have_attribute("open", "")
    expect(fold_of(page, "TR-03")).not_to_have_attribute("open", "")
    # a link within the page (the one-minute summary lists the musts) opens its practice too
    page.locator(".admonition.abstract a[href$='#TR-03']").click()
    expect(fold_of(page, "TR-03")).to_have_attribute("open", "")
    expect(fold_of(page, "TR-03").locator("ol li").first).to_be_visible()


def test_every_fold_opens_for_printing_and_closes_after(page: Page, site_url: str) -> None:
    page.goto(site_url + "guidance/bias/")
    folds = page.locator(FOLD)
    assert folds.count() >= 5
    expect(page.locator(f"{FOLD}[open]")).to_have_count(0)
    page.emulate_media(media="print")
    expect(page.locator(f"{FOLD}:not([open])")).to_have_count(0)
    page.emulate_media(media="screen")
    expect(page.locator(f"{FOLD}[open]")).to_have_count(0)


def test_the_copy_button_copies_the_template_text(browser: Browser, site: Site, catalog: Catalog) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    page = context.new_page()
    for template in ("ai-use-register", "chatbot-scripts"):
        t = catalog.templates[template]
        page.goto(site.url + f"kit/{template}/")
        page.get_by_role("button", name="Copy to clipboard").click()
        expect(page.locator("[data-candor-copy-status]")).to_have_text("Copied. Paste it into your document or spreadsheet.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == (site.dir / "kit" / "files" / t.filename).read_text(encoding="utf-8")
    context.close()


def test_the_worked_example_opens_the_calculator_with_its_numbers_and_result(page: Page, site_url: str) -> None:
    page.goto(site_url + "guidance/bias/#BI-02")
    example = page.locator("a.candor-worked-example")
    expect(example).to_be_visible()
    reading = fold_of(page, "BI-02").locator("p", has_text="The impact ratio is each group").inner_text()
    example.click()
    widget = "#candor-bias-audit-widget"
    wait_ready(page, widget)
    expect(page.locator(f"{widget} [data-candor-csv]")).to_have_value(re.compile(r"55 and over,180,900"))
    if page.locator(f"{widget} [data-candor-result]").is_hidden():
        page.get_by_role("button", name="Calculate").click()
    result = page.locator(f"{widget} [data-candor-result]")
    expect(result.locator("table")).to_contain_text("0.57")
    # the guidance page quotes the engine's own reading of the same numbers
    expect(result).to_contain_text(reading.removeprefix("The impact ratio is each group's rate divided by the best-served group's rate. "))


@pytest.fixture(scope="module")
def audit(browser: Browser) -> Iterator[Audit]:
    context = browser.new_context(bypass_csp=True)  # axe goes in as an inline script
    yield Audit(context.new_page())
    context.close()


def test_kit_pages_and_folded_and_unfolded_practices_pass_axe(audit: Audit, site: Site, catalog: Catalog) -> None:
    assert AXE.is_file(), "run npm ci: axe-core is a pinned npm dependency"
    for path in ["kit/", *(f"kit/{t}/" for t in catalog.templates)]:
        audit.page.goto(site.url + path)
        audit.run(path)
    for theme in ("guidance/transparency/", "guidance/bias/"):
        audit.page.goto(site.url + theme)
        audit.run(theme + " folded")
        audit.page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        audit.run(theme + " unfolded")
    assert all(v == [] for v in audit.found.values()), "\n" + audit.report()


def test_kit_text_on_the_page_is_escaped_not_markup(site: Site) -> None:
    page = (site.dir / "kit" / "chatbot-scripts" / "index.html").read_text(encoding="utf-8")
    text = re.search(r'data-candor-copy-source="candor-kit-text-chatbot-scripts"[^>]*><code>(.*?)</code>', page, re.S)
    assert text and "<" not in text.group(1) and html.unescape(text.group(1)).startswith("# Chatbot")
