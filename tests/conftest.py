"""Shared fixtures: the real content catalogue, golden cases, and a built site for site and browser tests."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from candor.bundle import LoadedCheck, load_bundle, make_bundle
from candor.catalog import Catalog
from candor.content_files import load_schemas, raw_checks, read_catalog
from candor.intake import check_envelope
from hypothesis import settings

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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The site, built with --strict for the address it is served at on 127.0.0.1.

    Material's instant navigation only treats links as internal when the sitemap's host and port match
    the page's, so the build gets the server's port as its site_url. The site is built with
    CANDOR_BOOT=snapshot, so most browser tests start the engine in about a second; the tests of the boot
    paths choose theirs with ?candor-boot=auto|plain|snapshot.
    """
    out = tmp_path_factory.mktemp("site")
    reporting = Reporting()
    handler = type("Handler", (_Handler,), {"reporting": reporting})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(out)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT, check=True, env={**os.environ, "CANDOR_SITE_URL": url, "NO_MKDOCS_2_WARNING": "1", "CANDOR_BOOT": "snapshot"},
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(url, out, reporting)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_dir(site: Site) -> Path:
    return site.dir


@pytest.fixture(scope="session")
def site_url(site: Site) -> str:
    return site.url
