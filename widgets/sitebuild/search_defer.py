"""Pages that boot the engine at once load Material's search worker through widgets/js/search-after-engine.js.

Material builds its search index in a worker on every full page load, about a second of CPU; on a 2-core
machine that competes with the engine's start-up. On the check and tool pages the config Material reads
(``<script id="__config" type="application/json">``) is pointed at the wrapper, which starts Material's own
worker once the engine has started (or the reader wants search). Material's files are not touched.
"""

from __future__ import annotations

import json
import re

WRAPPER = "assets/candor/js/search-after-engine.js"
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_WORKER = re.compile(r"^(?P<root>(?:\.\./)*|/.*/|)assets/javascripts/workers/(?P<name>search\.[0-9a-f]+\.min\.js)$")


class SearchDeferError(ValueError):
    """Material's page template no longer has the config this module expects."""


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
