"""The kit section: one generated page per template, a generated index, and the files people download.

Everything here comes from ``content/kit/*.yml`` through the catalogue: the pages quote and link the practices
each template helps meet, and the Markdown and CSV downloads are the exact text the copy button copies.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from candor.compiler.catalog import Catalog
from candor.model.kit import Template, expand_refs, template_text
from candor.model.links import page_url

from .kit_office import office_bytes, office_filename
from .markup import NOT_INDEXED, esc, md_rel, rel

INDEX = "kit/index.md"
FORMAT_LABEL = {"markdown": "Markdown", "csv": "CSV"}
OFFICE_LABEL = {"markdown": "Word", "csv": "Excel"}  # the same template as a file office software opens


def _theme_page(catalog: Catalog, pid: str) -> str:
    theme = catalog.practices[pid].theme
    return next(t.page for t in catalog.themes if t.id == theme)


def check_page(check_id: str) -> str:
    return f"checks/{check_id}.md"


def _check_title(catalog: Catalog, check_id: str) -> str:
    if check_id in catalog.checks:
        return catalog.checks[check_id].title
    return str(catalog.tools[check_id]["title"])


def download_uri(t: Template) -> str:
    return f"kit/files/{t.filename}"


def office_uri(t: Template) -> str:
    return f"kit/files/{office_filename(t)}"


def formats(t: Template) -> str:
    """The formats a template comes in, named once (the kit index and its page)."""
    return f"{FORMAT_LABEL[t.format]} or {OFFICE_LABEL[t.format]}"


def download_text(t: Template, catalog: Catalog, site_url: str) -> str:
    """The downloadable (and copyable) text: links are absolute, so they work outside the site."""
    def practice(pid: str) -> str:
        p = catalog.practices[pid]
        return f"[{p.id} {p.title}]({site_url}{p.url})"

    def check(cid: str) -> str:
        return f"[{_check_title(catalog, cid)}]({site_url}{page_url(check_page(cid))})"

    text = template_text(t, practice, check)
    if t.format == "csv":
        return text
    meets = "\n".join(f"- {practice(pid)}" for pid in t.practices)
    return f"{text}\n---\n\nThis template helps you meet:\n\n{meets}\n\nFrom Candor ({site_url}). Guidance, not legal advice.\n"


def _page_refs(text: str, catalog: Catalog, src: str) -> str:
    return expand_refs(
        text,
        lambda pid: f"[{pid} {catalog.practices[pid].title}]({md_rel(src, _theme_page(catalog, pid), pid)})",
        lambda cid: f"[{_check_title(catalog, cid)}]({md_rel(src, check_page(cid))})",
    )


_HEADING = re.compile(r"^(#{1,6})(?=\s)")


def _demote(markdown: str) -> str:
    """Template headings sit under the page's "The template" (h2): the template's top level becomes h3, and
    the levels below it follow, whether the template starts at '# X' or at '## X' (no level is skipped)."""
    levels = [len(m.group(1)) for m in map(_HEADING.match, markdown.splitlines()) if m]
    shift = 3 - min(levels, default=3)
    return "\n".join(_HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + shift), line) for line in markdown.splitlines())


def _columns(t: Template, catalog: Catalog) -> str:
    questions = {q.id: q.text for q in catalog.checks["prelaunch"].questions} if "prelaunch" in catalog.checks else {}
    rows = ["| Column | What it records | What to write | Pre-launch check question |", "| --- | --- | --- | --- |"]
    for c in t.columns:
        asked = f"“{questions[c.question]}”" if c.question else ""
        rows.append(f"| `{c.name}` | {c.meaning} | {c.values or ''} | {asked} |")
    return "\n".join(rows)


def _actions(t: Template, page: str, text_id: str) -> str:
    href = esc(rel(page_url(page), download_uri(t)))
    office = esc(rel(page_url(page), office_uri(t)))
    return (
        f'<div class="candor-kit-actions" {NOT_INDEXED}>'
        f'<a class="md-button md-button--primary" href="{href}" download="{esc(t.filename)}">'
        f"Download ({FORMAT_LABEL[t.format]})</a> "
        f'<a class="md-button" href="{office}" download="{esc(office_filename(t))}">'
        f"Download ({OFFICE_LABEL[t.format]})</a> "
        f'<button type="button" class="md-button" data-candor-copy="{text_id}" hidden '
        'data-candor-copied="Copied. Paste it into your document or spreadsheet." '
        'data-candor-copy-failed="This browser did not allow copying. Select the text in the box below and copy it.">'
        "Copy to clipboard</button>"
        '<span class="candor-kit-status" role="status" aria-live="polite" data-candor-copy-status></span></div>'
    )


def _template_body(t: Template, catalog: Catalog, src: str, source: str) -> list[str]:
    """The template itself: a CSV's columns and file, or a text template rendered with its plain-text source."""
    if t.format == "csv":
        return ['<div class="candor-kit-columns" markdown>', "", _columns(t, catalog), "", "</div>", "",
                f"The file (a header and {len(t.rows)} example rows):", "", source, ""]
    return [
        '<div class="candor-kit-template" markdown>',
        "",
        _demote(_page_refs(t.body or "", catalog, src)),
        "",
        "</div>",
        "",
        f'<details class="candor-kit-source"><summary>The same template as plain Markdown text</summary>{source}</details>',
        "",
    ]


def template_page(t: Template, catalog: Catalog, site_url: str) -> str:
    src = t.page
    text_id = f"candor-kit-text-{t.id}"
    meets = "\n".join(
        f"- [{pid} {catalog.practices[pid].title}]({md_rel(src, _theme_page(catalog, pid), pid)}): "
        f"{catalog.practices[pid].rule}"
        for pid in t.practices
    )
    text = download_text(t, catalog, site_url)
    source = f'<pre class="candor-kit-text" data-candor-copy-source="{text_id}" tabindex="0"><code>{escape(text)}</code></pre>'
    parts = [
        f"# {t.title}",
        "",
        t.summary,
        "",
        _actions(t, src, text_id),
        "",
        "## When to use it",
        "",
        "\n".join(f"- {w}" for w in t.when),
        "",
        "## Practices it helps you meet",
        "",
        meets,
        "",
        "## The template",
        "",
    ]
    parts += _template_body(t, catalog, src, source)
    if t.notes:
        parts += ["## How to fill it in", "", _page_refs(t.notes, catalog, src), ""]
    parts.append(f"[All templates in the kit]({md_rel(src, INDEX)})")
    return "\n".join(parts) + "\n"


def pages(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Docs-relative path -> generated Markdown of each template page."""
    return {t.page: template_page(t, catalog, site_url) for t in catalog.templates.values()}


def downloads(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Site-relative path -> text of each download (written after the build, so '.md' is not made a page)."""
    return {download_uri(t): download_text(t, catalog, site_url) for t in catalog.templates.values()}


def office_downloads(catalog: Catalog, site_url: str) -> dict[str, bytes]:
    """Site-relative path -> bytes of each Word or Excel file, made from the same text as its download."""
    return {office_uri(t): office_bytes(t, download_text(t, catalog, site_url)) for t in catalog.templates.values()}


def index_markdown(catalog: Catalog, src: str) -> str:
    """The kit index: one entry per template (a list, which reads better than a table on a phone)."""
    items = []
    for t in catalog.templates.values():
        meets = ", ".join(f"[{pid}]({md_rel(src, _theme_page(catalog, pid), pid)})" for pid in t.practices)
        items.append(f"- **[{t.title}]({md_rel(src, t.page)})** ({formats(t)}). {t.summary} Helps you meet {meets}.")
    return "\n".join(items) + "\n"


def nav_with_templates(nav: list[Any], catalog: Catalog) -> list[Any]:
    """The configured navigation with each template's page listed after the kit's index, in the section that holds
    it (``{"Kit": ["kit/index.md", {"<title>": "kit/<id>.md"}, ...]}``). The pages are then in the nav when the
    generator checks it, so none is reported as left out; entries already listed are not repeated."""

    def listed(entries: list[Any]) -> set[str]:
        found: set[str] = set()
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found |= listed(value) if isinstance(value, list) else {str(value)}
        return found

    def walk(entries: list[Any]) -> list[Any]:
        out: list[Any] = []
        for entry in entries:
            if isinstance(entry, dict):
                out.append({key: walk(value) if isinstance(value, list) else value for key, value in entry.items()})
            else:
                out.append(entry)
            if (entry if not isinstance(entry, dict) else next(iter(entry.values()))) == INDEX:
                have = listed(entries)
                out += [{t.title: t.page} for t in catalog.templates.values() if t.page not in have]
        return out

    return walk(nav)
