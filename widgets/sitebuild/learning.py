"""Team onboarding: the learning path, the module knowledge checks and the printable pre-launch checklist.

Everything here is generated from ``content/learning.yml`` (the modules), ``content/quizzes/<id>.yml`` (the
scenario questions) and the practice catalogue. The data is read and validated once per build; any problem
fails the build with the file and the id named, for example
``quizzes/foundations.yml: quiz 'foundations' question 'chatbot-persona': needs exactly one best option``.

Shortcodes (``<!-- candor:NAME ARG -->``):

- ``learning-path``: the modules in order, with time, objectives, key practices, "try it" links and a link
  to each knowledge check (``docs/learn/index.md``);
- ``module ID``: a module's reading list, objectives, key practices and checks to try (its own page);
- ``module-next ID``: where to go after the module;
- ``quiz ID``: the knowledge check as a static HTML form, readable and printable without JavaScript, with
  an answer key; ``widgets/js/quiz.mjs`` scores it through the engine and keeps progress in this browser;
- ``progress``: the completion summary, filled in by ``quiz.mjs`` from the browser's storage;
- ``checklist``: every ``must`` practice as a checkbox line, grouped by theme.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from candor.catalog import Catalog, Practice, PracticeLink, Theme, page_url
from candor.content_files import load_yaml
from candor.quiz import Quiz, QuizError, parse_quiz
from candor.schema_check import validate
from mkdocs.exceptions import PluginError

from .markup import esc, md_rel, rel
from .shortcodes import Renderer

LEARN = "learn"  # the docs folder of the onboarding pages: learn/index.md, learn/<module id>.md, ...
LEARNING_FILE = "learning.yml"
QUIZ_FOLDER = "quizzes"
CHECKLIST_DOWNLOAD = "assets/candor/checklist.md.txt"  # not .md: MkDocs would render a .md file as a page
STORAGE_KEY = "candor:learning:v1"  # the one localStorage key quiz.mjs uses (documented on the progress page)


class LearningError(PluginError, ValueError):
    """The onboarding content is invalid. ``problems`` holds one line per problem, naming the file and the id."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid onboarding content:\n  " + "\n  ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TryIt:
    check: str
    why: str


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    summary: str
    minutes: int
    objectives: tuple[str, ...]
    themes: tuple[str, ...]
    practices: tuple[str, ...]
    try_it: tuple[TryIt, ...]
    quiz: str

    @property
    def page(self) -> str:
        return f"{LEARN}/{self.id}.md"


@dataclass(frozen=True)
class Learning:
    title: str
    modules: tuple[Module, ...]
    quizzes: dict[str, Quiz]
    raw_quizzes: dict[str, Mapping[str, Any]]

    def module(self, module_id: str | None) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)


def _schema(content: Path, name: str) -> dict[str, Any]:
    return json.loads((content / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def _load_quizzes(catalog: Catalog, content: Path, problems: list[str]) -> tuple[dict[str, Quiz], dict[str, Mapping[str, Any]]]:
    schema = _schema(content, "quiz")
    links: dict[str, PracticeLink] = {pid: p.link for pid, p in catalog.practices.items() if not p.deprecated}
    quizzes: dict[str, Quiz] = {}
    raws: dict[str, Mapping[str, Any]] = {}
    for path in sorted((content / QUIZ_FOLDER).glob("*.yml")):
        name = f"{QUIZ_FOLDER}/{path.name}"
        try:
            raw = load_yaml(path)
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
            continue
        found = validate(raw, schema)
        if found:
            problems += [f"{name}: {p}" for p in found[:10]]
            continue
        if raw["id"] != path.stem:
            problems.append(f"{name}: quiz id {raw['id']!r} does not match its file name {path.stem!r}")
            continue
        unlinked = [
            f"{name}: question {q['id']!r} option {o['id']!r} links "
            f"{'deprecated' if o['practice'] in catalog.practices else 'unknown'} practice {o['practice']!r}"
            for q in raw["questions"] for o in q["options"] if o["practice"] not in links
        ]
        if unlinked:
            problems += unlinked
            continue
        try:
            quizzes[raw["id"]] = parse_quiz(raw, links)
        except QuizError as exc:
            problems.append(f"{name}: {exc}")
            continue
        raws[raw["id"]] = raw
    return quizzes, raws


def _check_module(m: Mapping[str, Any], catalog: Catalog, quizzes: Mapping[str, Quiz], where: str) -> list[str]:
    themes = {t.id for t in catalog.themes}
    problems = [f"{where} covers unknown theme {t!r}" for t in m["themes"] if t not in themes]
    for pid in m["practices"]:
        p = catalog.practices.get(pid)
        if p is None or p.deprecated:
            problems.append(f"{where} lists {'unknown' if p is None else 'deprecated'} practice {pid!r}")
        elif p.theme not in m["themes"]:
            problems.append(f"{where} lists practice {pid!r}, whose theme {p.theme!r} the module does not cover")
    problems += [f"{where} links unknown check {t['check']!r}" for t in m["try"] if t["check"] not in catalog.checks]
    if m["quiz"] not in quizzes:
        problems.append(f"{where} links unknown quiz {m['quiz']!r} (no valid {QUIZ_FOLDER}/{m['quiz']}.yml)")
    return problems


def read_learning(catalog: Catalog, content: Path) -> Learning:
    """Read and validate the learning path and its quizzes; raise :class:`LearningError` naming file and id."""
    problems: list[str] = []
    quizzes, raws = _load_quizzes(catalog, content, problems)
    try:
        data = load_yaml(content / LEARNING_FILE)
    except (OSError, ValueError) as exc:
        raise LearningError([*problems, f"{LEARNING_FILE}: {exc}"]) from None
    found = validate(data, _schema(content, "learning"))
    if found:
        raise LearningError([*problems, *(f"{LEARNING_FILE}: {p}" for p in found[:10])])
    modules: list[Module] = []
    covered: dict[str, str] = {}
    quiz_owner: dict[str, str] = {}
    for number, m in enumerate(data["modules"], 1):
        where = f"{LEARNING_FILE}: module {m['id']!r}"
        if any(x.id == m["id"] for x in modules):
            problems.append(f"{where}: id is not unique")
        problems += _check_module(m, catalog, quizzes, where)
        for t in m["themes"]:
            if t in covered:
                problems.append(f"{where} covers theme {t!r}, already covered by module {covered[t]!r}")
            covered[t] = m["id"]
        if m["quiz"] in quiz_owner:
            problems.append(f"{where} uses quiz {m['quiz']!r}, already used by module {quiz_owner[m['quiz']]!r}")
        quiz_owner[m["quiz"]] = m["id"]
        modules.append(
            Module(
                id=m["id"], number=number, title=m["title"], summary=m["summary"], minutes=m["minutes"],
                objectives=tuple(m["objectives"]), themes=tuple(m["themes"]), practices=tuple(m["practices"]),
                try_it=tuple(TryIt(t["check"], t["why"]) for t in m["try"]), quiz=m["quiz"],
            )
        )
    problems += [
        f"{QUIZ_FOLDER}/{qid}.yml: quiz {qid!r} is not used by any module in {LEARNING_FILE}" for qid in quizzes if qid not in quiz_owner
    ]
    if problems:
        raise LearningError(problems)
    return Learning(data["title"], tuple(modules), quizzes, raws)


_cache: dict[str, tuple[Catalog, Learning]] = {}


def load_learning(catalog: Catalog, content: Path) -> Learning:
    """:func:`read_learning`, once per catalogue (the hooks re-read the catalogue on every rebuild)."""
    key = str(content)
    hit = _cache.get(key)
    if hit is None or hit[0] is not catalog:
        _cache[key] = (catalog, read_learning(catalog, content))
    return _cache[key][1]


# --- build outputs ------------------------------------------------------------------------------------


def quiz_bundles(catalog: Catalog, content: Path) -> dict[str, dict[str, Any]]:
    """Quiz id -> the JSON bundle the browser loads (``{"quiz": raw, "practices": {id: {id, title, url}}}``)."""
    learning = load_learning(catalog, content)
    bundles: dict[str, dict[str, Any]] = {}
    for m in learning.modules:
        quiz = learning.quizzes[m.quiz]
        bundles[m.quiz] = {
            "quiz": dict(learning.raw_quizzes[m.quiz]),
            "practices": {pid: {"id": link.id, "title": link.title, "url": link.url} for pid, link in quiz.links.items()},
        }
    return bundles


def must_practices(catalog: Catalog) -> list[tuple[str, list[Practice]]]:
    """The checklist: (theme title, live ``must`` practices) for each theme that has any, in theme order."""
    groups = []
    for t in catalog.themes:
        items = [p for p in catalog.practices_of(t.id) if p.level == "must" and not p.deprecated]
        if items:
            groups.append((t.title, items))
    return groups


def checklist_markdown(catalog: Catalog, site_url: str = "") -> str:
    """The checklist as a Markdown file teams can paste into a ticket, a brief or a pull request."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    out = [
        "# Candor pre-launch checklist",
        "",
        "Every practice marked *must* in Candor's guidance. Tick each one, or write down why it does not apply",
        "and who accepted the risk. Candor is guidance, not legal advice.",
        "",
        "- Campaign:",
        "- Launch date:",
        "- Checked by:",
        "- Approved by:",
        "",
    ]
    for title, items in must_practices(catalog):
        out += [f"## {title}", ""]
        for p in items:
            link = f" ([guidance]({base}{p.url}))" if base else ""
            out.append(f"- [ ] **{p.id}** {p.rule}{link}")
        out.append("")
    return "\n".join(out)


def site_files(catalog: Catalog, content: Path) -> dict[str, str]:
    """Extra generated files: the checklist's Markdown download."""
    load_learning(catalog, content)  # fail early, with file and id, when the onboarding content is invalid
    return {CHECKLIST_DOWNLOAD: checklist_markdown(catalog)}


# --- page renderers -----------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _theme(catalog: Catalog, theme_id: str) -> Theme:
    return next(t for t in catalog.themes if t.id == theme_id)


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


def learning_path_markdown(learning: Learning, catalog: Catalog, src: str) -> str:
    n = len(learning.modules)
    out = [
        f"{n} modules, about {_duration(learning.minutes)} in all, including the knowledge checks. "
        "Take them in order, or start with the one closest to the work in front of you.",
        "",
        "| Module | Themes | Time | Knowledge check |",
        "| --- | --- | --- | --- |",
    ]
    for m in learning.modules:
        page = md_rel(src, m.page)
        themes = ", ".join(_md(_theme(catalog, t).title) for t in m.themes)
        quiz_len = len(learning.quizzes[m.quiz].questions)
        out.append(
            f"| {m.number}. [{_md(m.title)}]({page}) | {themes} | {m.minutes} min | "
            f"[{quiz_len} scenarios]({page}#knowledge-check) |"
        )
    out.append("")
    for m in learning.modules:
        page = md_rel(src, m.page)
        out += [
            f"## {m.number}. {_md(m.title)} {{ #module-{m.id} }}",
            "",
            f"*About {m.minutes} minutes, including a knowledge check of {len(learning.quizzes[m.quiz].questions)} scenarios.*",
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
    return "\n".join(out)


def module_markdown(learning: Learning, m: Module, catalog: Catalog, src: str) -> str:
    out = [
        f"*Module {m.number} of {len(learning.modules)} · about {m.minutes} minutes · "
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


def quiz_html(learning: Learning, m: Module, page: str) -> str:
    """The knowledge check: a complete static form plus an answer key; the browser glue adds the scoring."""
    quiz = learning.quizzes[m.quiz]
    base = f"candor-quiz-{quiz.id}"
    n = len(quiz.questions)
    out = [
        f'<div class="candor-widget candor-quiz" id="{base}-widget" data-candor-quiz="{esc(quiz.id)}" '
        f'data-candor-quiz-total="{n}" data-candor-state="static">',
        f'<p class="candor-summary">{n} scenarios from everyday marketing work. Choose the best response to each, then '
        "check your answers: every option is explained, with the practice behind it.</p>",
        f'<div class="candor-status" id="{base}-status" role="status" aria-live="polite" aria-atomic="true">'
        "Your answers and scores stay in this browser: nothing is sent anywhere. "
        "The answer key after the questions explains every option.</div>",
        f'<form class="candor-form candor-quiz-form" id="{base}-form" method="dialog" aria-describedby="{base}-status" novalidate>',
        f'<p class="candor-progress" id="{base}-progress" data-candor-progress>{n} scenarios</p>',
    ]
    for i, q in enumerate(quiz.questions, 1):
        qbase = f"{base}-q-{q.id}"
        out += [
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
        out += [
            "</div>",
            f'<div class="candor-quiz-feedback" id="{qbase}-feedback" data-candor-feedback hidden></div>',
            "</fieldset>",
        ]
    out += [
        f'<p class="candor-quiz-actions" id="{base}-actions" hidden>'
        f'<button type="submit" class="md-button md-button--primary" id="{base}-check">Check my answers</button> '
        f'<button type="button" class="md-button" id="{base}-clear" data-candor-quiz-clear>Clear my answers</button></p>',
        "</form>",
        f'<section class="candor-result candor-quiz-result" id="{base}-result" aria-labelledby="{base}-result-title" hidden>',
        f'<h3 id="{base}-result-title">Your score</h3>',
        f'<div class="candor-result-body" id="{base}-result-body"></div>',
        "</section>",
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
    out += ["</ol>", "</details>", "</div>"]
    return "\n".join(out)


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
        f'data-candor-state="static">',
        f'<div class="candor-status" id="{base}-status" role="status" aria-live="polite">'
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


def checklist_html(catalog: Catalog, page: str) -> str:
    out = [
        '<div class="candor-widget candor-checklist" id="candor-checklist">',
        '<p class="candor-checklist-fields"><span>Campaign:</span> <span>Launch date:</span> '
        "<span>Checked by:</span> <span>Approved by:</span></p>",
        '<div class="candor-checklist-sections">',
    ]
    for title, items in must_practices(catalog):
        tid = items[0].theme
        out += [
            f'<section class="candor-checklist-theme" aria-labelledby="candor-checklist-{tid}">',
            f'<h2 id="candor-checklist-{tid}">{esc(title)}</h2>',
            '<ul class="candor-checklist-items">',
        ]
        for p in items:
            cid = f"candor-checklist-{p.id}"
            out.append(
                f'<li class="candor-checklist-item" data-practice="{esc(p.id)}"><label class="candor-option" for="{cid}">'
                f'<input type="checkbox" id="{cid}"> <span><a class="candor-checklist-id" href="{esc(rel(page, p.url))}">'
                f"{esc(p.id)}</a> {esc(p.rule)}</span></label></li>"
            )
        out += ["</ul>", "</section>"]
    out += ["</div>", "</div>"]
    return "\n".join(out)


def renderers(catalog: Catalog, content: Path, src: str, url: str) -> dict[str, Renderer]:
    """Shortcode renderers for pages (src = the page's docs path, url = its site URL)."""

    def learning() -> Learning:
        return load_learning(catalog, content)

    def module(arg: str | None) -> Module:
        found = learning().module(arg)
        if found is None:
            known = ", ".join(m.id for m in learning().modules)
            raise LearningError([f"{src}: unknown module {arg!r} (known: {known})"])
        return found

    def download(_: str | None) -> str:
        return (
            f'<p class="candor-checklist-download"><a class="md-button" href="{esc(rel(url, CHECKLIST_DOWNLOAD))}" '
            f'download="candor-pre-launch-checklist.md">Download as Markdown</a></p>'
        )

    return {
        "learning-path": lambda _: learning_path_markdown(learning(), catalog, src),
        "module": lambda arg: module_markdown(learning(), module(arg), catalog, src),
        "module-next": lambda arg: module_next_markdown(learning(), module(arg), src),
        "quiz": lambda arg: quiz_html(learning(), module(arg), url),
        "progress": lambda _: progress_html(learning(), url),
        "checklist": lambda _: checklist_html(catalog, url),
        "checklist-download": download,
    }
