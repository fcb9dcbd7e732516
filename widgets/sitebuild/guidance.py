"""Guidance pages' generated parts: practices on theme pages, sources with backlinks, crosswalk, glossary.

Practices are rendered as Markdown (not raw HTML) so MkDocs checks their links and lists them in the
page's table of contents; each heading's anchor is the practice id.
"""

from __future__ import annotations

import re

from candor.compiler.catalog import Catalog, Practice, Source
from candor.model.links import page_url
from candor.model.timeline import month_label

from . import tools
from .markup import esc, md_rel, rel

FAMILIES = {
    "iab": "IAB",
    "dmi": "DMI",
    "eu-law": "EU law",
    "us-law": "US law and FTC",
    "other-law": "UK and other law",
    "self-regulatory": "Self-regulatory codes",
    "standards": "Management and technical standards",
    "platforms": "Platform terms",
}
CONFIDENCE = {
    "direct": "Checked on the publisher's own page",
    "secondary": "Confirmed by two or more secondary sources",
    "single-secondary": "Seen in one secondary source only",
}


def _md_escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _bullets(items: tuple[str, ...], indent: str = "") -> str:
    return "\n".join(f"{indent}- {_md_escape(i)}" for i in items)


SOURCES_PAGE = "guidance/sources.md"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def _practice_md(catalog: Catalog, src: str, pid: str) -> str:
    p = catalog.practices[pid]
    return md_rel(src, _theme_page(catalog, p.theme), pid)


def _theme_page(catalog: Catalog, theme_id: str) -> str:
    return next(t.page for t in catalog.themes if t.id == theme_id)


def _first_sentence(text: str) -> tuple[str, str]:
    """The first sentence of ``text`` and the rest (the one-line why shown above the fold)."""
    parts = SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else "" for line in text.splitlines())


def _standards(p: Practice, catalog: Catalog, src: str) -> list[str]:
    """The standards box: each source the practice maps to, with its locator, family and what it says."""
    out = ['!!! quote "Standards"', ""]
    for m in p.mappings:
        s = catalog.sources[m.source]
        locator = f", {_md_escape(m.locator)}" if m.locator else ""
        backlink = md_rel(src, SOURCES_PAGE, s.id)
        out.append(
            f"    - [{_md_escape(s.title)}]({s.url}){locator} ({_md_escape(s.publisher)}, "
            f"[{FAMILIES[s.family]}]({backlink})): {_md_escape(m.relation)}"
        )
    return out


def _folded(p: Practice, catalog: Catalog, src: str, worked: str, more_why: str) -> list[str]:
    """What the fold holds: example, worked examples, the rest of the why, steps, evidence, pitfalls, templates."""
    folded = []
    if p.example:
        folded += [f"**Example.** {_md_escape(p.example)}", ""]
    if worked:
        folded += [worked, ""]
    if more_why:
        folded += [f"**Why it matters.** {_md_escape(more_why)}", ""]
    folded += [
        "**How to do it**",
        "",
        "\n".join(f"{i}. {_md_escape(s)}" for i, s in enumerate(p.steps, 1)),
        "",
        "**Evidence an approver can check**",
        "",
        _bullets(p.evidence),
        "",
        "**Common pitfalls**",
        "",
        _bullets(p.pitfalls),
        "",
    ]
    templates = catalog.templates_for(p.id)
    if templates:
        links = ", ".join(f"[{_md_escape(t.title)}]({md_rel(src, 'kit/' + t.id + '.md')})" for t in templates)
        folded += [f"**Template to use:** {links}", ""]
    return folded + _standards(p, catalog, src)


def practice_markdown(p: Practice, catalog: Catalog, src: str) -> str:
    """A practice: rule, level and a one-line why in view; example, steps, evidence, pitfalls, standards and
    templates folded in a <details> that opens when the practice is linked to directly or printed."""
    why, more_why = _first_sentence(p.why)
    worked = tools.worked_examples(catalog, p.id, page_url(_theme_page(catalog, p.theme)))
    fold_title = "Example, steps, evidence, pitfalls and standards" if p.example or worked else "Steps, evidence, pitfalls and standards"
    lines = [
        f"### {p.id} {p.title} {{ #{p.id} data-practice-level=\"{p.level}\" }}",
        "",
        f"**{'Must' if p.level == 'must' else 'Should'}:** {_md_escape(p.rule)}",
        "",
        f"**Why:** {_md_escape(why)}",
        "",
        f"*Reviewed {month_label(p.reviewed)}*",
        "",
        f'??? note candor-fold "{fold_title}"',
        "",
        _indent("\n".join(_folded(p, catalog, src, worked, more_why))),
        "",
    ]
    return "\n".join(lines)


def summary_markdown(theme_id: str, catalog: Catalog, src: str) -> str:
    """The one-minute summary at the top of a theme page: the musts, the one mistake to avoid, the check to run."""
    theme = next(t for t in catalog.themes if t.id == theme_id)
    musts = [p for p in catalog.practices_of(theme_id) if p.live_must]
    check = catalog.checks[theme.check].title if theme.check in catalog.checks else str(catalog.tools[theme.check]["title"])
    templates = {t.id: t for p in catalog.practices_of(theme_id) for t in catalog.templates_for(p.id)}
    lines = ['!!! abstract "One-minute summary"', ""]
    if musts:
        lines += ["    **The musts**", ""] + [f"    - [{p.id}](#{p.id}) {_md_escape(p.title)}" for p in musts] + [""]
    lines += [
        f"    **The one mistake to avoid.** {_md_escape(theme.mistake)}",
        "",
        f"    **The check to run.** [{_md_escape(check)}]({md_rel(src, f'checks/{theme.check}.md')})",
        "",
    ]
    if templates:
        links = ", ".join(f"[{_md_escape(t.title)}]({md_rel(src, 'kit/' + t.id + '.md')})" for t in templates.values())
        lines += [f"    **Templates.** {links}", ""]
    return "\n".join(lines)


def practices_markdown(theme_id: str, catalog: Catalog, src: str) -> str:
    practices = [p for p in catalog.practices_of(theme_id) if not p.deprecated]
    if not practices:
        raise ValueError(f"theme {theme_id!r} has no practices")
    return "\n".join(practice_markdown(p, catalog, src) for p in practices)


def theme_index_markdown(catalog: Catalog, src: str) -> str:
    rows = ["| Theme | What it is about | Practices |", "| --- | --- | --- |"]
    for t in catalog.themes:
        ids = ", ".join(
            f"[{p.id}]({md_rel(src, t.page, p.id)})" for p in catalog.practices_of(t.id) if not p.deprecated
        )
        rows.append(f"| [{t.title}]({md_rel(src, t.page)}) | {_md_escape(t.summary)} | {ids} |")
    return "\n".join(rows) + "\n"


def _source_block(s: Source, catalog: Catalog, src: str) -> str:
    citing = catalog.citing(s.id)
    backlinks = ", ".join(f"[{p.id}]({_practice_md(catalog, src, p.id)})" for p in citing) or "none (background reading)"
    note = f" {_md_escape(s.confidence_note)}" if s.confidence_note else ""
    return "\n".join([
        f"### {_md_escape(s.title)} {{ #{s.id} }}",
        "",
        f"- **Publisher:** {_md_escape(s.publisher)} · **Date:** {s.date} · **Kind:** {s.kind.replace('-', ' ')}",
        f"- **Link:** <{s.url}>",
        f"- **Covers:** {_md_escape(s.covers)}",
        f"- **Confidence:** {CONFIDENCE[s.confidence]}.{note}",
        f"- **Reviewed:** {month_label(s.reviewed)}",
        f"- **Cited by:** {backlinks}",
        "",
    ])


def sources_markdown(catalog: Catalog, src: str) -> str:
    out = []
    for family, title in FAMILIES.items():
        members = sorted((s for s in catalog.sources.values() if s.family == family), key=lambda s: s.title)
        if members:
            out.append(f"## {title}\n")
            out += [_source_block(s, catalog, src) for s in members]
    return "\n".join(out)


def crosswalk_html(catalog: Catalog, page_url: str) -> str:
    """Practices x source families; each cell lists the sources (and verified locators) behind the practice."""
    families = [f for f in FAMILIES if any(s.family == f for s in catalog.sources.values())]
    head = "".join(f'<th scope="col">{esc(FAMILIES[f])}</th>' for f in families)
    rows = []
    for t in catalog.themes:
        rows.append(f'<tr class="candor-crosswalk-theme"><th scope="rowgroup" colspan="{len(families) + 1}">'
                    f'<a href="{esc(rel(page_url, t.url))}">{esc(t.title)}</a></th></tr>')
        for p in catalog.practices_of(t.id):
            if p.deprecated:
                continue
            cells = []
            for f in families:
                hits = [m for m in p.mappings if catalog.sources[m.source].family == f]
                items = "<br>".join(
                    f'<a href="{esc(rel(page_url, "guidance/sources/#" + m.source))}">'
                    f"{esc(catalog.sources[m.source].title)}</a>" + (f" ({esc(m.locator)})" if m.locator else "")
                    for m in hits
                )
                cells.append(f"<td>{items}</td>" if hits else '<td><span class="candor-visually-hidden">none</span></td>')
            rows.append(
                f'<tr><th scope="row"><a href="{esc(rel(page_url, p.url))}">{esc(p.id)}</a> {esc(p.title)}</th>{"".join(cells)}</tr>'
            )
    return (
        '<div class="candor-crosswalk" tabindex="0" role="region" aria-label="Crosswalk table (scrolls sideways)">'
        f'<table><thead><tr><th scope="col">Practice</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def glossary_markdown(catalog: Catalog, src: str) -> str:
    out = []
    for t in sorted(catalog.glossary, key=lambda t: t.term.lower()):
        term = f"{t.term} ({t.expansion})" if t.expansion else t.term
        links = ""
        if t.practices:
            links = " See " + ", ".join(f"[{p}]({_practice_md(catalog, src, p)})" for p in t.practices) + "."
        out.append(f"{_md_escape(term)}\n:   {_md_escape(t.definition)}{links}\n")
    return "\n".join(out)


def abbreviations(catalog: Catalog) -> str:
    """Markdown ``abbr`` definitions appended to every page, so glossary terms get hover tooltips."""
    return "\n" + "\n".join(
        f"*[{t.term}]: {(t.expansion + ': ') if t.expansion else ''}{t.definition}".replace("\n", " ")
        for t in catalog.glossary
    ) + "\n"
