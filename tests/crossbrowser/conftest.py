"""Cross-browser smoke journeys: Firefox ESR and WebKitGTK (Debian's packages) against the built site.

One browser per engine for the whole module (a fresh profile), and while the journeys run the test server
also sends the deploy header policy (the `_headers` file's) as a report-only header, so a CSP violation in
a page or a worker, in either engine, arrives as a report and fails the test that caused it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from ..conftest import Site
from .drivers import ENGINES, Driver, launch


@pytest.fixture(scope="module", params=ENGINES)
def driver(request: pytest.FixtureRequest, site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    policy = re.search(r"Content-Security-Policy: (.+)", (site.dir / "_headers").read_text())
    assert policy
    site.reporting.policy = policy.group(1)
    browser = launch(request.param, tmp_path_factory.mktemp(request.param))
    try:
        yield browser
    finally:
        browser.close()
        site.reporting.policy = ""


@pytest.fixture
def clean(driver: Driver, site: Site) -> Iterator[Driver]:
    """The driver, with this site's storage empty at the start, and no console error, uncaught error or CSP
    violation (enforced or reported) allowed by the end."""
    driver.open(site.url)
    driver.js("() => localStorage.clear()")
    driver.problems()
    site.reporting.reports.clear()
    yield driver
    driver.js("() => new Promise((done) => setTimeout(done, 300))")  # reports are sent asynchronously
    problems = driver.problems() + [f"CSP report: {r}" for r in site.reporting.reports]
    assert problems == [], f"{driver.name}: {problems}"
