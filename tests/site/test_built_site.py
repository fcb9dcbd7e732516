"""Checks on the built HTML: privacy (no other hosts), anchors for every practice, links that resolve."""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from candor.compiler.catalog import Catalog
from candor.intake.share_link import SHARE_PREFIX

from ..conftest import CONTENT, ROOT

sys.path.insert(0, str(ROOT / "widgets"))
from sitebuild.assets import static_imports

JS = ROOT / "widgets" / "js"

FETCHING = {"script": "src", "img": "src", "source": "src", "iframe": "src", "audio": "src", "video": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag in FETCHING and a.get(FETCHING[tag]):
            self.fetched.append(str(a[FETCHING[tag]]))
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate"):
            self.fetched.append(str(a["href"]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site_dir: Path) -> dict[str, _Page]:
    return {str(p.relative_to(site_dir)): parse(p) for p in site_dir.rglob("*.html")}


def test_nothing_is_fetched_from_another_host(site_dir: Path) -> None:
    for name, page in pages(site_dir).items():
        foreign = [u for u in page.fetched if urlparse(u).scheme in ("http", "https") or u.startswith("//")]
        assert foreign == [], name


def test_no_google_fonts_or_generator_link(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text()
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "squidfunk" not in html


def test_every_practice_has_its_anchor_on_its_theme_page(site_dir: Path, catalog: Catalog) -> None:
    for p in catalog.practices.values():
        if p.deprecated:
            continue
        page = parse(site_dir / p.url.split("#")[0] / "index.html")
        assert p.id in page.ids, p.id


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    parsed = pages(site_dir)
    broken = []
    for name, page in parsed.items():
        base = "http://site/" + name
        for href in page.links:
            target = urlparse(urljoin(base, href))
            if target.netloc != "site":
                continue
            path = unquote(target.path.lstrip("/"))
            file = path + "index.html" if path.endswith("/") or path == "" else path
            if not (site_dir / file).exists():
                broken.append(f"{name}: {href}")
            elif target.fragment.startswith(SHARE_PREFIX.removeprefix("#")):
                continue  # a share link carries answers, not an anchor (tests/browser/test_kit_readable.py opens it)
            elif target.fragment and file.endswith(".html") and target.fragment not in parsed[file].ids:
                broken.append(f"{name}: {href} (no anchor)")
    assert broken == []


def test_the_runtime_is_never_in_page_html(site_dir: Path) -> None:
    """Pyodide is started by the glue only where a widget is; no page links or preloads it."""
    for path in site_dir.rglob("*.html"):
        assert "assets/pyodide/" not in path.read_text(), path


def test_each_check_page_holds_its_form(site_dir: Path) -> None:
    for check in (CONTENT / "checks").glob("*.yml"):
        html = (site_dir / "checks" / check.stem / "index.html").read_text()
        assert f'data-candor-check="{check.stem}"' in html, check.stem


def test_runtime_wheel_and_bundles_are_published(site_dir: Path) -> None:
    manifest = json.loads((site_dir / "assets/candor/manifest.json").read_text())
    assert re.fullmatch(r"candor-[\d.]+-py3-none-any\.whl", manifest["wheel"])
    assert (site_dir / "assets/candor/wheels" / manifest["wheel"]).is_file()
    assert manifest["pyodide"] == json.loads(Path("package-lock.json").read_text())["packages"]["node_modules/pyodide"]["version"]
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (site_dir / "assets/pyodide" / name).is_file(), name
    for check in manifest["checks"].values():
        assert (site_dir / "assets/candor" / check["bundle"]).is_file()
    assert json.loads((site_dir / "schema/answers.schema.json").read_text())["title"] == "Candor answers file"


def test_form_is_static_html_with_labels(site_dir: Path) -> None:
    html = (site_dir / "checks/disclosure/index.html").read_text()
    inputs = re.findall(r'<input type="(?:radio|checkbox)" id="([^"]+)"', html)
    assert inputs
    for input_id in inputs:
        assert f'<label class="candor-option" for="{input_id}">' in html


def test_check_pages_start_the_engine_from_the_head_and_no_other_page_does(site_dir: Path) -> None:
    """The engine (13 MB the first time) starts early only where a widget needs it at once: the check pages,
    where it is the first thing <head> fetches, ahead of the theme's styles and at high priority."""
    starter = re.compile(r'<head>(.*)<script type="module" async fetchpriority="high" '
                         r'src="[./]*assets/candor/js/engine-start\.mjs"></script>.*</head>', re.S)
    for name, html in ((str(p.relative_to(site_dir)), p.read_text()) for p in site_dir.rglob("*.html")):
        eager = name.startswith("checks/") and ("data-candor-check=" in html or "data-candor-tool=" in html)
        found = starter.search(html)
        assert bool(found) == eager, name
        assert ("engine-start.mjs" in html) == eager, name
        if found:
            assert "stylesheet" not in found.group(1) and "<script" not in found.group(1), name
            # Its own imports are fetched beside it: exactly the modules it imports, read from the script itself.
            imported = static_imports(JS / "engine-start.mjs")
            preloaded = re.findall(r'<link rel="modulepreload" href="[./]*assets/candor/js/([\w.-]+\.mjs)">', html)
            assert imported and preloaded == imported, (name, preloaded, imported)
    assert "data-candor-lazy" in (site_dir / "guidance/transparency/index.html").read_text()


def test_search_indexes_the_methodology_but_not_the_widgets_questions(site_dir: Path) -> None:
    docs = json.loads((site_dir / "search/search_index.full.json").read_text())["docs"]
    question = json.loads((site_dir / "assets/candor/checks/prelaunch.json").read_text())
    wording = next(q["text"] for q in question["check"]["questions"] if q["area"] != "profile")
    where = {d["location"].split("#")[0] for d in docs if wording in d["text"] or wording in d["title"]}
    assert "checks/methodology/" in where
    assert not {w for w in where if w.startswith(("checks/prelaunch/", "guidance/"))}
    # The prose around a widget is still found: the check page's own introduction and its CLI section.
    check_page = [d for d in docs if d["location"].startswith("checks/prelaunch/")]
    assert any("provisional" in d["text"] for d in check_page)
    assert any(d["title"] == "Use it in CI" for d in check_page)


def test_the_snapshot_file_is_the_sparse_format_the_manifest_describes(site_dir: Path) -> None:
    """widgets/js/snapshot-format.mjs: header, page map, then exactly the pages the map marks as stored."""
    entry = json.loads((site_dir / "assets/candor/manifest.json").read_text())["snapshot"]
    stored = (site_dir / "assets/candor" / entry["file"]).read_bytes()
    assert len(stored) == entry["bytes"]
    packed = gzip.decompress(stored)
    assert len(packed) == entry["inflated_bytes"] and packed[:4] == b"CSP1"
    size, page = int.from_bytes(packed[4:8], "little"), int.from_bytes(packed[8:12], "little")
    pages = math.ceil(size / page)
    page_map = packed[12 : 12 + math.ceil(pages / 8)]
    kept = [i for i in range(pages) if page_map[i >> 3] >> (i & 7) & 1]
    assert len(packed) == 12 + len(page_map) + sum(min(page, size - i * page) for i in kept)
    assert 0 < len(kept) < pages  # some pages are left out (zeros), and the rest is there
    assert size > 16 * 2**20  # a whole Pyodide heap, not a stub


def _search_worker(html: str) -> str:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert config, "the page has no Material config"
    return str(json.loads(config.group(1))["search"])


def test_every_page_fetches_and_builds_the_search_index_only_when_wanted(site_dir: Path) -> None:
    """sitebuild/search_defer.py: every page, the 404 page too, loads Material's own search worker through the
    wrapper, and the index Material's page code fetches has the full index's config and no pages."""
    materials = sorted(p.name for p in (site_dir / "assets/javascripts/workers").glob("search.*.min.js"))
    assert len(materials) == 1
    assert (site_dir / "assets/candor/js/search-after-engine.js").is_file()
    pages = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text()
        if "<script id=\"__config\"" not in html:
            continue
        pages += 1
        worker = urljoin(f"http://x/{path.relative_to(site_dir).as_posix()}", _search_worker(html))
        if path.name == "404.html":  # its links are absolute: it is served for a missing path at any depth
            worker = urljoin("http://x/a/b/missing/", _search_worker(html))
        assert worker == f"http://x/assets/candor/js/search-after-engine.js#{materials[0]}", path
    assert pages > 40
    stub = json.loads((site_dir / "search/search_index.json").read_text())
    full = json.loads((site_dir / "search/search_index.full.json").read_text())
    assert stub == {"config": full["config"], "docs": []}
    assert len(full["docs"]) > 100
    assert (site_dir / "search/search_index.json").stat().st_size < 1024
