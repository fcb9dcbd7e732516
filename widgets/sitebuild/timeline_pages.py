"""The key-dates and "what changed" pages, generated from ``content/timeline.yml``.

Status (in force or upcoming) is computed for the build date passed in, so the page is as current as the build.
"""

from __future__ import annotations

import datetime as dt

from candor.compiler.catalog import Catalog
from candor.model.timeline import STATUS, long_date, status

from .markup import md_rel

SOURCES_PAGE = "guidance/sources.md"
KIND_TITLES = {"added": "Added", "changed": "Changed", "deprecated": "Deprecated"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _practice_links(catalog: Catalog, src: str, ids: tuple[str, ...]) -> str:
    pages = {t.id: t.page for t in catalog.themes}
    return ", ".join(f"[{p}]({md_rel(src, pages[catalog.practices[p].theme], p)})" for p in ids)


def key_dates_markdown(catalog: Catalog, src: str, today: dt.date) -> str:
    """One table row per obligation, soonest first, with its status on the build date."""
    t = catalog.timeline
    if t is None:
        raise ValueError("content/timeline.yml is missing: no key dates to show")
    rows = [
        f"Status as of {long_date(today.isoformat())}, when this page was built.",
        "",
        "| Date | Status | Jurisdiction | What applies | Source | Practices |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for o in t.obligations:
        s = catalog.sources[o.source]
        locator = f", {_cell(o.locator)}" if o.locator else ""
        state = STATUS[status(o.date, today)]
        rows.append(
            f"| {long_date(o.date)} | {'**' + state + '**' if state == STATUS['upcoming'] else state} | "
            f"{_cell(o.jurisdiction)} | {_cell(o.title)} | [{_cell(s.title)}]({md_rel(src, SOURCES_PAGE, s.id)}){locator} | "
            f"{_practice_links(catalog, src, o.practices)} |"
        )
    return "\n".join(rows) + "\n"


def changes_markdown(catalog: Catalog, src: str) -> str:
    """The content changelog, newest first, grouped by date and kind."""
    t = catalog.timeline
    if t is None:
        raise ValueError("content/timeline.yml is missing: no changes to show")
    out: list[str] = []
    for day in sorted({c.date for c in t.changes}, reverse=True):
        out += [f"## {long_date(day)}", ""]
        for kind, title in KIND_TITLES.items():
            entries = [c for c in t.changes if c.date == day and c.kind == kind]
            if not entries:
                continue
            out += [f"### {title}", ""]
            out += [f"- {_practice_links(catalog, src, c.practices)}: {_cell(c.note)}" for c in entries]
            out.append("")
    return "\n".join(out)
