"""The pre-launch checklist: one checkable line for each live ``must`` practice, from the practice itself.

Each such practice carries ``checklist: {line, scope}`` in ``content/practices/<theme>.yml``: one action in
one sentence. ``scope: campaign`` lines are checked for every launch; ``scope: company`` lines are standing
controls, confirmed once and re-checked at each review. The titles and introductions of the two parts live in
``content/learning.yml`` (``checklist:``). The build fails, naming the practice, when a live must practice has
no line or a should practice has one.

Shortcodes: ``checklist`` (the page, with a checkbox per line) and ``checklist-download`` (a Markdown copy,
with a link from every line to its practice, for a ticket, a brief or a pull request).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from candor.catalog import Catalog, Practice
from candor.content_files import load_yaml

from .learning import LEARNING_FILE, LearningError
from .markup import esc, rel

CHECKLIST_DOWNLOAD = "assets/candor/checklist.md.txt"  # not .md: MkDocs would render a .md file as a page
SCOPES = ("campaign", "company")


@dataclass(frozen=True)
class Part:
    scope: str
    title: str
    intro: str
    groups: tuple[tuple[str, str, tuple[Practice, ...]], ...]  # (theme id, theme title, practices)


def checklist_problems(catalog: Catalog) -> list[str]:
    """Practices whose checklist line is missing (live must) or out of place (should or deprecated)."""
    problems = []
    for p in catalog.practices.values():
        live_must = p.level == "must" and not p.deprecated
        if live_must and p.checklist is None:
            problems.append(f"practices/{p.theme}.yml: must practice {p.id} has no checklist line (checklist: {{line, scope}})")
        elif not live_must and p.checklist is not None:
            why = "deprecated" if p.deprecated else "a should"
            problems.append(f"practices/{p.theme}.yml: practice {p.id} is {why} practice but has a checklist line")
    return problems


def checklist_parts(catalog: Catalog, content: Path) -> tuple[Part, ...]:
    """The checklist in print order: campaign lines, then company controls, each grouped by theme."""
    problems = checklist_problems(catalog)
    if problems:
        raise LearningError(problems)
    texts: Mapping[str, Any] = load_yaml(content / LEARNING_FILE)["checklist"]
    parts = []
    for scope in SCOPES:
        groups = []
        for t in catalog.themes:
            items = tuple(
                p for p in catalog.practices_of(t.id)
                if p.checklist is not None and p.checklist.scope == scope and p.level == "must" and not p.deprecated
            )
            if items:
                groups.append((t.id, t.title, items))
        parts.append(Part(scope, texts[scope]["title"], texts[scope]["intro"], tuple(groups)))
    return tuple(parts)


def checklist_lines(catalog: Catalog, content: Path) -> list[Practice]:
    return [p for part in checklist_parts(catalog, content) for _, _, items in part.groups for p in items]


def checklist_markdown(catalog: Catalog, content: Path, site_url: str) -> str:
    """The checklist as Markdown teams can paste into a ticket, a brief or a pull request, linked to the site."""
    base = site_url.rstrip("/") + "/"
    texts = load_yaml(content / LEARNING_FILE)["checklist"]
    out = [
        f"# {texts['title']}",
        "",
        texts["intro"],
        "",
        "- Campaign:",
        "- Launch date:",
        "- Checked by:",
        "- Approved by:",
        "",
    ]
    for part in checklist_parts(catalog, content):
        out += [f"## {part.title}", "", part.intro, ""]
        for _, title, items in part.groups:
            out += [f"### {title}", ""]
            out += [f"- [ ] **[{p.id}]({base}{p.url})** {p.checklist.line}" for p in items if p.checklist]
            out.append("")
    return "\n".join(out)


def checklist_html(catalog: Catalog, content: Path, page: str) -> str:
    out = [
        '<div class="candor-widget candor-checklist" id="candor-checklist">',
        '<p class="candor-checklist-fields"><span>Campaign:</span> <span>Launch date:</span> '
        "<span>Checked by:</span> <span>Approved by:</span></p>",
    ]
    for part in checklist_parts(catalog, content):
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
                cid = f"candor-checklist-{p.id}"
                line = p.checklist.line if p.checklist else ""
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
