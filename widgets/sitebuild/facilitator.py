"""The facilitator kit, the pages: what a facilitator reads out, from the kit the content compiler scored.

The model (the sample brief's answers, scored by the engine and checked against the guide's stated result) is
:mod:`candor.compiler.facilitator`. Shortcodes: ``facilitator-result``, ``facilitator-debrief``, ``facilitator-answers``,
``facilitator-pairs``, ``facilitator-shortlist`` and ``quiz-notes`` (what tempts in each knowledge-check question). The answers are also
published as a YAML file the CLI can score (``candor check prelaunch trail-ready.yml``).
"""

from __future__ import annotations

import json

from candor.compiler.catalog import Catalog
from candor.model.facilitator import FacilitatorKit as Kit

from .markup import learning_of, md_rel

ANSWERS_DOWNLOAD = "assets/candor/trail-ready.yml"  # for the CLI
ANSWERS_IMPORT = "assets/candor/trail-ready.json"  # for "Import" on the check page (it reads JSON)
NOTES_HEAD = "| Scenario | Best answer | The answer that tempts, and why |"
TABLE_HEAD = "| Question | Expected answer | Why (from the brief) | Practice |"
LEVEL_WORDS = {"red": "Red flag", "amber": "Amber flag", None: "No flag"}


# --- page parts ---------------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _fitted(markdown: str) -> str:
    """Tables whose cells learning.css narrows on a phone, so they fit a 390 px screen instead of scrolling."""
    return f'<div class="candor-fit-tables" markdown>\n\n{markdown}\n</div>\n'


def _practices(catalog: Catalog, src: str, ids: tuple[str, ...]) -> str:
    out = []
    for pid in ids:
        p = catalog.practices[pid]
        theme = next(t for t in catalog.themes if t.id == p.theme)
        out.append(f"[{pid}]({md_rel(src, theme.page, pid)}){{ .candor-practice-ref }}")
    return ", ".join(out)


def result_markdown(kit: Kit, src: str) -> str:
    r = kit.result
    reds = [f for f in r["flags"] if f["level"] == "red"]
    ambers = [f for f in r["flags"] if f["level"] == "amber"]
    out = [
        f"With the answers in the [answer table](#answer-table), the check's verdict is **{r['verdict_label']}**, "
        f"with a score of {r['score']:.1f} out of 100, {len(reds)} red flag{'s' * (len(reds) != 1)} and "
        f"{len(ambers)} amber flag{'s' * (len(ambers) != 1)}. Pairs who read the brief differently get a slightly "
        "different score; the red flags should appear for everyone.",
        "",
    ]
    for label, items in (("Red flags (each one alone makes the verdict Not ready)", reds), ("Amber flags (conditions for launch)", ambers)):
        if items:
            out += [f"**{label}:**", ""]
            out += [f"- {_md(f['question_text'])} *{_md(f['answer_label'])}.*" for f in items]
            out.append("")
    return "\n".join(out)


def debrief_markdown(kit: Kit, catalog: Catalog, src: str) -> str:
    rows = kit.must_failures
    out = [
        f"{len(rows)} answers fall short of a *must* practice. Walk through all of them: the flags catch only some, and the "
        "ones without a flag are the ones a team talks itself out of.",
        "",
        "| What the brief says | Check result | Practice | What to say | Fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in sorted(rows, key=lambda r: ({"red": 0, "amber": 1}.get(r.flag or "", 2))):
        musts = tuple(p for p in r.practices if catalog.practices[p].live_must)
        out.append(
            f"| {_md(r.why)} | {LEVEL_WORDS[r.flag]} | {_practices(catalog, src, musts)} | {_md(r.debrief or '')} | {_md(r.fix or '')} |"
        )
    return _fitted("\n".join(out) + "\n")


def shortlist_markdown(kit: Kit, catalog: Catalog, src: str) -> str:
    """The debrief's shortlist: the must failures to raise in the time, in order, with minutes for each."""
    rows = {r.question.id: r for r in kit.must_failures}
    items = kit.data.get("debrief_shortlist", [])
    out = ["| Minutes | What the brief says | Practice | What to say |", "| --- | --- | --- | --- |"]
    for item in items:
        r = rows[item["question"]]
        musts = tuple(p for p in r.practices if catalog.practices[p].level == "must")
        out.append(f"| {item['minutes']} | {_md(r.why)} | {_practices(catalog, src, musts)} | {_md(r.debrief or '')} |")
    return _fitted("\n".join(out) + "\n")


def answers_markdown(kit: Kit, catalog: Catalog, src: str, download: str, import_file: str) -> str:
    by_area = {a.id: a.title for a in kit.check.questionnaire.areas}
    out = [
        "Read down the table after the pairs have answered. Where a pair chose differently, ask what in the brief "
        f"led them there. To show the full result on the shared screen, [download the answers]({import_file}) and "
        "use **Import** on the pre-launch check; to score them on the command line, "
        f"[download them as YAML]({download}) and run `candor check prelaunch trail-ready.yml`.",
        "",
    ]
    area = None
    for r in kit.rows:
        if r.question.area != area:
            area = r.question.area
            out += ["", f"**{_md(by_area[area])}**", "", TABLE_HEAD, "| --- | --- | --- | --- |"]
        mark = " (must failure)" if r.must_failure else ""
        out.append(
            f"| {_md(r.question.text)} | {_md('; '.join(r.labels))}{mark} | {_md(r.why)} | {_practices(catalog, src, r.practices) or '–'} |"
        )
    return _fitted("\n".join(out) + "\n")


def pairs_markdown(kit: Kit) -> str:
    q = kit.check.questionnaire
    titles = {a.id: a.title for a in q.areas}
    visible = set(kit.result["visible"])
    count = {a.id: sum(1 for x in q.questions if x.area == a.id and x.id in visible) for a in q.areas}
    profile = count.get("profile", 0)
    out = ["| Pair | Areas of the check to answer | Questions (with the profile) |", "| --- | --- | --- |"]
    for g in kit.data["pairs"]:
        n = profile + sum(count[a] for a in g["areas"])
        out.append(f"| {_md(g['title'])} | {', '.join(_md(titles[a]) for a in g['areas'])} | {n} |")
    return "\n".join(out) + "\n"


def quiz_notes_markdown(catalog: Catalog, src: str) -> str:
    learning = learning_of(catalog)
    out = []
    for m in learning.modules:
        raw = learning.raw_quizzes[m.quiz]
        out += [f"### {m.number}. {_md(m.title)}", "", NOTES_HEAD, "| --- | --- | --- |"]
        for i, q in enumerate(raw["questions"], 1):
            best = next(o for o in q["options"] if o.get("best"))
            tempting = next(o for o in q["options"] if o["id"] == q["tempting"]["option"])
            out.append(
                f"| {i}. {_md(q['scenario'].split('. ')[0].rstrip('.'))}. **{_md(q['prompt'])}** | {_md(best['label'])} | "
                f"“{_md(tempting['label'])}” {_md(q['tempting']['why'])} |"
            )
        out.append("")
    return _fitted("\n".join(out))


def answers_yaml(kit: Kit) -> str:
    """The brief's answers file, as YAML (JSON is valid YAML; one key per line keeps it readable)."""
    data = kit.answers_file()
    lines = [
        "# Answers to the pre-launch check for the Candor facilitator guide's sample brief (Trail Ready).",
        f"# Score them with: candor check {data['questionnaire']} trail-ready.yml",
        f"questionnaire: {data['questionnaire']}",
        f"version: {data['version']}",
        "answers:",
    ]
    for qid, answer in data["answers"].items():
        lines.append(f"  {qid}: {json.dumps(answer)}")
    return "\n".join(lines) + "\n"
