"""The generated nginx snippet, served by Debian's nginx with the built site: headers, types, precompressed
files, worker isolation (a page and each worker cannot reach a second local origin) and framing."""

from __future__ import annotations

import contextlib
import gzip
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from ..conftest import Site
from .conftest import wait_ready

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WORKERS = (  # each worker script the site starts, with a page that starts it
    ("checks/disclosure/", "assets/candor/js/engine-worker.mjs"),
    ("checks/disclosure/", "assets/candor/js/search-after-engine.js"),  # Material's search worker runs inside it
    ("guidance/transparency/", "assets/candor/js/search-after-engine.js"),  # on every page
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nginx_config(tmp: Path, port: int, site_dir: Path) -> str:
    """An nginx main config serving the built site on 127.0.0.1:port with the generated snippet included in its
    server block, exactly as docs/about/publish.md says (benchmarks/audits.py serves Lighthouse's pages with it)."""
    return f"""daemon off; master_process off; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {site_dir};
    include {site_dir}/_deploy/nginx.conf;
  }}
}}
"""


@contextlib.contextmanager
def serving(site_dir: Path, tmp: Path) -> Iterator[str]:
    """Debian's nginx serving the built site with its deploy snippet; yields the site's address."""
    assert Path(NGINX).is_file(), "nginx is missing: scripts/test installs Debian's nginx-light"
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_config(tmp, port, site_dir))
    check = subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-c", str(conf)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(site.dir, tmp_path_factory.mktemp("nginx")) as url:
        yield url


class _Target(BaseHTTPRequestHandler):
    """Another origin that would answer anyone (CORS open): only the site's policy can keep a request away."""

    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>other</title>" + self.server.frame_html)  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def other_origin() -> Iterator[tuple[str, list[str], ThreadingHTTPServer]]:
    seen: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("T", (_Target,), {"seen": seen}))
    server.frame_html = b""  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", seen, server
    server.shutdown()
    server.server_close()


def get(url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_every_kind_of_file_gets_the_policy_and_security_headers(nginx: str, site: Site) -> None:
    policy = re.search(r"Content-Security-Policy: (.+)", (site.dir / "_headers").read_text()).group(1)
    permissions = re.search(r"Permissions-Policy: (.+)", (site.dir / "_headers").read_text()).group(1)
    assert "camera=()" in permissions
    search_worker = next((site.dir / "assets/javascripts/workers").glob("search.*.min.js")).name
    for path in ["", "checks/prelaunch/", "assets/candor/js/engine-worker.mjs", "assets/candor/js/search-after-engine.js",
                 f"assets/javascripts/workers/{search_worker}", "assets/pyodide/pyodide.asm.wasm", "search/search_index.full.json",
                 "assets/candor/manifest.json", "no-such-page/"]:
        status, headers, _ = get(nginx + path)
        assert status == (404 if path == "no-such-page/" else 200), path
        assert headers["content-security-policy"] == policy, path
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert headers["permissions-policy"] == permissions, path


@pytest.mark.parametrize("path", ["no-such-page/", "guidance/no-such-page/", "a/b/c/missing.html", "assets/missing.js"])
def test_a_missing_path_gets_the_sites_own_404_page_with_every_header(nginx: str, site: Site, path: str) -> None:
    page = (site.dir / "404.html").read_bytes()
    status, headers, body = get(nginx + path)
    assert status == 404
    assert body == page
    assert headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "microphone=()" in headers["permissions-policy"]
    status, headers, body = get(nginx + path, gzip_ok=True)
    assert status == 404 and headers.get("content-encoding") == "gzip" and gzip.decompress(body) == page


ALLOWED = """() => Object.fromEntries(["camera", "microphone", "geolocation", "payment", "usb", "clipboard-write"]
  .map((feature) => [feature, document.featurePolicy.allowsFeature(feature)]))"""


def test_in_the_browser_the_404_page_is_styled_and_unused_features_are_refused(browser: Browser, nginx: str, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    try:
        response = page.goto(nginx + "guidance/no-such-page/deeper/")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("404 - Not found")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # its CSS loaded
        refused = page.evaluate(ALLOWED)
        page.goto(nginx + "checks/disclosure/")
        wait_ready(page)
        assert page.evaluate(ALLOWED) == refused
        page.goto(site.url)  # without the header: the check can fail
        unguarded = page.evaluate(ALLOWED)
    finally:
        context.close()
    assert refused == {"camera": False, "microphone": False, "geolocation": False, "payment": False, "usb": False,
                       "clipboard-write": True}
    assert unguarded["camera"] is True
    assert not [m for m in messages if "Permissions-Policy" in m or "Permissions Policy" in m], messages


def test_module_scripts_and_wasm_have_their_types_and_hashed_files_are_cached_long(nginx: str, site: Site) -> None:
    assert get(nginx + "assets/candor/js/engine-worker.mjs")[1]["content-type"].startswith("text/javascript")
    assert get(nginx + "assets/pyodide/pyodide.mjs")[1]["content-type"].startswith("text/javascript")
    assert get(nginx + "assets/pyodide/pyodide.asm.wasm")[1]["content-type"] == "application/wasm"
    snapshot = next((site.dir / "assets/candor/snapshot").glob("*.bin")).name
    assert "immutable" in get(nginx + f"assets/candor/snapshot/{snapshot}")[1]["cache-control"]
    assert get(nginx + "assets/candor/manifest.json")[1]["cache-control"] == "no-cache"  # same name, new content
    assert get(nginx + "_deploy/nginx.conf")[0] == 404
    assert get(nginx + "_headers")[0] == 404


@pytest.mark.parametrize("path", ["search/search_index.full.json", "assets/pyodide/pyodide.asm.wasm", "checks/prelaunch/",
                                  "assets/candor/js/engine-worker.mjs"])
def test_precompressed_copies_are_served_to_browsers_that_accept_gzip(nginx: str, site: Site, path: str) -> None:
    status, headers, body = get(nginx + path, gzip_ok=True)
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    original = site.dir / path / "index.html" if path.endswith("/") else site.dir / path
    assert body == original.with_name(original.name + ".gz").read_bytes()  # the file made at build time
    assert gzip.decompress(body) == original.read_bytes()
    assert get(nginx + path)[1].get("content-encoding") is None  # and plain to those that do not


FETCH_OTHER = """async (url) => {
  try { const r = await fetch(url, { mode: "cors" }); return "reached: " + r.status; }
  catch (error) { return "blocked"; }
}"""


def worker_for(page: Page, script: str) -> Any:
    for _ in range(200):
        for worker in page.workers:
            if script in worker.url:
                return worker
        page.wait_for_timeout(50)
    raise AssertionError(f"no worker from {script}: {[w.url for w in page.workers]}")


def test_neither_a_page_nor_any_worker_can_reach_another_origin(
    browser: Browser, nginx: str, other_origin: tuple[str, list[str], ThreadingHTTPServer]
) -> None:
    other, seen, _ = other_origin
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(nginx + "checks/disclosure/")
        wait_ready(page)
        assert page.evaluate(FETCH_OTHER, other + "page") == "blocked"
        checked = ["page"]
        for path, script in WORKERS:
            if not page.url.endswith(path):
                page.goto(nginx + path)
            worker = worker_for(page, script)
            assert worker.evaluate(FETCH_OTHER, nginx + "assets/candor/manifest.json") == "reached: 200"  # same origin works
            assert worker.evaluate(FETCH_OTHER, other + script) == "blocked", script
            checked.append(script)
        assert len(checked) == 4
        assert seen == [], f"another origin was reached: {seen}"
    finally:
        context.close()


def test_the_site_cannot_be_framed_by_another_site(
    browser: Browser, nginx: str, site: Site, other_origin: tuple[str, list[str], ThreadingHTTPServer]
) -> None:
    other, _, server = other_origin
    context = browser.new_context()
    page = context.new_page()
    try:
        titles = {}
        for name, target in {"nginx": nginx, "no headers": site.url}.items():
            server.frame_html = f'<iframe src="{target}" width="600" height="400"></iframe>'.encode()  # type: ignore[attr-defined]
            page.goto(other + "framer")
            page.wait_for_timeout(1500)
            frame = page.frames[1] if len(page.frames) > 1 else None
            try:
                titles[name] = frame.evaluate("document.title") if frame and frame.url.startswith(target) else ""
            except Exception:  # the browser's own error page: not scriptable from here
                titles[name] = ""
        assert "Candor" in titles["no headers"]  # without the headers any site can frame it: the check can fail
        assert titles["nginx"] == ""
    finally:
        context.close()
