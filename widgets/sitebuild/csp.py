"""Content Security Policy for every page, set in a meta tag with the hashes of the page's own inline code.

The policy (one ``<meta http-equiv="Content-Security-Policy">``, the first child of ``<head>``):

``default-src 'self'``
    Everything the site uses comes from the site itself: no CDN, fonts, analytics or other hosts.
``script-src 'self' 'wasm-unsafe-eval' 'sha256-…'``
    Our ES modules and Material's bundle are files on the site (``'self'``). Material also writes three
    small inline scripts into every page (``__md_scope``/``__md_get``/``__md_set``, the palette restore and
    the content-tab restore); each is allowed by the SHA-256 of its exact text, computed here from the page
    itself, so no ``'unsafe-inline'`` is needed. Instant navigation re-creates the inline scripts inside the
    page's content container under the policies of every page seen before; Material's only such script,
    the tab restore, has the same text, so the same hash, on every page. ``type="application/json"``
    blocks (Material's ``__config``) are data, never executed, and get no hash.

    ``'wasm-unsafe-eval'`` allows compiling WebAssembly and nothing else (no ``eval``, no ``new Function``).
    Pyodide compiles its runtime in the engine's worker, and a worker loaded from a URL takes its policy
    from its own response headers, not from the page's ``<meta>``, so in Chromium the worker boots whether
    or not the page lists it. It is listed because it is what the worker needs wherever a policy does reach
    it: sent as the worker script's header, ``script-src 'self'`` alone stops the boot ("Compiling or
    instantiating WebAssembly module violates ... script-src 'self'"), while ``script-src 'self'
    'wasm-unsafe-eval'`` boots it. Pyodide needs no ``'unsafe-eval'``: tests/browser/test_trust.py sends
    the workers the header docs/about/security.md recommends (``default-src 'self'; script-src 'self'
    'wasm-unsafe-eval'; ...``), boots the engine under it and finds no violation.
``worker-src 'self'``
    The engine's module worker and Material's search worker are files on the site.
``connect-src 'self'``
    fetch() only to the site: the manifest, check bundles, the wheel, the runtime, the search index and
    the sitemap that instant navigation reads.
``object-src 'none'`` and ``base-uri 'self'``
    No plugins; no ``<base>`` that could re-point relative script URLs.
``form-action 'none'``
    Every form on the site is handled in the page; none is ever submitted to a server. This makes the
    browser refuse a native submission, which would put answers in a URL that reaches the host's logs
    (pressing Enter in the bias calculator before its engine was ready did exactly that).
``img-src 'self' data:``
    Material's icons are ``data:`` SVGs in its stylesheet (``mask-image``).
``style-src 'self' 'unsafe-hashes' 'sha256-…'``
    Stylesheets are files, and neither Material nor our glue writes inline styles, so no
    ``'unsafe-inline'``. Python-Markdown's tables write column alignment as ``style="text-align: right;"``
    attributes (the methodology page's weight tables). Those three exact declarations
    (:data:`TABLE_ALIGNMENTS`) are allowed by hash with ``'unsafe-hashes'``, which permits those
    declarations and nothing else. They are listed on *every* page, not only on pages with such tables:
    Material's instant navigation copies the next page's policy ``<meta>`` into the head, and a browser
    enforces every policy a document has ever had, so a page reached without a reload is styled under the
    policies of all pages seen before it. Any other inline style attribute or ``<style>`` on a page gets
    its own hash (right on a full load; tests/site/test_csp.py refuses style attributes outside the
    allow-list so that instant navigation stays right too).

What a ``<meta>`` policy cannot carry: ``frame-ancestors`` (clickjacking), ``report-uri``/``report-to`` and
``sandbox`` are ignored in a meta tag, and a worker script follows its own response's policy, never the
page's. The build therefore also writes the policy as a header for hosts that can send one
(sitebuild/deploy.py: ``_headers`` and an nginx snippet, docs/about/publish.md).
The policy governs the page only from the point it is parsed, so it goes first in ``<head>``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Script types a browser runs (or, for import maps and speculation rules, reads under script-src); any
# other type, such as Material's type="application/json" config, is a data block the browser never runs.
_EXECUTABLE_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript",
    "application/x-javascript", "text/jscript", "text/livescript", "text/x-javascript", "text/x-ecmascript",
    "importmap", "speculationrules",
}

BASE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("worker-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'none'",)),
    ("img-src", ("'self'", "data:")),
    ("style-src", ("'self'",)),
)

# Only a header can carry these: no site may show ours in a frame (clickjacking).
HEADER_ONLY: tuple[tuple[str, tuple[str, ...]], ...] = (("frame-ancestors", ("'none'",)),)

# Python-Markdown's tables extension writes these for aligned columns; allowed on every page (see above).
TABLE_ALIGNMENTS = ("text-align: left;", "text-align: center;", "text-align: right;")

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s[^>]*http-equiv=[\"']?content-security-policy[\"']?[^>]*>\s*", re.IGNORECASE)


def sha256_source(text: str) -> str:
    """The CSP hash source for a script's or a style's exact text: ``'sha256-<base64>'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def is_executable(attrs: dict[str, str | None]) -> bool:
    """Whether a <script> with these attributes runs (data blocks such as type="application/json" do not)."""
    kind = (attrs.get("type") or "").strip().lower()
    return kind in _EXECUTABLE_TYPES


@dataclass
class Inline:
    """The inline code of a page, as the browser will hash it."""

    scripts: list[str] = field(default_factory=list)  # texts of inline executable <script> elements
    styles: list[str] = field(default_factory=list)  # texts of <style> elements
    style_attributes: list[str] = field(default_factory=list)  # values of style="" attributes
    handlers: list[str] = field(default_factory=list)  # on*="" attributes (never allowed; tests refuse them)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Inline()
        self._open: tuple[str, list[str]] | None = None  # (tag, text parts) of a script or style being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name, value in attrs:
            if name == "style" and value is not None:
                self.found.style_attributes.append(value)
            elif name.startswith("on"):
                self.found.handlers.append(f"{tag} {name}")
        if tag == "script" and "src" not in named and is_executable(named):
            self._open = ("script", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)  # script and style content is raw text: no character references decoded

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            kind, parts = self._open
            (self.found.scripts if kind == "script" else self.found.styles).append("".join(parts))
            self._open = None


def inline_code(html: str) -> Inline:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def policy_for(html: str) -> str:
    """The policy text for a page: the base directives plus the hashes of the page's own inline code."""
    return policy_allowing([inline_code(html)])


def policy_allowing(pages: list[Inline], header_only: bool = False) -> str:
    """The base directives plus the hashes of every listed page's inline code.

    With ``header_only``, also the directives a ``<meta>`` cannot carry (:data:`HEADER_ONLY`): the policy a
    host sends as a header for every file of the site (sitebuild/deploy.py)."""
    extra: dict[str, list[str]] = {
        "script-src": _unique([sha256_source(s) for found in pages for s in found.scripts]),
        "style-src": _unique([sha256_source(s) for found in pages for s in found.styles]),
    }
    attributes = _unique([*TABLE_ALIGNMENTS, *(a for found in pages for a in found.style_attributes)])
    extra["style-src"] += ["'unsafe-hashes'", *[sha256_source(s) for s in attributes]]
    directives = (*BASE, *HEADER_ONLY) if header_only else BASE
    return "; ".join(" ".join((name, *sources, *extra.get(name, []))) for name, sources in directives)


def add_policy(html: str) -> str:
    """Return the page with its policy as the first child of <head> (replacing any policy already there)."""
    head = _HEAD.search(html)
    if head is None:
        return html  # not an HTML page (MkDocs only calls this for pages, which always have a head)
    body = _EXISTING.sub("", html)
    head = _HEAD.search(body)
    assert head is not None
    policy = policy_for(body)  # only keywords, hashes and "data:": nothing to escape in a double-quoted attribute
    assert not set('"&<>') & set(policy), policy
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return body[: head.end()] + meta + body[head.end() :]
