"""The pre-launch checklist: checkable lines for each live ``must`` practice (one per action), from the practice.

Each such practice carries ``checklist: {line, scope}`` in ``content/practices/<theme>.yml``: one action in
one sentence. ``scope: campaign`` lines are checked for every launch; ``scope: company`` lines are standing
controls, confirmed once and re-checked at each review. The titles and introductions of the two parts live in
``content/learning.yml`` (``checklist:``). The content compiler fails, naming the practice, when a live must
practice has no line or a should practice has one.

Shortcodes: ``checklist`` (the page, with a checkbox per line) and ``checklist-download`` (a Markdown copy,
with a link from every line to its practice, for a ticket, a brief or a pull request).
"""

from __future__ import annotations

from dataclasses import dataclass

from candor.compiler.catalog import Catalog, Practice

from .markup import esc, learning_of, rel

CHECKLIST_DOWNLOAD = "assets/candor/checklist.md.txt"  # not .md: MkDocs would render a .md file as a page


@dataclass(frozen=True)
class Part:
    scope: str
    title: str
    intro: str
    groups: tuple[tuple[str, str, tuple[Practice, ...]], ...]  # (theme id, theme title, practices)


def checklist_parts(catalog: Catalog) -> tuple[Part, ...]:
    """The checklist in print order: campaign lines, then company controls, each grouped by theme."""
    parts = []
    for text in learning_of(catalog).checklist.parts:
        groups = []
        for t in catalog.themes:
            items = tuple(
                p for p in catalog.practices_of(t.id)
                if p.checklist is not None and p.checklist.scope == text.scope and p.live_must
            )
            if items:
                groups.append((t.id, t.title, items))
        parts.append(Part(text.scope, text.title, text.intro, tuple(groups)))
    return tuple(parts)


def checklist_lines(catalog: Catalog) -> list[Practice]:
    return [p for part in checklist_parts(catalog) for _, _, items in part.groups for p in items]


def checklist_markdown(catalog: Catalog, site_url: str) -> str:
    """The checklist as Markdown teams can paste into a ticket, a brief or a pull request, linked to the site."""
    base = site_url.rstrip("/") + "/"
    texts = learning_of(catalog).checklist
    out = [
        f"# {texts.title}",
        "",
        texts.intro,
        "",
        "- Campaign:",
        "- Launch date:",
        "- Checked by:",
        "- Approved by:",
        "",
    ]
    for part in checklist_parts(catalog):
        out += [f"## {part.title}", "", part.intro, ""]
        for _, title, items in part.groups:
            out += [f"### {title}", ""]
            out += [f"- [ ] **[{p.id}]({base}{p.url})** {line}" for p in items if p.checklist for line in p.checklist.lines]
            out.append("")
    return "\n".join(out)


def checklist_html(catalog: Catalog, page: str) -> str:
    out = [
        '<div class="candor-widget candor-checklist" id="candor-checklist">',
        '<p class="candor-checklist-fields"><span>Campaign:</span> <span>Launch date:</span> '
        "<span>Checked by:</span> <span>Approved by:</span></p>",
    ]
    for part in checklist_parts(catalog):
        pid = f"candor-checklist-{part.scope}"
        out += [
            f'<section class="candor-checklist-part" id="{pid}" data-scope="{part.scope}" aria-labelledby="{pid}-title">',
            f'<h2 id="{pid}-title">{esc(part.title)}</h2>',
            f'<p class="candor-checklist-intro">{esc(part.intro)}</p>',
            '<div class="candor-checklist-sections">',
        ]
        for tid, title, items in part.groups:
            gid = f"candor-checklist-{part.scope}-{tid}"
            out += [
                f'<section class="candor-checklist-theme" aria-labelledby="{gid}">',
                f'<h3 id="{gid}">{esc(title)}</h3>',
                '<ul class="candor-checklist-items">',
            ]
            for p in items:
                for n, line in enumerate(p.checklist.lines if p.checklist else ("",), 1):
                    cid = f"candor-checklist-{p.id}" + (f"-{n}" if n > 1 else "")
                    out.append(
                        f'<li class="candor-checklist-item" data-practice="{esc(p.id)}"><label class="candor-option" for="{cid}">'
                        f'<input type="checkbox" id="{cid}"> <span><a class="candor-checklist-id" href="{esc(rel(page, p.url))}">'
                        f"{esc(p.id)}</a> {esc(line)}</span></label></li>"
                    )
            out += ["</ul>", "</section>"]
        out += ["</div>", "</section>"]
    out.append("</div>")
    return "\n".join(out)


def download_html(page: str) -> str:
    return (
        f'<p class="candor-checklist-download"><a class="md-button" href="{esc(rel(page, CHECKLIST_DOWNLOAD))}" '
        f'download="candor-pre-launch-checklist.md">Download as Markdown</a></p>'
    )
