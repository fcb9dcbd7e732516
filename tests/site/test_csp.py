"""The Content Security Policy of every built page: one meta tag, first in <head>, hashes for its own inline code.

The hashes are recomputed here independently of widgets/sitebuild/csp.py, from the built HTML.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Every page must carry exactly these sources (script-src and style-src may add hashes, and style-src
# 'unsafe-hashes' for the table-alignment style attributes).
REQUIRED: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],  # no form is ever submitted to a server (it would put answers in a URL)
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
}
# Python-Markdown's aligned table cells; the only inline style attributes the site may have (see csp.py).
STYLE_ATTRIBUTES = {"text-align: left;", "text-align: center;", "text-align: right;"}
# Ignored in a meta tag (browsers log an error for each): they belong in HTTP headers.
META_IGNORED = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
NOT_EXECUTED = re.compile(r"^(application|text)/(json|ld\+json|template|x-template|plain)$|^text/html$")
HASH = re.compile(r"^'sha256-[A-Za-z0-9+/]{43}='$")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@dataclass
class Page:
    name: str
    html: str
    head_children: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)  # start tags directly in <head>
    policies: list[str] = field(default_factory=list)
    scripts: list[tuple[int, str]] = field(default_factory=list)  # (offset, text) of inline executable scripts
    data_blocks: int = 0
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    js_urls: list[str] = field(default_factory=list)

    def directives(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for part in self.policies[0].split(";"):
            words = part.split()
            if words:
                assert words[0] not in out, f"{self.name}: {words[0]} appears twice"
                out[words[0]] = words[1:]
        return out


VOID = frozenset({"meta", "link", "base", "br", "img", "input", "hr", "source", "wbr", "col", "area", "embed", "track"})


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_head = False
        self.head_depth = 0
        self.script: tuple[int, list[str]] | None = None
        self.style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif self.in_head:
            if self.head_depth == 0:
                self.page.head_children.append((tag, a))
            if tag not in VOID:
                self.head_depth += 1
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.page.policies.append(a.get("content") or "")
        for name, value in attrs:
            if name == "style" and value is not None:
                self.page.style_attributes.append(value)
            elif name.startswith("on"):
                self.page.handlers.append(f"<{tag} {name}>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.page.js_urls.append(f"<{tag} {name}={value}>")
        if tag == "script" and "src" not in a:
            if NOT_EXECUTED.match((a.get("type") or "").strip().lower()):
                self.page.data_blocks += 1
            else:
                self.script = (self.getpos()[0], [])
        if tag == "style":
            self.style = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif self.in_head and tag not in VOID:
            self.head_depth -= 1
        if tag == "script" and self.script is not None:
            self.page.scripts.append((self.script[0], "".join(self.script[1])))
            self.script = None
        if tag == "style" and self.style is not None:
            self.page.styles.append("".join(self.style))
            self.style = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
        if self.style is not None:
            self.style.append(data)


def read(path: Path, site_dir: Path) -> Page:
    page = Page(str(path.relative_to(site_dir)), path.read_text(encoding="utf-8"))
    reader = _Reader(page)
    reader.feed(page.html)
    reader.close()
    return page


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> list[Page]:
    found = [read(p, site_dir) for p in sorted(site_dir.rglob("*.html"))]  # 404.html too
    assert len(found) > 20
    return found


def test_every_page_has_one_policy_as_the_first_element_of_head(pages: list[Page]) -> None:
    assert "404.html" in {p.name for p in pages}
    for page in pages:
        assert len(page.policies) == 1, f"{page.name}: {len(page.policies)} policy meta tags"
        assert page.head_children, page.name
        tag, attrs = page.head_children[0]
        assert tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy", (
            f"{page.name}: the first element of <head> is <{tag} {attrs}>, not the policy"
        )


def test_the_charset_is_still_declared_in_the_first_1024_bytes(pages: list[Page]) -> None:
    """The policy precedes <meta charset>; a browser only looks for the charset in the first 1024 bytes."""
    for page in pages:
        at = page.html.encode("utf-8").find(b'<meta charset="utf-8">')
        assert 0 <= at <= 1024 - len('<meta charset="utf-8">'), f"{page.name}: <meta charset> at byte {at}"


def test_every_directive_is_there_and_nothing_unsafe(pages: list[Page]) -> None:
    for page in pages:
        directives = page.directives()
        assert set(directives) == set(REQUIRED), f"{page.name}: directives {sorted(directives)}"
        assert not META_IGNORED & set(directives), page.name
        for name, required in REQUIRED.items():
            sources = directives[name]
            assert sources[: len(required)] == required, f"{page.name}: {name} {sources}"
            extra = sources[len(required) :]
            if name == "script-src":
                assert all(HASH.match(s) for s in extra), f"{page.name}: script-src allows {extra}"
            elif name == "style-src":
                assert all(HASH.match(s) or s == "'unsafe-hashes'" for s in extra), f"{page.name}: style-src allows {extra}"
            else:
                assert extra == [], f"{page.name}: {name} allows {extra}"
        policy = page.policies[0]
        for word in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "blob:"):
            assert word not in policy.split(), f"{page.name}: the policy allows {word}"


def test_every_inline_script_is_hashed_and_nothing_else(pages: list[Page]) -> None:
    for page in pages:
        listed = [s for s in page.directives()["script-src"] if HASH.match(s)]
        wanted = {sha256(text) for _, text in page.scripts}
        assert page.scripts, f"{page.name}: expected Material's inline scripts"
        assert wanted == set(listed), (
            f"{page.name}: missing {sorted(wanted - set(listed))}, not on the page {sorted(set(listed) - wanted)}"
        )
        assert page.data_blocks >= 1, f"{page.name}: Material's __config data block was not seen (it must not be hashed)"


def test_inline_styles_are_hashed_and_only_the_allowed_ones(pages: list[Page]) -> None:
    for page in pages:
        style_src = page.directives()["style-src"]
        for value in [*page.style_attributes, *page.styles]:
            assert sha256(value) in style_src, f"{page.name}: inline style {value!r} is not hashed"
        if page.style_attributes:
            assert "'unsafe-hashes'" in style_src, page.name
        # Instant navigation keeps the first page's policy too: only the allow-list listed on every page is safe.
        assert set(page.style_attributes) <= STYLE_ATTRIBUTES, (
            f"{page.name}: style attributes {sorted(set(page.style_attributes) - STYLE_ATTRIBUTES)}: use a class "
            "(or add the declaration to csp.TABLE_ALIGNMENTS, which lists it on every page)"
        )
        assert page.styles == [], f"{page.name}: a <style> element works on a full load only; use the stylesheet"
        for value in STYLE_ATTRIBUTES:
            assert sha256(value) in style_src, f"{page.name}: the table-alignment allow-list is not on this page"


def test_no_event_handler_attributes_or_javascript_urls(pages: list[Page]) -> None:
    for page in pages:
        assert page.handlers == [], f"{page.name}: {page.handlers}"
        assert page.js_urls == [], f"{page.name}: {page.js_urls}"


def test_scripts_that_instant_navigation_reruns_are_allowed_on_every_page(pages: list[Page]) -> None:
    """Material re-creates the inline scripts inside its content container after instant navigation, where
    the policies of every page seen before apply: such scripts must have the same text on every page."""
    after_container: dict[str, set[str]] = {}
    for page in pages:
        start = page.html.count("\n", 0, page.html.index('data-md-component="container"')) + 1
        after_container[page.name] = {sha256(text) for line, text in page.scripts if line >= start}
    common = set.intersection(*after_container.values())
    for page in pages:
        assert after_container[page.name] <= common, (
            f"{page.name}: an inline script in the content differs from other pages' ({after_container[page.name] - common}); "
            "after instant navigation it would be blocked"
        )
