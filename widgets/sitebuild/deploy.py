"""Deploy files written next to the built site: the headers a ``<meta>`` policy cannot give, precompressed
copies, robots.txt, and the check that a site meant for the web is not built for a loopback address.

- ``_headers`` (Netlify and Cloudflare Pages) and ``_deploy/nginx.conf`` (an nginx ``server`` include) send one
  Content Security Policy with every file: :func:`csp.policy_allowing` over the inline code of *every* built page
  (so it allows exactly what the pages' own meta policies allow together) plus ``frame-ancestors 'none'``.
  The same header reaches the workers (engine, Material's search worker and its deferred start,
  ``search-after-engine.js``), which the pages' meta policies never reach: their ``connect-src 'self'`` then
  keeps them from fetching other origins. With a header and a meta policy a page is held to both; the header
  is their union, so the meta policy stays the one that decides.
- ``Permissions-Policy``: every browser feature the site never uses (camera, microphone, geolocation, payment,
  USB, sensors...) is refused for the site and anything it could embed. Clipboard writing (the copy buttons)
  and fullscreen are not listed.
- nginx serves the site's own ``404.html`` for a missing file (Netlify and Cloudflare Pages do by themselves).
- ``.gz`` copies of text assets, the search index, the runtime's JavaScript and lock file and the wasm, wherever
  gzip makes the file at least a tenth smaller, for hosts that serve precompressed files (nginx ``gzip_static``).
  Python's standard library (``python_stdlib.zip``, 2.5 MB) gets none: 567 of its 614 files are deflated
  already, and gzip saves under 2 % of it; nor do the wheels and the snapshot (already compressed).
  Brotli is not made: no pinned library here does it.
- ``robots.txt`` pointing at the sitemap.
"""

from __future__ import annotations

import gzip
import hashlib
import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild import assets, csp

# Browser features the site never uses, refused to its pages, its workers and anything they could embed. Only
# names Chromium knows (it logs an error for any other, tests/browser/test_deploy_nginx.py checks).
DENIED_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection", "local-fonts", "magnetometer",
    "microphone", "midi", "otp-credentials", "payment", "picture-in-picture", "publickey-credentials-create",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "window-management", "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)
# Headers for every file. Referrer-Policy matches the pages' <meta name="referrer">.
COMMON = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that predate it
    ("Permissions-Policy", PERMISSIONS_POLICY),
)
# Files whose names change whenever their content does: cached for a year, never revalidated.
HASHED = ("/assets/candor/snapshot/", "/assets/stylesheets/", "/assets/javascripts/bundle.", "/assets/javascripts/workers/")
IMMUTABLE = "public, max-age=31536000, immutable"
# Worker scripts: listed so the tests and the Publish page can name each one.
WORKERS = ("/assets/candor/js/engine-worker.mjs", "/assets/candor/js/search-after-engine.js", "/assets/javascripts/workers/")
COMPRESS = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".wasm", ".map", ".yml", ".md")
MIN_COMPRESS_BYTES = 1024
MIN_SAVING = 0.1  # a .gz copy must be at least this much smaller to be worth a second file
GZIP_CACHE = assets.ROOT / ".cache" / "gzip"
NGINX = "_deploy/nginx.conf"


class DeployError(RuntimeError):
    pass


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_site_url(site_url: str, command: str, env: dict[str, str]) -> str | None:
    """Refuse to build a site for the web with the default loopback address (canonical links, the sitemap and
    instant navigation would all point at 127.0.0.1). ``mkdocs serve`` and a loopback address chosen on
    purpose with CANDOR_SITE_URL (the tests, the benchmark) build; the latter is said. Returns a notice."""
    if command == "serve" or not is_loopback(site_url):
        return None
    if env.get("CANDOR_SITE_URL"):
        return f"built for the local address {site_url} (CANDOR_SITE_URL): not for publishing"
    raise DeployError(
        f"site_url is the local address {site_url}: canonical links, the sitemap and instant navigation would point "
        "there. Set CANDOR_SITE_URL to the address you publish at (for example CANDOR_SITE_URL=https://candor.example.org/ "
        "mkdocs build), or set it to a local address on purpose for a local build."
    )


def header_policy(site: Path) -> str:
    pages = [csp.inline_code(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    return csp.policy_allowing(pages, header_only=True)


def headers_file(policy: str) -> str:
    """Netlify / Cloudflare Pages ``_headers``. Both join a header set by two matching rules, so each
    header name is set by one rule only."""
    lines = ["# Generated by the Candor build (widgets/sitebuild/deploy.py) from the pages' own policies.", "/*",
             f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in COMMON]
    for prefix in HASHED:
        lines += [f"{prefix}*", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def _nginx_headers(policy: str, cache: str) -> list[str]:
    out = [f'add_header Content-Security-Policy "{policy}" always;']
    out += [f'add_header {name} "{value}" always;' for name, value in COMMON]
    out.append(f'add_header Cache-Control "{cache}" always;')
    return out


def nginx_file(policy: str) -> str:
    """An include for an nginx ``server { }`` block whose ``root`` is the built site. nginx replaces a
    server's add_header lines in any location that has its own, so every location repeats them all."""
    revalidate = "no-cache"  # other files keep their names across releases: always ask whether they changed
    def block(match: str, cache: str, mime: str | None = None) -> list[str]:
        body = ["gzip_static on;"]
        if mime:
            body += ["types { }", f"default_type {mime};"]
        body += _nginx_headers(policy, cache)
        return [f"location {match} {{", *(f"    {line}" for line in body), "}"]
    lines = [
        "# Generated by the Candor build (widgets/sitebuild/deploy.py). Include it inside your server { } block,",
        "# with `root` set to the built site:   include /path/to/site/_deploy/nginx.conf;",
        "# HSTS: once the site is served over HTTPS only (and every subdomain too), add to that server block:",
        '#   add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
        "# Start with a short max-age (300) and raise it once HTTPS is known to work: browsers remember it.",
        "charset utf-8;",
        "error_page 404 /404.html;  # the site's own page, with its links and search",
        "gzip_vary on;  # caches keep the compressed and the plain copy apart",
        "location ^~ /_deploy/ { return 404; }",
        "location = /_headers { return 404; }",
        *block(r"~ ^/assets/candor/snapshot/", IMMUTABLE),
        *block(r"~ ^/assets/(stylesheets/|javascripts/bundle\.|javascripts/workers/)", IMMUTABLE),
        *block(r"~ \.mjs$", revalidate, "text/javascript"),
        *block(r"~ \.wasm$", revalidate, "application/wasm"),
        *block("/", revalidate),
    ]
    return "\n".join(lines) + "\n"


def _gzip(data: bytes) -> bytes:
    """gzip -9 with no name or time in the header (reproducible); large results are cached by content."""
    if len(data) < 1 << 20:
        return gzip.compress(data, 9, mtime=0)
    cached = GZIP_CACHE / (hashlib.sha256(data).hexdigest() + ".gz")
    if not cached.is_file():
        GZIP_CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        partial.write_bytes(gzip.compress(data, 9, mtime=0))
        partial.replace(cached)
    return cached.read_bytes()


def precompress(site: Path) -> int:
    """Write ``name.gz`` beside each compressible file that gzip makes at least ``MIN_SAVING`` smaller; returns
    how many."""
    count = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESS or path.stat().st_size < MIN_COMPRESS_BYTES:
            continue
        data = path.read_bytes()
        packed = _gzip(data)
        if len(packed) <= len(data) * (1 - MIN_SAVING):
            path.with_name(path.name + ".gz").write_bytes(packed)
            count += 1
    return count


def robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def write(site: Path, site_url: str) -> None:
    """Write the deploy files into the built site (after every page has its policy)."""
    policy = header_policy(site)
    (site / "_headers").write_text(headers_file(policy), encoding="utf-8")
    (site / NGINX).parent.mkdir(exist_ok=True)
    (site / NGINX).write_text(nginx_file(policy), encoding="utf-8")
    (site / "robots.txt").write_text(robots(site_url), encoding="utf-8")
    if os.environ.get("CANDOR_PRECOMPRESS") != "0":
        precompress(site)
