"""Trust gates in Chromium: the Content Security Policy, privacy, accessibility, reflow, failure, share-link fuzzing.

One journey (a module fixture) tours every page with Material's instant navigation using every widget, under
the real policy (and with the generated deploy header policy sent as the workers' own header, as the `_headers`
and nginx files the build writes do). Before the tour, a full load of one page per distinct head (its policy and
scripts) and of every page whose policy is not the tour's: so every page's content runs under its own policy,
and every kind of page starts from scratch under its own, without loading each page twice. The CSP, privacy,
reflow and fuzz tests read that journey or reuse its warm page, so the engine boots as few times as possible.
"""

from __future__ import annotations

import base64
import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from candor.intake.share_link import MAX_SHARE_FRAGMENT, SHARE_PREFIX, SHARE_VERSION
from playwright._impl._errors import TargetClosedError
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect

from ..conftest import ROOT, Site
from .conftest import READY_TIMEOUT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WASM = "**/assets/pyodide/pyodide.asm.wasm"
WORKERS = re.compile(r".*/(assets/candor/js/(engine-worker\.mjs|search-after-engine\.js)|assets/javascripts/workers/[^/]+\.js)(\?.*)?$")
CHECK, TOOL, QUIZ = "[data-candor-check]", "[data-candor-tool]", "[data-candor-quiz]"
WIDGETS = f"{CHECK}, {TOOL}, {QUIZ}"


def worker_policy(site: Site) -> str:
    """The header policy the build's deploy files send with every file, the workers' scripts included (a <meta>
    policy cannot reach a worker): the journey serves it to the workers, so Pyodide is shown to boot under it."""
    found = re.search(r"Content-Security-Policy: (.+)", (site.dir / "_headers").read_text(encoding="utf-8"))
    assert found, "the build wrote no _headers file"
    return found.group(1)
# Page templates for the accessibility audit: home, a guidance theme page, sources, crosswalk, glossary,
# the checks index and the methodology page (and the two "About" pages).
TEMPLATES = ["", "guidance/transparency/", "guidance/sources/", "standards/crosswalk/", "standards/glossary/",
             "checks/", "checks/methodology/", "about/privacy/", "about/security/"]
# Onboarding and dated-guidance pages, audited on a desktop and on a 390 px phone: the learning path (each
# module carries knowledge checks), the checklist, the facilitator guide, its handout, key dates, what changed.
ONBOARDING = ["learn/", "learn/foundations/", "learn/data-privacy/", "learn/fairness/", "learn/creative/",
              "learn/channels/", "learn/governance/", "learn/checklist/", "learn/facilitator/", "learn/brief/",
              "standards/key-dates/", "standards/changes/"]

RECORDER = """(() => {
  const seen = [];
  Object.defineProperty(window, "__candorViolations", { value: seen });
  document.addEventListener("securitypolicyviolation", (event) => {
    const v = { page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI,
                sample: event.sample, source: event.sourceFile, line: event.lineNumber };
    seen.push(v);
    if (window.__candorReport) window.__candorReport(v);
  }, true);
})();"""

# Material's instant navigation, as a reader's click on a link (the site's own link handler picks it up).
NAVIGATE = """(url) => {
  const link = Object.assign(document.createElement("a"), { href: url });
  document.body.append(link);
  link.click();
  link.remove();
}"""


# ---- the site --------------------------------------------------------------------------------------------


def site_paths(site: Site) -> list[str]:
    """Every page: the sitemap's, plus any built page it leaves out; as paths relative to the root."""
    listed = re.findall(r"<loc>([^<]+)</loc>", (site.dir / "sitemap.xml").read_text(encoding="utf-8"))
    paths = {u.removeprefix(site.url) for u in listed}
    for index in site.dir.rglob("index.html"):
        rel = index.parent.relative_to(site.dir).as_posix()
        paths.add("" if rel == "." else f"{rel}/")
    return sorted(paths, key=lambda p: (p.count("/"), p))


def html_of(site: Site, path: str) -> str:
    return (site.dir / path / "index.html").read_text(encoding="utf-8")


def policy_of(site: Site, path: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html_of(site, path))
    assert found, f"{path or 'home'}: no policy"
    return found.group(1)


def full_loads(site: Site, paths: list[str], tour_start: str) -> list[str]:
    """The pages the journey loads in full before its instant tour from tour_start: the first page of each distinct
    head (policy and the scripts it loads, by address), and every page whose policy differs from tour_start's (the
    tour runs every page's content under tour_start's policy)."""
    heads: dict[tuple[str, tuple[str, ...]], str] = {}
    for path in paths:
        scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html_of(site, path))
        heads.setdefault((policy_of(site, path), tuple(urljoin(site.url + path, src) for src in scripts)), path)
    differ = [path for path in paths if policy_of(site, path) != policy_of(site, tour_start)]
    return sorted(set(heads.values()) | set(differ), key=paths.index)


def stored_ids(site: Site) -> set[str]:
    """The check and tool ids this site can store answers for (from the manifest the worker reads)."""
    manifest = json.loads((site.dir / "assets" / "candor" / "manifest.json").read_text(encoding="utf-8"))
    return set(manifest.get("checks", {})) | set(manifest.get("tools") or {})


# ---- navigation and widgets ------------------------------------------------------------------------------


def instant(page: Page, url: str) -> None:
    """Go to url through instant navigation and wait until the new page is in place."""
    page.evaluate(NAVIGATE, url)
    canonical = url.split("#", 1)[0]
    page.wait_for_function("(u) => document.querySelector('link[rel=canonical]')?.href === u", arg=canonical)


def widget_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(WIDGETS, "(els) => els.map((el) => el.id)")


def unanswered(widget: Locator) -> Locator:
    return widget.locator("fieldset[data-question]:not([hidden])").filter(has_not=widget.page.locator("input:checked"))


PICK_INPUT = """(widget) => {
  const shown = [...widget.querySelectorAll("fieldset[data-question]:not([hidden])")];
  const open = shown.find((f) => !f.querySelector("input:checked"));
  const input = open ? open.querySelector("input") : shown[0].querySelector("input:not(:checked)");
  return input.id;
}"""


def answer_one(widget: Locator) -> None:
    """Answer the first visible unanswered question with its first option (or, when every visible question
    is answered, change the first one's answer); wait for the engine's update."""
    before = widget.get_attribute("data-candor-updates")
    # Chosen in one step in the page: counting, then finding, raced an update that answered or hid the question.
    target = widget.evaluate(PICK_INPUT)
    widget.page.locator(f"#{target}").check()
    if before is None:
        expect(widget).to_have_attribute("data-candor-updates", re.compile(r"^\d+$"), timeout=READY_TIMEOUT)
    else:
        expect(widget).not_to_have_attribute("data-candor-updates", before, timeout=READY_TIMEOUT)


def answer_all(widget: Locator) -> None:
    for _ in range(200):
        if unanswered(widget).count() == 0:
            return
        answer_one(widget)
    raise AssertionError("the questions never ran out")


def use_check(widget: Locator, answers: int = 1) -> None:
    """Start the widget (a lazy one starts on use), answer questions and see a result."""
    if widget.get_attribute("data-candor-lazy") is None:
        expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    for _ in range(answers):
        answer_one(widget)
    expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    expect(widget.locator(".candor-result-body")).not_to_be_empty()


def use_tool(widget: Locator) -> None:
    """The bias audit calculator: two groups' counts, Calculate, a result, then export and share."""
    rows = widget.locator("[data-candor-rows] tr")
    for i, (group, successes, total) in enumerate([("Under 35", "48", "120"), ("35 and over", "22", "110")]):
        rows.nth(i).locator('[name="group"]').fill(group)
        rows.nth(i).locator('[name="successes"]').fill(successes)
        rows.nth(i).locator('[name="total"]').fill(total)
    expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    widget.locator("[data-candor-calculate]").click()
    expect(widget.locator("[data-candor-result] .candor-verdict")).to_be_visible()
    if widget.locator('[data-candor-action="export"]').count():  # its keep actions: export and share
        with widget.page.expect_download():
            widget.locator('[data-candor-action="export"]').click()
        widget.locator('[data-candor-action="share"]').click()
        expect(widget.locator("[data-candor-share-url]")).to_have_value(re.compile(re.escape(SHARE_PREFIX + SHARE_VERSION)))


def use_quiz(widget: Locator) -> None:
    """A knowledge check: choose the first option of every question and submit, if it has a submit button."""
    for fieldset in widget.locator("fieldset").all():
        if fieldset.is_visible() and fieldset.locator("input").count():
            fieldset.locator("input").first.check()
    submit = widget.locator('button[type="submit"]:visible')
    if submit.count():
        submit.first.click()
    widget.page.wait_for_timeout(500)


def use_widgets(page: Page) -> list[str]:
    used = []
    for wid in widget_ids(page):
        widget = page.locator(f"#{wid}")
        if widget.get_attribute("data-candor-check") is not None:
            use_check(widget)
        elif widget.get_attribute("data-candor-tool") is not None:
            use_tool(widget)
        else:
            use_quiz(widget)
        used.append(f"{urlparse(page.url).path}#{wid}")
    return used


def form_answers(widget: Locator) -> dict[str, list[str]]:
    return widget.evaluate(
        """(w) => Object.fromEntries([...w.querySelectorAll("fieldset[data-question]")]
             .map((f) => [f.dataset.question, [...f.querySelectorAll("input:checked")].map((i) => i.value)])
             .filter(([, v]) => v.length))"""
    )


def saved_answers(page: Page, check: str | None) -> Any:
    """What this browser keeps for a check, without its saved_at time (the widget re-saves on every update)."""
    text = page.evaluate("(k) => localStorage.getItem(k)", f"candor:answers:{check}")
    return {k: v for k, v in json.loads(text).items() if k != "saved_at"} if text else None


def keep_round_trip(page: Page, widget: Locator, tmp: Path) -> None:
    """Every keep action of a check: export, clear, import, report, share (and the replace prompt)."""
    with page.expect_download() as exported:
        widget.locator('[data-candor-action="export"]').click()
    answers = tmp / "answers.json"
    exported.value.save_as(answers)
    widget.locator('[data-candor-action="clear"]').click()
    widget.locator('[data-candor-prompt] [data-choice="clear"]').click()
    expect(widget.locator("[data-candor-notice]")).to_contain_text("cleared")
    with page.expect_file_chooser() as chooser:
        widget.locator('[data-candor-action="import"]').click()
    chooser.value.set_files(str(answers))
    expect(widget.locator("[data-candor-notice]")).to_contain_text("Loaded the imported file")
    with page.expect_download():
        widget.locator('[data-candor-action="report"]').click()
    widget.locator('[data-candor-action="share"]').click()
    expect(widget.locator("[data-candor-share-url]")).to_have_value(re.compile(re.escape(SHARE_PREFIX + SHARE_VERSION)))


# ---- the journey -----------------------------------------------------------------------------------------


@dataclass
class Journey:
    site: Site
    context: BrowserContext
    page: Page
    violations: list[dict[str, Any]] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    full_loads: list[str] = field(default_factory=list)
    heads_loaded: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    storage: dict[str, Any] = field(default_factory=dict)
    cookies: list[Any] = field(default_factory=list)
    seconds: float = 0.0


def trusted_context(browser: Browser, site: Site, record: Journey | None = None) -> BrowserContext:
    """A context under the site's real policy, with the recommended policy also sent as the workers' header."""
    context = browser.new_context(accept_downloads=True)
    policy = worker_policy(site)

    def with_policy(route: Route) -> None:
        try:
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})
        except TargetClosedError:  # the context closed while a worker's script was on its way (search starts when idle)
            pass

    context.route(WORKERS, with_policy)
    if record is not None:
        context.expose_function("__candorReport", lambda violation: record.violations.append(violation))
        context.on("request", lambda request: record.requests.append(request.url))
    context.add_init_script(RECORDER)
    return context


@pytest.fixture(scope="module")
def journey(browser: Browser, site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journey]:
    record = Journey(site, None, None)  # type: ignore[arg-type]
    context = trusted_context(browser, site, record)
    page = context.new_page()
    record.context, record.page = context, page
    page.on("console", lambda m: record.console.append(f"{page.url} [{m.type}] {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda error: record.console.append(f"{page.url} [pageerror] {error}"))
    page.on("load", lambda: record.full_loads.append(page.url))
    started = time.monotonic()
    paths = site_paths(site)

    # 1. Full loads: every distinct head starts from scratch under its own policy, and each page whose policy is
    #    not the tour's has its content (inline scripts and styles) run under its own.
    start = "checks/disclosure/"
    for path in full_loads(site, paths, start):
        page.goto(site.url + path)
        record.heads_loaded.append(path)

    # 2. From a full load of a check page (its policy boots the engine), tour every page with instant navigation
    #    and use every widget: the engine, the keep actions, search, the colour-scheme toggle.
    page.goto(site.url + start)
    loads = len(record.full_loads)
    widget = page.locator("[data-candor-check]").first
    use_check(widget, answers=2)
    keep_round_trip(page, widget, tmp_path_factory.mktemp("journey"))
    share = widget.locator("[data-candor-share-url]").input_value()
    for path in paths:
        instant(page, site.url + path)
        record.visited.append(path)
        record.used += use_widgets(page)
    instant(page, site.url + "checks/")
    instant(page, share)
    prompt = page.locator("[data-candor-prompt]:visible")
    expect(prompt).to_be_visible(timeout=READY_TIMEOUT)  # this browser has answers: it asks before replacing them
    prompt.get_by_role("button", name="Keep my answers").click()
    page.locator("label[for^='__palette']:visible").first.click()
    page.locator("label[for^='__palette']:visible").first.click()
    page.keyboard.press("/")
    page.keyboard.type("consent")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=READY_TIMEOUT)
    page.keyboard.press("Escape")
    assert len(record.full_loads) == loads, f"the tour should use instant navigation, but loaded {record.full_loads[loads:]}"

    record.storage = page.evaluate(
        """async () => ({
          local: Object.keys(localStorage), session: Object.keys(sessionStorage),
          databases: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
          caches: self.caches ? await caches.keys() : [],
          workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
        })"""
    )
    record.cookies = context.cookies()
    record.seconds = time.monotonic() - started
    print(f"\njourney: {len(record.heads_loaded)} pages loaded in full ({record.heads_loaded}), {len(paths)} toured instantly"
          f" in {record.seconds:.1f} s; widgets used: {record.used}")
    yield record
    context.close()


def test_no_policy_violation_or_console_error_on_any_page_or_widget(journey: Journey) -> None:
    assert journey.used, "the tour used no widget"
    assert journey.visited == site_paths(journey.site), "the tour should reach every page"
    violations = "\n".join(json.dumps(v) for v in journey.violations)
    assert journey.violations == [], f"Content Security Policy violations:\n{violations}"
    assert journey.console == [], "console errors:\n" + "\n".join(journey.console)


def test_the_worker_header_served_here_is_the_one_the_nginx_snippet_sends(site: Site) -> None:
    snippet = (site.dir / "_deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{worker_policy(site)}" always;' in snippet
    assert "connect-src 'self'" in worker_policy(site)


def test_every_request_stays_on_the_site(journey: Journey) -> None:
    origin = urlparse(journey.site.url)
    foreign, missing = set(), set()
    for url in journey.requests:
        parts = urlparse(url)
        if parts.scheme == "data":
            continue
        if parts.scheme == "blob":  # downloads made in the page: blob:<origin>/<uuid>
            parts = urlparse(url.removeprefix("blob:"))
        if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
            foreign.add(url)
        elif not url.startswith("blob:"):
            target = journey.site.dir / parts.path.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.add(parts.path)
    assert foreign == set(), f"requests to other origins: {sorted(foreign)}"
    assert missing == set(), f"requests for files the site does not have: {sorted(missing)}"
    assert any(u.endswith(".wasm") for u in journey.requests), "the journey should have loaded the runtime"


def test_no_cookie_and_only_the_documented_keys_are_stored(journey: Journey) -> None:
    assert journey.cookies == []
    scope = urlparse(journey.site.url).path  # Material's keys are prefixed with the site's path
    ids = stored_ids(journey.site)
    documented = {f"candor:{kind}:{i}" for i in ids for kind in ("answers", "aside")}
    documented |= {"candor:learning:v1", "candor:quiz-order:v1", f"{scope}.__palette"}
    local = set(journey.storage["local"])
    assert local <= documented, f"undocumented localStorage keys: {sorted(local - documented)}"
    assert f"{scope}.__palette" in local, "Material stores the colour scheme on every page load"
    assert any(k.startswith("candor:answers:") for k in local)
    assert journey.storage["session"] == [], journey.storage
    assert journey.storage["databases"] == [] and journey.storage["caches"] == [] and journey.storage["workers"] == 0
    privacy = (journey.site.dir / "about" / "privacy" / "index.html").read_text(encoding="utf-8")
    for key in ("candor:answers:", "candor:aside:", "candor:learning:v1", "candor:quiz-order:v1", "__palette"):
        assert key in privacy, f"the privacy page does not document {key}"
    for check in stored_ids(journey.site):
        assert f"candor:answers:{check}" in privacy or check in privacy, f"the privacy page does not name {check}"
        assert f"candor:aside:{check}" in privacy, f"the privacy page does not name candor:aside:{check}"


# ---- reflow at 320 px ------------------------------------------------------------------------------------

OVERFLOW = """(limit) => {
  const scrolls = (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
  const clips = (el) => /(hidden|clip)/.test(getComputedStyle(el).overflowX);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (!box.width || box.right <= limit + 2) continue;  // 2 px for sub-pixel rounding of glyphs and borders
    let up = el.parentElement, inside = null;
    while (up && up !== document.body) {
      if (scrolls(up) || clips(up)) { inside = up; break; }
      up = up.parentElement;
    }
    if (inside && scrolls(inside)) continue;  // an explicit scroll container: allowed
    if (inside && inside.getBoundingClientRect().right <= limit + 2 && !el.closest(".md-sidebar, .md-search, .md-dialog")) {
      out.push({ element: name(el), right: Math.round(box.right), clipped_by: name(inside) });
    } else if (!inside && !el.closest(".md-search")) {  // Material's search drawer waits off-canvas while closed
      out.push({ element: name(el), right: Math.round(box.right), path: [...(function* () {
        for (let p = el; p && p !== document.body; p = p.parentElement) yield name(p);
      })()].slice(0, 5).join(" < ") });
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, overflowing: out.slice(0, 15) };
}"""


def test_check_pages_reflow_at_320_px(journey: Journey) -> None:
    page, site = journey.page, journey.site
    page.set_viewport_size({"width": 320, "height": 800})
    problems = []
    try:
        for path in [p for p in site_paths(site) if p.startswith("checks/")]:
            instant(page, site.url + path)
            for wid in widget_ids(page):
                widget = page.locator(f"#{wid}")
                expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
                if widget.get_attribute("data-candor-check") is not None:
                    widget.locator('[data-candor-action="share"]').click()  # the share box, with its long link
                    answer_all(widget)  # the full result: verdict, flags, recommendations, chart, area table
            found = page.evaluate(OVERFLOW, 320)
            print(f"{path}: scrollWidth {found['scrollWidth']}")
            if found["scrollWidth"] > 320 or found["overflowing"]:
                wide = json.dumps(found["overflowing"], indent=1)
                problems.append(f"{path}: scrollWidth {found['scrollWidth']}; wider than 320 px: {wide}")
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})
    assert problems == [], "horizontal scrolling at 320 px:\n" + "\n".join(problems)


# ---- share-link fuzzing ----------------------------------------------------------------------------------


XSS = "<img src=x onerror=window.pwned=1>"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def fragments(valid: str, count: int, seed: int = 20260) -> list[str]:
    """Random and mutated share fragments (the part after the share prefix)."""
    rng = random.Random(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    wild = alphabet + "+/=.%~!$&'()*,;:@ \u00e9\u2028\ud7ff\U0001f600"
    v = SHARE_VERSION  # first in every fragment the widget reads
    payload = valid.removeprefix(v)
    fixed = [
        "", "c1", v, "C1.", "c2." + payload, v + payload + "=", v + "=", v + "A", v + "AA", v + "AAA",
        v + payload[:-1], v + payload[: len(payload) // 2], v + "A" * (MAX_SHARE_FRAGMENT + 16), v + "_" * 16000,
        v + b64url(b"\xff\xfe\xfd"), v + b64url(b"\xc0\xaf"), v + b64url(b"\xed\xa0\x80"),  # overlong, surrogate
        v + b64url(b"{" * 3000), v + b64url(b"[" * 6000), v + b64url(b"[" * 3000 + b"]" * 3000),
        v + b64url(b'{"questionnaire":"disclosure","version":1,"answers":' + b"[" * 2500 + b"]" * 2500 + b"}"),
        v + b64url(b"null"), v + b64url(b"[]"), v + b64url(b'"x"'), v + b64url(b"1e999"),
        v + b64url(json.dumps({"questionnaire": "disclosure", "version": 1, "answers": {XSS: "x"}}).encode()),
        v + b64url(json.dumps({"questionnaire": "prelaunch", "version": 1, "answers": {}}).encode()),
        v + b64url(json.dumps({"questionnaire": "disclosure", "version": 99, "answers": {}}).encode()),
        v + b64url(json.dumps({"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}).encode()),
        v + b64url("\u0000\u202e\ufeff".encode()), v + "%00", v + "%41%41%41%41",
    ]
    out = list(fixed)
    while len(out) < count:
        kind = rng.randrange(6)
        if kind == 0:  # random base64url of random length
            out.append(v + "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400))))
        elif kind == 1:  # random bytes, encoded (mostly not UTF-8)
            out.append(v + b64url(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))))
        elif kind == 2:  # the valid link, truncated
            out.append(v + payload[: rng.randrange(0, len(payload))])
        elif kind == 3:  # the valid link with a few characters changed, inserted or deleted
            chars = list(payload)
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(chars))
                op = rng.randrange(3)
                if op == 0:
                    chars[at] = rng.choice(alphabet)
                elif op == 1:
                    chars.insert(at, rng.choice(wild))
                elif len(chars) > 1:
                    del chars[at]
            out.append(v + "".join(chars))
        elif kind == 4:  # the valid JSON, mutated, then encoded properly
            text = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            for _ in range(rng.randint(1, 3)):
                text[rng.randrange(len(text))] = rng.randrange(256)
            out.append(v + b64url(bytes(text)))
        else:  # anything at all, of any length
            out.append("".join(rng.choice(wild) for _ in range(rng.randrange(0, 60))) * rng.choice([1, 1, 1, 300]))
    return out


# The widget has said something about the link: a notice, or the question whether to replace the answers.
SPOKE = """() => {
  const w = document.querySelector("[data-candor-check]");
  return w.querySelector("[data-candor-notice]").textContent.trim() !== "" || !w.querySelector("[data-candor-prompt]").hidden;
}"""

FUZZ_IN_PAGE = """async ({ keepUrl, engineUrl, fragments, check }) => {
  const keep = await import(keepUrl);
  const { getEngine } = await import(engineUrl);
  const engine = getEngine();
  const widget = document.querySelector(`[data-candor-check="${check}"]`);
  const key = widget.dataset.candorSavedKey;
  const chosen = () => JSON.stringify([...widget.querySelectorAll("input:checked")].map((i) => i.id));
  const saved = localStorage.getItem(key), form = chosen(), path = location.pathname;
  const failures = [], seen = { none: 0, text: 0, error: 0, ok: 0, refused: 0 };
  for (const fragment of fragments) {
    history.replaceState(history.state, "", `${path}${widget.dataset.candorSharePrefix}${fragment}`);
    let shared;
    try {
      shared = keep.sharedFromLocation(widget);
    } catch (error) {
      failures.push({ fragment: fragment.slice(0, 80), threw: String(error) });
      continue;
    }
    if (shared === null) seen.none++;
    else if (typeof shared.error === "string" && !("text" in shared)) seen.error++;
    else if (typeof shared.text === "string" && !("error" in shared)) {
      seen.text++;
      const reply = await engine.call({ op: "read", check, text: shared.text });
      if (typeof reply.ok !== "boolean") failures.push({ fragment: fragment.slice(0, 80), reply });
      else seen[reply.ok ? "ok" : "refused"]++;
      if (!reply.ok && /internal error/.test(reply.error.message)) {
        failures.push({ fragment: fragment.slice(0, 80), internal: reply.error.message });
      }
    } else failures.push({ fragment: fragment.slice(0, 80), shape: JSON.stringify(shared).slice(0, 200) });
    if (localStorage.getItem(key) !== saved || chosen() !== form) failures.push({ fragment: fragment.slice(0, 80), changed: true });
  }
  history.replaceState(history.state, "", path);
  const after = await engine.call({ op: "evaluate", check, answers: {} });
  return { failures, seen, engineAlive: after.ok === true, polluted: ({}).polluted !== undefined, pwned: window.pwned !== undefined };
}"""


def test_share_fragments_never_throw_and_never_change_the_answers(journey: Journey) -> None:
    page, site = journey.page, journey.site
    instant(page, site.url + "checks/disclosure/")
    widget = page.locator("[data-candor-check]").first
    expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    if not form_answers(widget):
        answer_one(widget)
    widget.locator('[data-candor-action="share"]').click()
    valid = widget.locator("[data-candor-share-url]").input_value().split(SHARE_PREFIX, 1)[1]
    cases = fragments(valid, 400)
    check = widget.get_attribute("data-candor-check")
    result = page.evaluate(FUZZ_IN_PAGE, {
        "keepUrl": site.url + "assets/candor/js/keep.mjs", "engineUrl": site.url + "assets/candor/js/engine.mjs",
        "fragments": cases, "check": check,
    })
    print(f"\n{len(cases)} fragments through sharedFromLocation: {result['seen']}")
    assert result["failures"] == [], json.dumps(result["failures"][:20], indent=1)
    assert result["engineAlive"] and not result["polluted"] and not result["pwned"]

    # A sample through real navigation: the widget reads the link, says what is wrong (or asks), keeps the answers.
    before = (form_answers(widget), saved_answers(page, check))
    for fragment in [c for c in cases if c.startswith(SHARE_VERSION)][:: max(1, len(cases) // 12)][:12]:
        instant(page, site.url + "checks/")
        instant(page, f"{site.url}checks/disclosure/{SHARE_PREFIX}{fragment}")
        widget = page.locator("[data-candor-check]").first
        expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
        page.wait_for_function(f"() => !location.hash.startsWith({json.dumps(SHARE_PREFIX)})")
        page.wait_for_function(SPOKE)
        prompt = widget.locator("[data-candor-prompt]")
        if prompt.is_visible():
            prompt.get_by_role("button", name="Keep my answers").click()
        after = (form_answers(widget), saved_answers(page, check))
        assert after == before, f"{SHARE_PREFIX}{fragment[:60]}… changed the answers"
        assert widget.locator("[data-candor-notice] img, [data-candor-notice] script").count() == 0
    assert page.evaluate("window.pwned") is None


# ---- a runtime that cannot load -------------------------------------------------------------------------
# How soon the page says so (goal: within 2 s of the blocked request) is a figure of benchmarks/run.py, not an
# assertion here: a shared machine under load makes any wall-time limit flaky. This test asserts the signals.


def test_a_blocked_runtime_says_so_and_keeps_the_answers(browser: Browser, site: Site) -> None:
    context = trusted_context(browser, site)
    page = context.new_page()
    aborted: list[str] = []

    def abort(route: Route) -> None:
        aborted.append(route.request.url)
        route.abort()

    page.route(WASM, abort)
    try:
        for visit in ("first visit", "reload with saved answers"):
            aborted.clear()
            if visit == "first visit":
                page.goto(site.url + "checks/disclosure/")
            else:
                page.reload()
            widget = page.locator("[data-candor-check]").first
            expect(widget).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
            assert aborted, "the runtime request was never made"
            expect(widget.locator("[role=status]")).to_contain_text("could not start")
            if visit == "first visit":  # the form is usable without the engine, and what is answered is kept
                first = widget.locator("fieldset[data-question]").first.locator("input").first
                first.check()
                kept = first.get_attribute("id")
                assert widget.locator("fieldset[data-question][hidden]").count() == 0, "every question shows without the engine"
            else:
                expect(page.locator(f"#{kept}")).to_be_checked()
                second = widget.locator("fieldset[data-question]").nth(1).locator("input").first
                second.check()
                stored = json.loads(page.evaluate("localStorage.getItem('candor:answers:disclosure')"))
                assert len(stored["answers"]) == 2, stored
    finally:
        context.close()


def test_no_form_is_submitted_even_without_the_engine(browser: Browser, site: Site) -> None:
    """Pressing Enter in a form whose engine never started must not send what was typed in a URL."""
    context = trusted_context(browser, site)
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if "?" in request.url else None)
    page.route(WASM, lambda route: route.abort())
    try:
        for path in [p for p in site_paths(site) if p.startswith("checks/") and re.search(r"data-candor-(check|tool)=", html_of(site, p))]:
            page.goto(site.url + path)
            widget = page.locator("[data-candor-check], [data-candor-tool]").first
            expect(widget).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
            field = widget.locator('input[type="text"]:visible').first
            if field.count():
                field.fill("Secret group")
                field.press("Enter")
            else:
                widget.locator("input").first.focus()
                page.keyboard.press("Space")
                page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            assert urlparse(page.url).query == "", f"{path}: the form was submitted: {page.url}"
    finally:
        context.close()
    assert sent == [], f"requests with a query string: {sent}"


# ---- accessibility ---------------------------------------------------------------------------------------


@dataclass
class Audit:
    page: Page
    found: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def run(self, state: str, within: str | None = None) -> None:
        """Audit the page in this state: all of it, or only the widgets matching ``within`` when nothing else
        changed since the whole page was audited (colours are still judged against the page behind them)."""
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.add_script_tag(path=str(AXE))
        self.found[state] = self.page.evaluate(
            """async ([tags, within]) => {
              // Long forms skip rendering off-screen groups (content-visibility: auto) until they scroll into
              // view; axe measures sizes and colours from rendering, so audit every group as it looks on screen.
              const skipped = [...document.querySelectorAll("*")].filter((e) => getComputedStyle(e).contentVisibility === "auto");
              skipped.forEach((e) => { e.style.contentVisibility = "visible"; });
              // Judge what a reader sees once transitions (button hover, tooltip fade, a group that has just
              // been rendered catching up with a scheme change) have finished.
              await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              const settled = Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
              await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1500))]);
              const where = within ? { include: [...document.querySelectorAll(within)].map((e) => [e]) } : document;
              if (within && !where.include.length) throw new Error(`nothing matches ${within}`);
              const result = await axe.run(where, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
              skipped.forEach((e) => { e.style.contentVisibility = ""; });
              return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 240), why: n.failureSummary })),
              }));
            }""",
            [AXE_TAGS, within],
        )

    def report(self) -> str:
        """Violations grouped by rule, each element once, with the states it was seen in."""
        rules: dict[str, dict[str, Any]] = {}
        for state, violations in self.found.items():
            for v in violations:
                rule = rules.setdefault(v["id"], {"title": f"{v['id']} ({v['impact']}): {v['help']}", "nodes": {}})
                for node in v["nodes"]:
                    html = " ".join(node["html"].split())
                    why = " ".join(node["why"].replace("Fix any of the following:", "").replace("Fix all of the following:", "").split())
                    rule["nodes"].setdefault((node["target"], html, why), []).append(state)
        lines = []
        for rule in rules.values():
            lines.append(rule["title"])
            for (target, html, why), states in list(rule["nodes"].items())[:12]:
                where = ", ".join(states[:4]) + (f" and {len(states) - 4} more" if len(states) > 4 else "")
                lines.append(f"  {target}\n    {html}\n    {why}\n    in: {where}")
            if len(rule["nodes"]) > 12:
                lines.append(f"  … and {len(rule['nodes']) - 12} more elements")
        return "\n".join(lines)


@pytest.fixture
def audit(browser: Browser) -> Iterator[Audit]:  # one per test: the audits run side by side on the suite's processes
    # axe is injected as an inline script (add_script_tag), which the site's policy rightly refuses: this
    # context alone bypasses the policy. The CSP itself is tested by the journey above.
    context = browser.new_context(bypass_csp=True, accept_downloads=True)
    yield Audit(context.new_page())
    context.close()


def test_page_templates_have_no_serious_accessibility_violations(audit: Audit, site: Site) -> None:
    assert AXE.is_file(), "run npm ci: axe-core is a pinned npm dependency"
    for path in TEMPLATES:
        if (site.dir / path / "index.html").is_file():
            audit.page.goto(site.url + path)
            audit.run(path or "home")
    assert all(v == [] for v in audit.found.values()), "\n" + audit.report()


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_onboarding_and_dated_pages_have_no_serious_accessibility_violations_on_desktop_or_phone(
        audit: Audit, site: Site, width: int, height: int) -> None:
    assert AXE.is_file(), "run npm ci: axe-core is a pinned npm dependency"
    missing = [path for path in ONBOARDING if not (site.dir / path / "index.html").is_file()]
    assert missing == [], f"pages to audit are not built: {missing}"
    audit.page.set_viewport_size({"width": width, "height": height})
    for path in ONBOARDING:
        audit.page.goto(site.url + path)
        audit.run(f"{path} at {width} px")
        if width < 1280 and widget_ids(audit.page):
            for wid in widget_ids(audit.page):
                use_quiz(audit.page.locator(f"#{wid}"))
            audit.run(f"{path} at {width} px, knowledge checks answered", QUIZ)
    assert all(v == [] for v in audit.found.values()), "\n" + audit.report()


def test_widget_states_have_no_serious_accessibility_violations(audit: Audit, site: Site, tmp_path: Path) -> None:
    page = audit.page
    widget_pages = [p for p in site_paths(site) if p.startswith("checks/") and re.search(r"data-candor-(check|tool)=", html_of(site, p))]
    page.goto(site.url + widget_pages[0])
    for i, path in enumerate(widget_pages):
        if i:
            instant(page, site.url + path)
        for wid in widget_ids(page):
            expect(page.locator(f"#{wid}")).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
        audit.run(f"{path}: empty")
    instant(page, site.url + "checks/prelaunch/")
    widget = page.locator("[data-candor-check]").first
    expect(widget).to_have_attribute("data-candor-state", "ready", timeout=READY_TIMEOUT)
    answer_one(widget)
    answer_one(widget)
    audit.run("prelaunch: partly answered", CHECK)
    chatbot = widget.locator("fieldset[data-question='tr-chatbot-disclosed']")
    widget.get_by_label("A chatbot or AI assistant that people talk to").check()
    chatbot.get_by_label("Only if someone asks").check()
    expect(chatbot.locator("[data-candor-inline-flag=red]")).to_have_count(1)
    audit.run("prelaunch: a red flag at its answer, with the summary in view", CHECK)
    chatbot.get_by_label("Yes, in its first message, in plain words").check()
    expect(chatbot.locator("[data-candor-inline-flag]")).to_have_count(0)
    answer_all(widget)
    audit.run("prelaunch: complete", CHECK)
    page.locator("label[for^='__palette']:visible").first.click()
    page.mouse.move(0, 0)
    audit.run("prelaunch: complete, dark scheme")
    page.locator("label[for^='__palette']:visible").first.click()
    page.mouse.move(0, 0)
    page.set_viewport_size({"width": 320, "height": 800})
    audit.run("prelaunch: complete, 320 px wide")
    page.set_viewport_size({"width": 1280, "height": 720})
    with page.expect_download() as exported:
        widget.locator('[data-candor-action="export"]').click()
    answers = tmp_path / "answers.json"
    exported.value.save_as(answers)
    with page.expect_file_chooser() as chooser:
        widget.locator('[data-candor-action="import"]').click()
    chooser.value.set_files(str(answers))
    expect(widget.locator("[data-candor-prompt]")).to_be_visible()
    audit.run("prelaunch: import asks before replacing", CHECK)
    widget.locator('[data-candor-prompt] [data-choice="use"]').click()
    expect(widget.locator("[data-candor-notice]")).to_contain_text("Loaded the imported file")
    widget.locator('[data-candor-action="share"]').click()
    audit.run("prelaunch: imported, share link shown", CHECK)
    bad = tmp_path / "bad.json"
    bad.write_text('{"questionnaire": "prelaunch", "version": 1, "answers": {"shoe-size": "42"}}')
    with page.expect_file_chooser() as chooser:
        widget.locator('[data-candor-action="import"]').click()
    chooser.value.set_files(str(bad))
    expect(widget.locator("[data-candor-notice] [role=alert]")).to_be_visible()
    audit.run("prelaunch: import refused", CHECK)
    for path in widget_pages:
        instant(page, site.url + path)
        for tool in page.locator("[data-candor-tool]").all():
            use_tool(tool)
            audit.run(f"{path}: result", TOOL)
    for path in site_paths(site):
        if "data-candor-quiz=" in html_of(site, path):
            instant(page, site.url + path)
            for wid in widget_ids(page):
                use_quiz(page.locator(f"#{wid}"))
            audit.run(f"{path}: quiz answered", QUIZ)
    failing = page.context.new_page()
    failing.route(WASM, lambda route: route.abort())
    failing.goto(site.url + "checks/disclosure/")
    expect(failing.locator("[data-candor-check]").first).to_have_attribute("data-candor-state", "failed", timeout=READY_TIMEOUT)
    Audit(failing, audit.found).run("disclosure: engine failed")
    failing.close()
    assert all(v == [] for v in audit.found.values()), "\n" + audit.report()
