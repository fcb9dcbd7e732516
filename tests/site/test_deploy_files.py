"""The deploy files the build writes beside the site: header policy, _headers, nginx snippet, .gz copies,
robots.txt, and the refusal to build a site for the web with a loopback address."""

from __future__ import annotations

import gzip
import re
import sys
import zlib
from pathlib import Path

import pytest

from ..conftest import ROOT, Site

sys.path.insert(0, str(ROOT / "widgets"))
from sitebuild.deploy import DeployError, check_site_url

# What the site never uses, and what it does (the copy buttons write to the clipboard): refused and left alone.
NEVER_USED = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "midi",
              "display-capture", "accelerometer", "gyroscope", "magnetometer", "browsing-topics")
USED = ("clipboard-write",)

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy: str) -> dict[str, set[str]]:
    return {name: set(sources) for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def headers_rules(site_dir: Path) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    current = ""
    for line in (site_dir / "_headers").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" "):
            name, _, value = line.strip().partition(": ")
            assert name not in rules[current], f"{current} sets {name} twice"
            rules[current][name] = value
        else:
            current = line
            rules[current] = {}
    return rules


def test_the_header_policy_allows_what_each_page_allows_and_forbids_framing(site_dir: Path) -> None:
    header = directives(headers_rules(site_dir)["/*"]["Content-Security-Policy"])
    assert header["frame-ancestors"] == {"'none'"}
    assert header["connect-src"] == {"'self'"}, "the workers must not reach other origins"
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        found = META.search(page.read_text(encoding="utf-8"))
        assert found, page
        meta = directives(found.group(1))
        assert set(meta) | {"frame-ancestors"} == set(header), page
        for name, sources in meta.items():
            # A page is held to both policies: the header must allow everything the page's own policy allows.
            assert sources <= header[name], f"{page.relative_to(site_dir)}: {name} {sources - header[name]}"


def test_headers_file_sets_security_headers_once_for_every_path_and_caches_only_hashed_names(site_dir: Path) -> None:
    rules = headers_rules(site_dir)
    every = rules["/*"]
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["Referrer-Policy"] == "no-referrer"
    assert "Cache-Control" not in every  # two matching rules would be joined with a comma
    for path, headers in rules.items():
        if path == "/*":
            continue
        assert set(headers) == {"Cache-Control"}, path
        assert "immutable" in headers["Cache-Control"]
        files = [p for p in site_dir.glob(path.lstrip("/")) if p.is_file() and p.suffix != ".gz"]
        files += [p for p in site_dir.glob(path.lstrip("/") + "/**/*") if p.is_file() and p.suffix != ".gz"]
        assert files, f"{path} matches no file"
        for file in files:  # a long-cached name must change when the content does: it carries a hash
            assert re.search(r"[.-][0-9a-f]{8,}[.-]", file.name), file


def permissions(value: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in value.split(","))


def test_headers_file_refuses_every_feature_the_site_never_uses_and_none_it_uses(site_dir: Path) -> None:
    features = permissions(headers_rules(site_dir)["/*"]["Permissions-Policy"])
    for feature in NEVER_USED:
        assert features.get(feature) == "()", feature
    assert set(features.values()) == {"()"}
    for feature in USED:
        assert feature not in features


def test_the_404_page_works_at_any_depth_with_its_policy(site_dir: Path, site: Site) -> None:
    """Netlify and Cloudflare Pages send 404.html (with the "/*" headers) for any missing path, nginx through the
    snippet's error_page: its links must not depend on the missing path's depth."""
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert META.search(page)
    assert "<h1>404" in page
    links = re.findall(r'(?:href|src)="([^"#]+)"', page)
    assert links
    root = "/" + site.url.split("/", 3)[3]
    relative = [link for link in links if not link.startswith((root, "http", "data:"))]
    assert not relative, f"404.html has links relative to the missing path: {relative[:5]}"


def test_nginx_snippet_sends_the_same_policy_in_every_location(site_dir: Path) -> None:
    conf = (site_dir / "_deploy" / "nginx.conf").read_text()
    policy = headers_rules(site_dir)["/*"]["Content-Security-Policy"]
    locations = re.findall(r"^location [^{]+\{\n(.*?)^\}", conf, re.MULTILINE | re.DOTALL)
    assert len(locations) >= 5
    for body in locations:
        assert f'add_header Content-Security-Policy "{policy}" always;' in body
        assert 'add_header X-Content-Type-Options "nosniff" always;' in body
        assert "gzip_static on;" in body
        assert f'add_header Permissions-Policy "{headers_rules(site_dir)["/*"]["Permissions-Policy"]}" always;' in body
    assert re.search(r"^error_page 404 /404\.html;", conf, re.MULTILINE)
    assert "Strict-Transport-Security" in conf  # guidance, commented until the site is HTTPS-only
    assert not re.search(r"^\s*add_header Strict-Transport-Security", conf, re.MULTILINE)


def test_text_assets_the_search_index_the_wasm_and_the_stdlib_have_identical_gzip_copies(site_dir: Path) -> None:
    copies = sorted(site_dir.rglob("*.gz"))
    names = {p.relative_to(site_dir).as_posix() for p in copies}
    for wanted in ("search/search_index.full.json.gz", "assets/pyodide/pyodide.asm.wasm.gz", "index.html.gz",
                   "assets/candor/js/engine-worker.mjs.gz", "sitemap.xml.gz",
                   "assets/pyodide/pyodide.asm.mjs.gz", "assets/pyodide/pyodide-lock.json.gz"):
        assert wanted in names
    assert any(n.startswith("assets/stylesheets/main.") for n in names)
    for copy in copies:
        original = copy.with_suffix("")
        assert gzip.decompress(copy.read_bytes()) == original.read_bytes(), copy
        assert copy.stat().st_size <= original.stat().st_size * 0.9, f"{copy}: a copy that saves under 10 % does not pay"
    assert not any(n.endswith((".bin.gz", ".whl.gz", ".zip.gz")) for n in names)  # already compressed


def test_every_file_that_gzip_makes_much_smaller_has_a_copy(site_dir: Path) -> None:
    """Where precompression pays, whatever the file type: any file gzip -6 makes 15 % smaller has its .gz copy
    (python_stdlib.zip, deflated inside, is measured here too: gzip saves under 2 % of it)."""
    missing = []
    for path in sorted(site_dir.rglob("*")):
        served = not path.relative_to(site_dir).as_posix().startswith(("_deploy/", "_headers"))  # hosts refuse these
        if not served or not path.is_file() or path.suffix == ".gz" or path.stat().st_size < 1024:
            continue
        data = path.read_bytes()
        if len(zlib.compress(data, 6)) <= len(data) * 0.85 and not path.with_name(path.name + ".gz").is_file():
            missing.append(path.relative_to(site_dir).as_posix())
    assert not missing, f"files that would be sent much smaller gzipped but have no copy: {missing}"


def test_robots_txt_points_at_the_sitemap_of_the_published_address(site: Site) -> None:
    robots = (site.dir / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {site.url}sitemap.xml" in robots


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/", "http://127.0.0.2/",
                                 "https://docs.localhost/"])
@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_a_build_for_publishing_refuses_the_default_loopback_address(url: str, command: str) -> None:
    with pytest.raises(DeployError, match="Set CANDOR_SITE_URL"):
        check_site_url(url, command, {})


def test_a_loopback_address_chosen_on_purpose_or_a_local_server_builds() -> None:
    notice = check_site_url("http://127.0.0.1:8123/", "build", {"CANDOR_SITE_URL": "http://127.0.0.1:8123/"})
    assert notice and "not for publishing" in notice
    assert check_site_url("http://127.0.0.1:8000/", "serve", {}) is None


@pytest.mark.parametrize("url", ["https://candor.example.org/", "http://127.example.org/", "http://10.0.0.5/",
                                 "https://intranet/"])
def test_a_real_address_builds_without_a_word(url: str) -> None:
    assert check_site_url(url, "build", {}) is None
