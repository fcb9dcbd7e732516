"""Team onboarding, the pages: the learning path, each module's page, its knowledge check and the progress page.

Shortcodes (``<!-- candor:NAME ARG -->``, wired in :mod:`sitebuild.onboarding`):

- ``learning-path``: the modules in order, with time, objectives, key practices, "try it" links and a link
  to each knowledge check (``docs/learn/index.md``);
- ``module ID``: a module's reading list, objectives, key practices and checks to try (its own page);
- ``module-next ID``: where to go after the module;
- ``quiz ID``: the knowledge check as a static HTML form, readable and printable without JavaScript, with
  an answer key; ``widgets/js/quiz.mjs`` scores it through the engine and keeps progress in this browser;
- ``progress``: the completion summary, filled in by ``quiz.mjs`` from the browser's storage.
"""

from __future__ import annotations

from candor.compiler.catalog import Catalog, Theme
from candor.learning.path import LEARN, Learning, Module, TryIt
from candor.learning.quiz import Quiz, QuizQuestion
from candor.model.links import PracticeLink, page_url
from candor.util.storage_keys import LEARNING_KEY, QUIZ_ORDER_KEY, aside_key

from .markup import esc, md_rel, rel
from .reading_time import ModuleTimes

STORAGE_KEY = LEARNING_KEY  # published on each quiz element for quiz.mjs (documented on the progress page)

# Where quiz.mjs keeps progress, and progress it could not read (kept aside until the reader discards it).
_KEYS = (f'data-candor-saved-key="{STORAGE_KEY}" data-candor-aside-key="{aside_key("learning")}" '
         f'data-candor-order-key="{QUIZ_ORDER_KEY}"')  # and the seed of this learner's option order (quiz-order.mjs)

# --- page renderers -----------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _theme(catalog: Catalog, theme_id: str) -> Theme:
    return catalog.theme(theme_id)


def _practice_md(catalog: Catalog, src: str, pid: str) -> str:
    p = catalog.practices[pid]
    return f"[{pid} {_md(p.title)}]({md_rel(src, _theme(catalog, p.theme).page, pid)})"


def _try_md(catalog: Catalog, src: str, t: TryIt) -> str:
    title = catalog.checks[t.check].title
    sep = " " if title.endswith(("?", "!", ".")) else ": "
    return f"[{_md(title)}]({md_rel(src, f'checks/{t.check}.md')}){sep}{_md(t.why)}"


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes"
    text = f"{hours} hour{'s' if hours > 1 else ''}"
    return text + (f" {rest} minutes" if rest else "")


def learning_path_markdown(learning: Learning, times: ModuleTimes, catalog: Catalog, src: str) -> str:
    n = len(learning.modules)
    out = [
        f"{n} modules, about {_duration(times.total)} in all, including the knowledge checks. "
        "Take them in order, or start with the one closest to the work in front of you.",
        "",
        f"*Times are worked out from the text itself: reading the module's guidance pages at "
        f"{learning.pace.words_per_minute} words a minute, plus about {learning.pace.seconds_per_question} seconds "
        "for each knowledge-check scenario. Skimming a page you already know takes less.*",
        "",
        "| Module | Themes | Time | Knowledge check |",
        "| --- | --- | --- | --- |",
    ]
    for m in learning.modules:
        page = md_rel(src, m.page)
        themes = ", ".join(_md(_theme(catalog, t).title) for t in m.themes)
        quiz_len = len(learning.quizzes[m.quiz].questions)
        out.append(
            f"| {m.number}. [{_md(m.title)}]({page}) | {themes} | {times.minutes[m.id]} min | "
            f"[{quiz_len} scenarios]({page}#knowledge-check) |"
        )
    out.append("")
    for m in learning.modules:
        out += _module_section(learning, times, m, catalog, src)
    return "\n".join(out)


def _module_section(learning: Learning, times: ModuleTimes, m: Module, catalog: Catalog, src: str) -> list[str]:
    """One module on the learning path: time, summary, objectives, reading, key practices, checks to try."""
    page = md_rel(src, m.page)
    return [
        f"## {m.number}. {_md(m.title)} {{ #module-{m.id} }}",
        "",
        f"*About {times.minutes[m.id]} minutes, including a knowledge check of {len(learning.quizzes[m.quiz].questions)} scenarios.*",
        "",
        _md(m.summary),
        "",
        "**By the end of this module you can:**",
        "",
        *(f"- {_md(o)}" for o in m.objectives),
        "",
        "**Read:** " + ", ".join(f"[{_md(_theme(catalog, t).title)}]({md_rel(src, _theme(catalog, t).page)})" for t in m.themes),
        "",
        "**Key practices:**",
        "",
        *(f"- {_practice_md(catalog, src, pid)}" for pid in m.practices),
        "",
        "**Try it:**",
        "",
        *(f"- {_try_md(catalog, src, t)}" for t in m.try_it),
        "",
        f"[Start module {m.number}]({page}){{ .md-button }} [Take the knowledge check]({page}#knowledge-check)",
        "",
    ]


def module_markdown(learning: Learning, times: ModuleTimes, m: Module, catalog: Catalog, src: str) -> str:
    out = [
        f"*Module {m.number} of {len(learning.modules)} · about {times.minutes[m.id]} minutes · "
        f"[all modules]({md_rel(src, f'{LEARN}/index.md')})*",
        "",
        "## What you will learn",
        "",
        *(f"- {_md(o)}" for o in m.objectives),
        "",
        "## Read first",
        "",
        *(f"- [{_md(theme.title)}]({md_rel(src, theme.page)}): {_md(theme.summary)}" for theme in (_theme(catalog, t) for t in m.themes)),
        "",
        "## Key practices",
        "",
        "Start with these; the theme pages explain each one, with steps and the evidence an approver will ask for.",
        "",
    ]
    for pid in m.practices:
        p = catalog.practices[pid]
        out.append(f"- {_practice_md(catalog, src, pid)}. **{'Must' if p.level == 'must' else 'Should'}:** {_md(p.rule)}")
    out += ["", "## Try it", ""]
    out += [f"- {_try_md(catalog, src, t)}" for t in m.try_it]
    out.append("")
    return "\n".join(out)


def module_next_markdown(learning: Learning, m: Module, src: str) -> str:
    later = [x for x in learning.modules if x.number == m.number + 1]
    progress = md_rel(src, f"{LEARN}/progress.md")
    if later:
        nxt = later[0]
        return (
            f"**Next:** [Module {nxt.number}: {_md(nxt.title)}]({md_rel(src, nxt.page)}). "
            f"Your scores so far are on [your progress]({progress}) page.\n"
        )
    return (
        f"**You have reached the end of the path.** See [your progress]({progress}) for a summary you can print, "
        f"and use the [pre-launch checklist]({md_rel(src, f'{LEARN}/checklist.md')}) before your next launch.\n"
    )


def _practice_a(page: str, link: PracticeLink) -> str:
    return f'<a href="{esc(rel(page, link.url))}">{esc(link.id)} {esc(link.title)}</a>'


def _quiz_question(base: str, i: int, n: int, q: QuizQuestion) -> list[str]:
    qbase = f"{base}-q-{q.id}"
    out = [
        f'<fieldset class="candor-question candor-quiz-question" id="{qbase}" data-question="{esc(q.id)}">',
        f'<legend class="candor-legend"><span class="candor-quiz-number">Scenario {i} of {n}</span> '
        f'<span class="candor-quiz-scenario">{esc(q.scenario)}</span> '
        f'<span class="candor-quiz-prompt">{esc(q.prompt)}</span></legend>',
        '<div class="candor-options">',
    ]
    for o in q.options:
        input_id = f"{qbase}-{o.id}"
        out.append(
            f'<label class="candor-option" for="{input_id}">'
            f'<input type="radio" id="{input_id}" name="{qbase}" value="{esc(o.id)}"> '
            f"<span>{esc(o.label)}</span></label>"
        )
    return [*out, "</div>", f'<div class="candor-quiz-feedback" id="{qbase}-feedback" data-candor-feedback hidden></div>', "</fieldset>"]


def _answer_key(base: str, quiz: Quiz, page: str) -> list[str]:
    """The answer key: the best response to each scenario, and why each option is or is not."""
    out = [
        f'<details class="candor-quiz-key" id="{base}-key">',
        "<summary>Answer key: the best response to each scenario, and why each option is or is not</summary>",
        '<ol class="candor-quiz-key-list">',
    ]
    for q in quiz.questions:
        out.append(f'<li id="{base}-key-{q.id}"><p><strong>{esc(q.prompt)}</strong> Best response: “{esc(q.best.label)}”</p><ul>')
        for o in q.options:
            mark = "Best response" if o.best else "Not the best response"
            icon = "✓" if o.best else "✕"
            out.append(
                f'<li class="candor-quiz-key-option{" candor-quiz-key-option--best" if o.best else ""}">'
                f'<span aria-hidden="true">{icon}</span> <strong>{mark}:</strong> “{esc(o.label)}” {esc(o.explanation)} '
                f"See {_practice_a(page, quiz.links[o.practice])}.</li>"
            )
        out.append("</ul></li>")
    return [*out, "</ol>", "</details>"]


def quiz_html(learning: Learning, m: Module, page: str) -> str:
    """The knowledge check: a complete static form plus an answer key; the browser glue adds the scoring."""
    quiz = learning.quizzes[m.quiz]
    base = f"candor-quiz-{quiz.id}"
    n = len(quiz.questions)
    out = [
        f'<div class="candor-widget candor-quiz" id="{base}-widget" data-candor-quiz="{esc(quiz.id)}" '
        f'data-candor-quiz-total="{n}" {_KEYS} data-candor-state="static">',
        f'<p class="candor-summary">{n} scenarios from everyday marketing work. Choose the best response to each, then '
        "check your answers: every option is explained, with the practice behind it.</p>",
        f'<div class="candor-status" id="{base}-status" role="status" aria-live="polite" aria-atomic="true" data-candor-notice>'
        "Your answers and scores stay in this browser: nothing is sent anywhere. "
        "The answer key after the questions explains every option.</div>",
        f'<form class="candor-form candor-quiz-form" id="{base}-form" method="dialog" aria-describedby="{base}-status" novalidate>',
        f'<p class="candor-progress" id="{base}-progress" data-candor-progress>{n} scenarios</p>',
    ]
    for i, q in enumerate(quiz.questions, 1):
        out += _quiz_question(base, i, n, q)
    out += [
        f'<p class="candor-quiz-actions" id="{base}-actions" hidden>'
        f'<button type="submit" class="md-button md-button--primary" id="{base}-check">Check my answers</button> '
        f'<button type="button" class="md-button" id="{base}-clear" data-candor-quiz-clear>Clear my answers</button> '
        # Seen next to the button pressed (the status above says it to screen readers, once).
        f'<span class="candor-quiz-busy" aria-hidden="true" data-candor-quiz-busy></span></p>',
        "</form>",
        f'<section class="candor-result candor-quiz-result" id="{base}-result" aria-labelledby="{base}-result-title" hidden>',
        f'<h3 id="{base}-result-title">Your score</h3>',
        f'<div class="candor-result-body" id="{base}-result-body"></div>',
        "</section>",
    ]
    return "\n".join([*out, *_answer_key(base, quiz, page), "</div>"])


def progress_html(learning: Learning, page: str) -> str:
    """The completion summary: static rows for every module, filled in by quiz.mjs from this browser's storage."""
    base = "candor-learning-summary"
    rows = []
    for m in learning.modules:
        quiz = learning.quizzes[m.quiz]
        rows.append(
            f'<tr data-module="{esc(m.quiz)}" data-total="{len(quiz.questions)}">'
            f'<th scope="row"><a href="{esc(rel(page, page_url(m.page)))}">{m.number}. {esc(m.title)}</a></th>'
            '<td data-cell="status">Not taken yet</td><td data-cell="score">–</td><td data-cell="date">–</td></tr>'
        )
    return "\n".join([
        f'<div class="candor-widget candor-learning-summary" id="{base}" data-candor-quiz="" data-candor-learning-summary '
        f'{_KEYS} data-candor-state="static">',
        f'<div class="candor-status" id="{base}-status" role="status" aria-live="polite" data-candor-notice>'
        "Your progress is kept only in this browser, and appears here when JavaScript is on.</div>",
        f'<p class="candor-learning-count" id="{base}-count">{len(learning.modules)} modules.</p>',
        f'<table id="{base}-table">',
        "<caption>Knowledge checks taken in this browser</caption>",
        '<thead><tr><th scope="col">Module</th><th scope="col">Status</th><th scope="col">Score</th>'
        '<th scope="col">Completed on</th></tr></thead>',
        f"<tbody>{''.join(rows)}</tbody>",
        "</table>",
        f'<p class="candor-learning-asof" id="{base}-asof"></p>',
        f'<p class="candor-learning-actions" id="{base}-actions" hidden>'
        f'<button type="button" class="md-button md-button--primary" id="{base}-print" data-candor-print>Print this summary</button> '
        f'<button type="button" class="md-button" id="{base}-clear" data-candor-clear>Clear my progress</button></p>',
        "</div>",
    ])
