"""Shared fixtures: the real content catalogue, golden cases, and a built site for site and browser tests."""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from candor.checks.loaded import LoadedCheck, load_bundle
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import load_schemas, raw_checks, read_catalog
from candor.intake.envelope import check_envelope
from hypothesis import settings

from tests import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
GOLDEN = Path(__file__).parent / "golden"

# Property tests check results, not speed: Hypothesis's per-example deadline (200 ms) is a timing assertion
# that fails on a shared 2-core machine under load, so it is off for the whole suite.
settings.register_profile("candor", deadline=None)
settings.load_profile("candor")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return read_catalog(CONTENT)


@pytest.fixture(scope="session")
def schemas() -> dict[str, Any]:
    return load_schemas(CONTENT)


@pytest.fixture(scope="session")
def loaded(catalog: Catalog, schemas: dict[str, Any]) -> dict[str, LoadedCheck]:
    """Every check, loaded through the same bundle the browser receives."""
    raws = raw_checks(CONTENT)
    return {cid: load_bundle(make_bundle(catalog, raw, schemas["answers"])) for cid, raw in raws.items()}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of content/ that a test may break (see tests/content_edits.py)."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def golden_cases() -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{p.parent.name}/{p.stem}", json.loads(p.read_text()))
        for p in sorted(GOLDEN.glob("*/*.json"))
    ]


def golden_answers(case: dict[str, Any], check: LoadedCheck, answers_schema: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The answers a golden case is judged on, read as an imported file or share link would be: a case saved with
    an older version is brought forward first, and the notes the reader is shown (migration, answers to
    questions that are not asked) come back too."""
    env, notes = check_envelope(case["answers"], check.questionnaire, answers_schema)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in env.answers.items()}, notes


REPORT_PATH = "/__csp-report"


@dataclass
class Reporting:
    """While ``policy`` is set, every response also carries it as a report-only header, and the browser's
    reports of what it would block (pages and workers alike, in any engine) are collected in ``reports``."""

    policy: str = ""
    reports: list[dict[str, Any]] = field(default_factory=list)


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".wasm": "application/wasm"
    }
    reporting: Reporting

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # what a typical static host sends
        if self.reporting.policy:
            self.send_header("Content-Security-Policy-Report-Only", f"{self.reporting.policy}; report-uri {REPORT_PATH}")
        super().end_headers()

    def do_POST(self) -> None:
        if self.path != REPORT_PATH:
            self.send_error(405)
            return
        body = self.rfile.read(min(int(self.headers.get("Content-Length") or 0), 65536))
        try:
            self.reporting.reports.append(json.loads(body))
        except ValueError:
            self.reporting.reports.append({"unreadable": body.decode("utf-8", "replace")})
        self.send_response(204)
        self.end_headers()


@dataclass(frozen=True)
class Site:
    url: str
    dir: Path
    reporting: Reporting = field(default_factory=Reporting)


class _SiteBuild:
    """The site build of this test process, started in the background as soon as the tests are collected (when any
    of them needs the site), so the tests that do not need it run meanwhile; ``site`` waits for it."""

    def __init__(self) -> None:
        self.out = Path(tempfile.mkdtemp(prefix="candor-site-"))
        self.reporting = Reporting()
        handler = type("Handler", (_Handler,), {"reporting": self.reporting})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(self.out)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._build, daemon=True)
        self.thread.start()

    def _build(self) -> None:
        try:
            mkdocs_build.build(self.out, {"CANDOR_SITE_URL": self.url, "CANDOR_BOOT": "snapshot"})  # any warning fails it
        except BaseException as exc:
            self.error = exc


_site_build: list[_SiteBuild] = []


def _start_site_build() -> _SiteBuild:
    if not _site_build:
        _site_build.append(_SiteBuild())
    return _site_build[0]


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """The site, built with --strict for the address it is served at on 127.0.0.1.

    Material's instant navigation only treats links as internal when the sitemap's host and port match
    the page's, so the build gets the server's port as its site_url. The site is built with
    CANDOR_BOOT=snapshot, so most browser tests start the engine in about a second; the tests of the boot
    paths choose theirs with ?candor-boot=auto|plain|snapshot.
    """
    build = _start_site_build()
    build.thread.join()
    if build.error is not None:
        raise build.error
    thread = threading.Thread(target=build.server.serve_forever, daemon=True)
    thread.start()
    yield Site(build.url, build.out, build.reporting)
    build.server.shutdown()
    build.server.server_close()
    shutil.rmtree(build.out, ignore_errors=True)


@pytest.fixture(scope="session")
def site_dir(site: Site) -> Path:
    return site.dir


@pytest.fixture(scope="session")
def site_url(site: Site) -> str:
    return site.url


# Under pytest-xdist (scripts/test runs two processes with --dist loadgroup) every test goes wherever a process is
# free, except those that share something expensive or exclusive: the tests of a module that share one of its
# module-scoped fixtures (a toured browser context, an audit page) stay in one process so it starts once; so do the
# tests of a module that serves a checkout (a fixed port, one `site/`) or runs nginx; and each cross-browser engine.
# Two fixtures of one module are two groups: the trust module's journey and its accessibility audit run side by side.
ONE_PROCESS = ("tests/browser/test_deploy_nginx.py", "tests/readme/")


def shared_fixtures(item: pytest.Item) -> list[str]:
    """The module-scoped fixtures a test uses that are defined in its own module (not the session's, not plugins')."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    module = getattr(item, "module", None)
    names = []
    for name, defs in info.name2fixturedefs.items():
        if any(d.scope == "module" and getattr(d.func, "__module__", None) == getattr(module, "__name__", "") for d in defs):
            names.append(name)
    return sorted(names)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups set here into the test ids
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests that need the built site run last, and its build starts now, so the others run while it is made.
    needs_site = [item for item in items if "site" in getattr(item, "fixturenames", ())]
    if needs_site and not config.option.collectonly:
        _start_site_build()
        chosen = set(map(id, needs_site))
        items[:] = [item for item in items if id(item) not in chosen] + needs_site
    for item in items:
        path = item.nodeid.split("::")[0]
        if path.startswith("tests/crossbrowser/"):
            engine = getattr(item, "callspec", None) and item.callspec.params.get("driver")  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.xdist_group(f"crossbrowser-{engine}"))
        elif path.startswith(ONE_PROCESS):
            item.add_marker(pytest.mark.xdist_group(path))
        elif shared := shared_fixtures(item):
            item.add_marker(pytest.mark.xdist_group(f"{path}::{'+'.join(shared)}"))
