"""Material's search index is fetched and built only when it is wanted, on every page.

Material fetches ``search/search_index.json`` (about 890 KB, 234 KB gzipped) on every full page load, parses it on
the main thread and hands it to a worker that spends about a second of CPU building it: bytes and time taken from
the page's start-up (and, on the check pages, from the engine's). So the build

- points the config Material reads (``<script id="__config" type="application/json">``) at the wrapper worker
  ``widgets/js/search-after-engine.js``, with Material's own worker file name in its fragment;
- writes the full index to ``search/search_index.full.json`` and leaves at Material's address an index with the
  same config and no pages (a few hundred bytes), which Material's page code fetches and passes on as before.

The wrapper holds Material's messages until the page says "index now" (``widgets/js/search-start.mjs``: the reader
goes to the search box, or the page is idle and, on the check pages, the engine has started); then it fetches the
full index, puts its pages into Material's setup message and starts Material's own worker. Material's files are not
touched: same worker, same index, same results.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

WRAPPER = "assets/candor/js/search-after-engine.js"
INDEX = "search/search_index.json"  # where Material's page code fetches it
FULL_INDEX = "search/search_index.full.json"  # where the wrapper fetches it (search-after-engine.js, FULL_INDEX)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_WORKER = re.compile(r"^(?P<root>(?:\.\./)*|/(?:.*/)?|)assets/javascripts/workers/(?P<name>search\.[0-9a-f]+\.min\.js)$")


class SearchDeferError(ValueError):
    """Material's page template or index no longer has the shape this module expects."""


def defer_search_index(html: str) -> str:
    """Point the page's Material config at the wrapper worker; Material's worker file name goes in its fragment."""
    found = _CONFIG.search(html)
    if not found:
        raise SearchDeferError("the page has no Material __config block")
    worker = json.loads(found.group(1)).get("search", "")
    match = _WORKER.match(worker)
    if not match:
        raise SearchDeferError(f"unexpected Material search worker URL: {worker!r}")
    quoted = json.dumps(worker)
    if found.group(1).count(quoted) != 1:
        raise SearchDeferError("Material's search worker URL is not written once in the config")
    wrapper = json.dumps(f"{match['root']}{WRAPPER}#{match['name']}")
    config = found.group(1).replace(quoted, wrapper)
    return html[: found.start(1)] + config + html[found.end(1) :]


def split_index(index_json: str) -> tuple[str, str]:
    """(what Material fetches: the config and no pages, the full index for the wrapper)."""
    index = json.loads(index_json)
    if not isinstance(index, dict) or not isinstance(index.get("config"), dict) or not isinstance(index.get("docs"), list):
        raise SearchDeferError("search_index.json has no 'config' and 'docs': Material's index format has changed")
    stub = json.dumps({"config": index["config"], "docs": []}, separators=(",", ":"), ensure_ascii=False)
    return stub, index_json


def split_site_index(site_dir: Path) -> None:
    """Move the built site's full index to FULL_INDEX and leave the empty one at Material's address."""
    path = site_dir / INDEX
    stub, full = split_index(path.read_text(encoding="utf-8"))
    (site_dir / FULL_INDEX).write_text(full, encoding="utf-8")
    path.write_text(stub, encoding="utf-8")
