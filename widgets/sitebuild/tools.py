"""Static HTML of the calculator tools (the bias audit), rendered at build time from the tool's data."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from candor.bias.audit import audit
from candor.bias.input import DEFAULT_LABELS, MAX_BYTES, MAX_GROUPS, Group
from candor.compiler.catalog import Catalog
from candor.intake.share_link import share_fragment as share_link_fragment
from candor.util.storage_keys import key_attributes

from .markup import NOT_INDEXED, esc, intake_attributes, rel

ROWS = 4


def _row(i: int, successes: str, total: str) -> str:
    return (
        "<tr>"
        f'<td><input type="text" name="group" maxlength="80" aria-label="Group {i} name" autocomplete="off"></td>'
        f'<td><input type="text" name="successes" inputmode="numeric" aria-label="Group {i}: {esc(successes)}" '
        f'data-candor-col="successes"></td>'
        f'<td><input type="text" name="total" inputmode="numeric" aria-label="Group {i}: {esc(total)}" data-candor-col="total"></td>'
        "</tr>"
    )


def bias_form(catalog: Catalog, page_url: str, lazy: bool = False) -> str:
    tool = catalog.tools["bias-audit"]
    fid = "candor-bias-audit"
    first = tool["decisions"][0]
    decisions = "".join(
        f'<label class="candor-option" for="{fid}-decision-{d["id"]}"><input type="radio" id="{fid}-decision-{d["id"]}" '
        f'name="{fid}-decision" value="{esc(d["id"])}" data-successes="{esc(d["successes"])}" data-total="{esc(d["total"])}"'
        f'{" checked" if d is first else ""}> <span>{esc(d["label"])}</span></label>'
        for d in tool["decisions"]
    )
    guidance = ", ".join(
        f'<a href="{esc(rel(page_url, catalog.practices[p].url))}">{esc(p)} {esc(catalog.practices[p].title)}</a>'
        for p in tool["practices"]
    )
    return "\n".join([
        f'<div class="candor-widget candor-bias" id="{fid}-widget" data-candor-tool="{esc(tool["id"])}" data-candor-state="static"'
        f'{intake_attributes(MAX_BYTES)} data-candor-max-groups="{MAX_GROUPS}"'
        f' data-candor-version="{esc(str(tool["version"]))}"{key_attributes(tool["id"])}'
        f'{" data-candor-lazy" if lazy else ""} {NOT_INDEXED}>',
        f'<p class="candor-summary">{esc(tool["summary"])}</p>',
        f'<div class="candor-status" id="{fid}-status" role="status" aria-live="polite">'
        "The calculator runs in your browser. The counts you enter never leave this device.</div>",
        f'<form class="candor-form" id="{fid}-form" novalidate>',
        f'<fieldset class="candor-question"><legend class="candor-legend">What decision are you auditing?</legend>'
        f'<div class="candor-options">{decisions}</div></fieldset>',
        '<fieldset class="candor-question"><legend class="candor-legend">Counts per group</legend>',
        '<p class="candor-help">One row per group (for example age bands or regions). Whole numbers only; the first '
        "count cannot be larger than the second.</p>",
        '<div class="candor-bias-scroll"><table class="candor-bias-table"><thead><tr>'
        f'<th scope="col">{esc(DEFAULT_LABELS["group"])}</th>'
        f'<th scope="col" data-candor-head="successes">{esc(first["successes"])}</th>'
        f'<th scope="col" data-candor-head="total">{esc(first["total"])}</th></tr></thead>',
        f'<tbody data-candor-rows>{"".join(_row(i, first["successes"], first["total"]) for i in range(1, ROWS + 1))}</tbody>'
        "</table></div>",
        '<button type="button" class="md-button" data-candor-add-row hidden>Add a group</button>',
        "</fieldset>",
        f'<details class="candor-csv"><summary>Or paste a table (CSV)</summary><label for="{fid}-csv">Paste rows with a header, '
        "for example <code>group,reached,eligible</code>. Without a header, the columns are read as group, successes, "
        "total, in that order. Commas, semicolons or tabs all work. When this box has text, "
        f'it is used instead of the rows above.</label><textarea id="{fid}-csv" rows="6" data-candor-csv spellcheck="false">'
        "</textarea></details>",
        '<p><button type="submit" class="md-button md-button--primary" data-candor-calculate hidden>Calculate</button></p>',
        "</form>",
        '<div class="candor-keep" hidden><p class="candor-keep-note">The counts are saved in this browser only. Nothing is '
        "sent anywhere.</p>",
        '<div class="candor-actions" role="group" aria-label="Keep and share the counts">'
        '<button type="button" class="md-button" data-candor-action="export">Export counts (CSV)</button>'
        '<button type="button" class="md-button" data-candor-action="share">Copy share link</button>'
        '<button type="button" class="md-button" data-candor-action="clear">Clear the counts</button></div>',
        f'<div class="candor-share" data-candor-share hidden><label for="{fid}-share-url">Share link (the counts are in the '
        f'link itself and never reach a server)</label><input type="text" id="{fid}-share-url" readonly data-candor-share-url></div>',
        "</div>",
        '<div class="candor-notice" data-candor-notice aria-live="polite"></div>',
        f'<section class="candor-result" id="{fid}-result" aria-labelledby="{fid}-result-title" hidden>',
        f'<h2 id="{fid}-result-title" {NOT_INDEXED}>Result</h2><div class="candor-result-body" data-candor-result></div>',
        f'<p class="candor-guidance">Guidance: {guidance}</p>',
        "</section>",
        "</div>",
    ])


def share_fragment(tool: Mapping[str, Any], decision: str, groups: list[Mapping[str, Any]]) -> str:
    chosen = next(d for d in tool["decisions"] if d["id"] == decision)
    rows = [["group", chosen["successes"].lower(), chosen["total"].lower()]]
    rows += [[g["group"], str(g["successes"]), str(g["total"])] for g in groups]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    answers = {"decision": decision, "csv": out.getvalue()}
    # The engine's share-link format, the one the widget reads: tests/browser/test_kit_readable.py opens the worked
    # example's link to prove a link built here opens like one a reader copied.
    return share_link_fragment({"questionnaire": tool["id"], "version": tool["version"], "answers": answers})


def worked_examples(catalog: Catalog, practice_id: str, page_url: str) -> str:
    """Markdown of each calculator example for a practice: the counts, the engine's reading, a pre-filled link.

    The link has target="_self" so that Material's instant navigation (which drops the share fragment) lets the
    browser load the calculator page itself."""
    out = []
    for tool in catalog.tools.values():
        for example in tool.get("examples", []):
            if example["practice"] != practice_id:
                continue
            groups = [Group(g["group"], g["successes"], g["total"]) for g in example["groups"]]
            result = audit(groups, alpha=tool["alpha"], four_fifths=tool["four_fifths"], small_sample=tool["small_sample"])
            chosen = next(d for d in tool["decisions"] if d["id"] == example["decision"])
            rows = [f"| Group | {chosen['total']} | {chosen['successes']} | Rate | Impact ratio |", "| --- | ---: | ---: | ---: | ---: |"]
            rows += [
                f"| {esc(r.group)} | {r.total:,} | {r.successes:,} | {r.figures.rate} | {r.figures.impact_ratio} |"
                for r in result.groups
            ]
            href = rel(page_url, "checks/" + tool["id"] + "/") + share_fragment(tool, example["decision"], example["groups"])
            out += [
                f"**Worked example.** {esc(example['intro'])}",
                "",
                "\n".join(rows),
                "",
                f"The impact ratio is each group's rate divided by the best-served group's rate. {esc(result.reading)}",
                "",
                f'<a class="candor-worked-example" href="{esc(href)}" target="_self">'
                f'Open this example in the {esc(tool["title"].lower())}</a>',
                "",
            ]
    return "\n".join(out)
