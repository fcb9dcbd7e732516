"""The static HTML form of a check, rendered at build time from the questionnaire data.

It is complete without JavaScript: every question is shown, conditions are written out in words, and
it prints. The browser glue only enhances it (hides what the engine says is hidden, shows results).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from candor.checks.duration import time_sentence, time_to_answer
from candor.checks.key_dates import HEADING as KEY_DATES_HEADING
from candor.compiler.catalog import Catalog
from candor.intake.campaign import character_refusal, field_schemas, refused_class, takes_lines
from candor.intake.decode import MAX_ANSWERS_BYTES
from candor.model.conditions import Condition, InCondition, fold
from candor.model.questionnaire import NOT_APPLICABLE, Question, Questionnaire
from candor.util.storage_keys import aside_key, key_attributes, saved_key

from .markup import NOT_INDEXED, esc, intake_attributes, md_rel, rel
from .shortcodes import ShortcodeError


def describe_condition(q: Questionnaire, cond: Condition) -> str:
    """A condition in words, e.g. “What did AI make? is Images or Video”."""

    def leaf(c: InCondition) -> str:
        target = q.question(c.question)
        assert target is not None
        labels = " or ".join(f"“{o.label}”" for o in target.options if o.id in c.options)
        return f"you answer {labels} to “{target.text}”"

    return fold(cond, leaf, " and ".join, " or ".join, lambda part: f"not ({part})")


def _question(q: Questionnaire, question: Question, catalog: Catalog, page_url: str) -> str:
    base = f"candor-{q.id}-{question.id}"
    kind = "checkbox" if question.type == "multi" else "radio"
    out = [
        f'<fieldset class="candor-question" id="{base}" data-question="{esc(question.id)}" data-type="{question.type}"'
        + _describedby(base, question)
        + ">",
        f'<legend class="candor-legend">{esc(question.text)}</legend>',
    ]
    if question.help:
        out.append(f'<p class="candor-help" id="{base}-help">{esc(question.help)}</p>')
    if question.show_if is not None:
        out.append(
            f'<p class="candor-condition" id="{base}-cond">Answer this if {esc(describe_condition(q, question.show_if))}.</p>'
        )
    if question.type == "multi":
        out.append('<p class="candor-hint">Choose all that apply.</p>')
    out.append('<div class="candor-options">')
    options = [(o.id, o.label, o.exclusive) for o in question.options]
    if question.na:
        options.append((NOT_APPLICABLE, "Not applicable", False))
    for oid, label, exclusive in options:
        input_id = f"{base}-{oid}"
        out.append(
            f'<label class="candor-option" for="{input_id}">'
            f'<input type="{kind}" id="{input_id}" name="{base}" value="{esc(oid)}"{" data-exclusive" if exclusive else ""}> '
            f"<span>{esc(label)}</span></label>"
        )
    out.append("</div>")
    if question.practices:
        links = ", ".join(
            f'<a href="{esc(rel(page_url, catalog.practices[p].url))}">{esc(p)} {esc(catalog.practices[p].title)}</a>'
            for p in question.practices
        )
        out.append(f'<p class="candor-guidance">Guidance: {links}</p>')
    out.append("</fieldset>")
    return "\n".join(out)


def _describedby(base: str, question: Question) -> str:
    ids = ([f"{base}-help"] if question.help else []) + ([f"{base}-cond"] if question.show_if is not None else [])
    return f' aria-describedby="{" ".join(ids)}"' if ids else ""


def _toolbar(fid: str) -> str:
    """Keep, share and report controls. Hidden until the browser glue wires them (they need JavaScript)."""
    buttons = [
        ("export", "Export answers (JSON)"),
        ("import", "Import answers…"),
        ("report", "Download report (Markdown)"),
        ("share", "Copy share link"),
        ("print", "Print or save as PDF"),
        ("clear", "Clear my answers"),
    ]
    out = [
        f'<div class="candor-keep" id="{fid}-keep" hidden>',
        f'<p class="candor-keep-note" id="{fid}-keep-note">Your answers are saved in this browser only. '
        "Nothing is sent anywhere. Export them to keep a copy or to share them.</p>",
        f'<div class="candor-actions" role="group" aria-label="Keep, share and report" aria-describedby="{fid}-keep-note">',
    ]
    out += [f'<button type="button" class="md-button" data-candor-action="{a}">{esc(label)}</button>' for a, label in buttons]
    out += [
        "</div>",
        f'<input type="file" id="{fid}-file" accept="application/json,.json" hidden data-candor-file>',
        f'<div class="candor-share" data-candor-share hidden><label for="{fid}-share-url">Share link (the answers are in the '
        f'link itself and never reach a server)</label><input type="text" id="{fid}-share-url" readonly data-candor-share-url></div>',
        "</div>",
    ]
    return "\n".join(out)


def _campaign(fid: str, answers_schema: Mapping[str, Any]) -> str:
    """The optional campaign details (labels and limits from the answers schema), for the report and its sign-off."""
    out = [
        f'<fieldset class="candor-campaign" data-candor-campaign aria-describedby="{fid}-campaign-help">',
        '<legend class="candor-legend">Campaign details (optional)</legend>',
        f'<p class="candor-help" id="{fid}-campaign-help">For the report\'s summary and sign-off. They are saved, '
        "exported and shared with your answers, and never change the result.</p>",
    ]
    for key, field in field_schemas(answers_schema).items():
        input_id = f"{fid}-campaign-{key.replace('_', '-')}"
        attrs = f'id="{input_id}" data-candor-campaign-field="{esc(key)}" autocomplete="off"'
        if key != "launch_date":  # a date input takes no maxlength; the engine checks it is a real date
            attrs += f' maxlength="{field["maxLength"]}"'
            # The engine's character rule and its message ({code}: the character as U+XXXX), for the form to refuse
            # exactly what the engine would.
            refusal = character_refusal(key, str(field["title"]), "{code}")
            attrs += f' data-candor-refused="{esc(refused_class(lines=takes_lines(field)))}" data-candor-refused-message="{esc(refusal)}"'
        if key == "notes":
            control = f'<textarea {attrs} rows="3"></textarea>'
        else:
            control = f'<input type="{"date" if key == "launch_date" else "text"}" {attrs}>'
        out.append(f'<p class="candor-campaign-field"><label for="{input_id}">{esc(field["title"])}</label>{control}</p>')
    out.append("</fieldset>")
    return "\n".join(out)


def _sticky(fid: str) -> str:
    """The result summary that stays in view while answering; the browser glue fills it from the engine's result."""
    return "\n".join(
        [
            f'<div class="candor-sticky" id="{fid}-sticky" data-candor-sticky role="region" aria-label="Result summary"'
            ' tabindex="-1" hidden>',
            '<p class="candor-sticky-line"><strong class="candor-sticky-verdict" data-candor-sticky-verdict></strong>'
            ' <span class="candor-sticky-meta" data-candor-sticky-meta></span></p>',
            '<p class="candor-sticky-links">'
            f'<a class="candor-sticky-details" href="#{fid}-result" data-candor-details>See details</a>'
            ' <button type="button" class="candor-sticky-next" data-candor-next>Next unanswered question</button>'
            ' <span class="candor-sticky-hint">Esc in a question returns here.</span></p>',
            "</div>",
        ]
    )


def _time(q: Questionnaire, catalog: Catalog) -> str:
    """The check's time for its typical campaign, as the site says it ('' where the content names none)."""
    t = time_to_answer(q, catalog.learning.pace.words_per_minute) if catalog.learning else None
    return time_sentence(t) if t else ""


def _with_time(q: Questionnaire, catalog: Catalog) -> str:
    return " ".join(filter(None, [q.summary, _time(q, catalog)]))


def launch_markdown(q: Questionnaire, catalog: Catalog, src: str) -> str:
    """The home page's way in for a team about to launch: the check, and how long it takes."""
    return f'!!! tip "Launching soon?"\n    [Run the {q.title.lower()}]({md_rel(src, f"checks/{q.id}.md")}). {_time(q, catalog)}\n'


def shared_attribute(q: Questionnaire, catalog: Catalog) -> str:
    """The other checks that ask some of ``q``'s questions (the same question of the bank), with the key each
    saves its answers under, its version and its title: the page brings their answers over (check-shared.mjs)."""
    mine = {x.id for x in q.questions}
    others = {
        cid: {"key": saved_key(cid), "version": o.version, "title": o.title}
        for cid, o in catalog.checks.items()
        if cid != q.id and mine & {x.id for x in o.questions}
    }
    return f' data-candor-shared="{esc(json.dumps(others, ensure_ascii=False))}"'


def check_keys_markdown(catalog: Catalog, kind: str | None) -> str:
    """The keys every check saves under (``answers``) or keeps sets aside under (``aside``), for the privacy page."""
    key = {"answers": saved_key, "aside": aside_key}.get(kind or "")
    if key is None:
        raise ShortcodeError(f"candor:check-keys takes 'answers' or 'aside', not {kind!r}")
    return ", ".join(f"`{key(cid)}`" for cid in catalog.checks)


def render_form(
    q: Questionnaire, catalog: Catalog, page_url: str, lazy: bool = False, answers_schema: Mapping[str, Any] | None = None
) -> str:
    """The whole widget: status region, progress, questions grouped by area, result panel."""
    fid = f"candor-{q.id}"
    out = [
        f'<div class="candor-widget" id="{fid}-widget" data-candor-check="{esc(q.id)}" data-candor-version="{q.version}"'
        f"{intake_attributes(MAX_ANSWERS_BYTES)}{key_attributes(q.id)}{shared_attribute(q, catalog)}"
        f' data-candor-key-dates-heading="{esc(KEY_DATES_HEADING)}"'
        f' data-candor-state="static"{" data-candor-lazy" if lazy else ""} {NOT_INDEXED}>',
        f'<p class="candor-summary">{esc(_with_time(q, catalog))}</p>',
        f'<div class="candor-status" id="{fid}-status" role="status" aria-live="polite">'
        "This check runs Python in your browser. Your answers never leave this device.</div>",
        # Messages and questions to the reader sit at the top of the check, where the page brings them into view.
        f'<div class="candor-notice" id="{fid}-notice" data-candor-notice aria-live="polite"></div>',
        '<div class="candor-prompt" data-candor-prompt hidden role="group"></div>',
        f'<form class="candor-form" id="{fid}-form" aria-describedby="{fid}-status" novalidate>',
        _sticky(fid),  # inside the form: it stays in view over the questions, and scrolls away before the result
        f'<p class="candor-progress" id="{fid}-progress" data-candor-progress>'
        f"{len(q.questions)} questions</p>",
    ]
    for area in q.areas:
        questions = [x for x in q.questions if x.area == area.id]
        if not questions:
            continue
        out.append(f'<section class="candor-area" data-area="{esc(area.id)}" aria-labelledby="{fid}-area-{area.id}">')
        if len(q.areas) > 1:
            out.append(f'<h2 class="candor-area-title" id="{fid}-area-{area.id}" {NOT_INDEXED}>{esc(area.title)}</h2>')
        else:
            out.append(
                f'<h2 class="candor-area-title candor-visually-hidden" id="{fid}-area-{area.id}" {NOT_INDEXED}>{esc(area.title)}</h2>'
            )
        if area.intro:
            out.append(f'<p class="candor-area-intro">{esc(area.intro)}</p>')
        out += [_question(q, x, catalog, page_url) for x in questions]
        out.append("</section>")
    out += [
        *([_campaign(fid, answers_schema)] if answers_schema else []),  # last: the questions come first
        "</form>",
        _toolbar(fid),
        f'<section class="candor-result" id="{fid}-result" aria-labelledby="{fid}-result-title" data-candor-toc="Result"'
        ' tabindex="-1" hidden>',
        f'<h2 id="{fid}-result-title" {NOT_INDEXED}>Result</h2>',
        f'<div class="candor-result-body" id="{fid}-result-body" aria-live="polite" aria-atomic="true"></div>',
        "</section>",
        "</div>",
    ]
    return "\n".join(out)
