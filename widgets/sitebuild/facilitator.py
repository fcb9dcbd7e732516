"""The facilitator kit: the sample brief's answers, scored by the engine, and the notes a facilitator reads out.

``content/facilitator.yml`` holds, for each question of the pre-launch check, the answer a busy team would
give from the sample brief (the handout, ``docs/learn/brief.md``) and why; for every *must failure* (an answer
short of the best on a question linked to a live must practice, whether or not it raises a flag) a debrief
note and a fix; the split of the check's areas between pairs; and the result the guide states. The build
scores the answers with the engine and fails, naming what differs, when the stated result drifts, when a
must failure has no debrief note, or when the answers do not match the current questionnaire version.

Shortcodes: ``facilitator-result``, ``facilitator-debrief``, ``facilitator-answers``, ``facilitator-pairs``
and ``quiz-notes`` (what tempts in each knowledge-check question). The answers are also published as a
YAML file the CLI can score (``candor check prelaunch trail-ready.yml``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from candor.bundle import LoadedCheck, load_bundle, make_bundle
from candor.catalog import Catalog
from candor.content_files import load_schemas, load_yaml, raw_checks
from candor.evaluate import evaluate
from candor.questionnaire import Question
from candor.schema_check import validate

from .learning import LearningError, load_learning, once_per_catalog
from .markup import md_rel

FACILITATOR_FILE = "facilitator.yml"
ANSWERS_DOWNLOAD = "assets/candor/trail-ready.yml"  # for the CLI
ANSWERS_IMPORT = "assets/candor/trail-ready.json"  # for "Import" on the check page (it reads JSON)
NOTES_HEAD = "| Scenario | Best answer | The answer that tempts, and why |"
TABLE_HEAD = "| Question | Expected answer | Why (from the brief) | Practice |"
LEVEL_WORDS = {"red": "Red flag", "amber": "Amber flag", None: "No flag"}


@dataclass(frozen=True)
class Row:
    """One answered question of the brief: what it asks, the expected answer, why, and its practices."""

    question: Question
    answer: tuple[str, ...]
    labels: tuple[str, ...]
    why: str
    practices: tuple[str, ...]
    must_failure: bool
    flag: str | None  # "red", "amber" or None
    debrief: str | None
    fix: str | None


@dataclass(frozen=True)
class Kit:
    check: LoadedCheck
    data: Mapping[str, Any]
    result: Mapping[str, Any]
    rows: tuple[Row, ...]

    @property
    def must_failures(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.must_failure)

    def answers_file(self) -> dict[str, Any]:
        """The brief's answers as an answers file for the check (what the CLI and the import read)."""
        return {
            "questionnaire": self.data["check"],
            "version": self.data["version"],
            "answers": {qid: a["answer"] for qid, a in self.data["answers"].items()},
        }


def _loaded(catalog: Catalog, content: Path, check: str) -> LoadedCheck:
    return load_bundle(make_bundle(catalog, raw_checks(content)[check], load_schemas(content)["answers"]))


def _row(q: Question, entry: Mapping[str, Any], catalog: Catalog, flags: Mapping[str, str]) -> Row:
    answer = entry["answer"]
    chosen = tuple(answer) if isinstance(answer, list) else (answer,)
    options = [q.option(a) for a in chosen]
    labels = tuple(o.label if o else "?" for o in options)
    scores = [o.score for o in options if o is not None and o.score is not None]
    short = bool(scores) and min(scores) < q.best_score
    must = any(catalog.practices[p].level == "must" and not catalog.practices[p].deprecated for p in q.practices)
    return Row(q, chosen, labels, entry["why"], q.practices, short and must, flags.get(q.id), entry.get("debrief"), entry.get("fix"))


def read_kit(catalog: Catalog, content: Path) -> Kit:
    """Read the facilitator data, score the brief, and check it against the guide's stated result."""
    name = FACILITATOR_FILE
    data = load_yaml(content / name)
    schema = json.loads((content / "schema" / "facilitator.schema.json").read_text(encoding="utf-8"))
    found = validate(data, schema)
    if found:
        raise LearningError([f"{name}: {p}" for p in found[:10]])
    check = _loaded(catalog, content, data["check"])
    q = check.questionnaire
    problems = []
    if data["version"] != q.version:
        problems.append(
            f"{name}: the brief's answers are for {data['check']} version {data['version']}, but the check is at version "
            f"{q.version}: re-answer the new and changed questions from the brief, then restate the result"
        )
    problems += [f"{name}: answers unknown question {qid!r}" for qid in data["answers"] if q.question(qid) is None]
    areas = {a.id for a in q.areas}
    problems += [f"{name}: pair group {g['id']!r} lists unknown area {a!r}" for g in data["pairs"] for a in g["areas"] if a not in areas]
    if problems:
        raise LearningError(problems)
    answers = {qid: a["answer"] for qid, a in data["answers"].items()}
    result = evaluate(q, check.links, answers).to_json()
    flags = {f["question"]: f["level"] for f in result["flags"]}
    visible = set(result["visible"])
    rows = tuple(_row(x, data["answers"][x.id], catalog, flags) for x in q.questions if x.id in visible and x.id in data["answers"])
    problems += [f"{name}: question {qid!r} is shown for this brief but has no answer" for qid in result["visible"] if qid not in answers]
    problems += [
        f"{name}: {r.question.id} = {', '.join(r.answer)} is a must failure ({', '.join(r.practices)}) with no debrief note and fix"
        for r in rows if r.must_failure and not (r.debrief and r.fix)
    ]
    stated = data["stated_result"]
    actual = {
        "verdict": result["verdict"],
        "score": round(result["score"], 1),
        "red": sum(1 for f in result["flags"] if f["level"] == "red"),
        "amber": sum(1 for f in result["flags"] if f["level"] == "amber"),
    }
    if dict(stated) != actual:
        problems.append(f"{name}: stated_result {dict(stated)} does not match what the engine gives for the brief: {actual}")
    if problems:
        raise LearningError(problems)
    return Kit(check, data, result, rows)


load_kit = once_per_catalog(read_kit)  # read_kit, once per catalogue


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
        musts = tuple(p for p in r.practices if catalog.practices[p].level == "must")
        out.append(
            f"| {_md(r.why)} | {LEVEL_WORDS[r.flag]} | {_practices(catalog, src, musts)} | {_md(r.debrief or '')} | {_md(r.fix or '')} |"
        )
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


def quiz_notes_markdown(catalog: Catalog, content: Path, src: str) -> str:
    learning = load_learning(catalog, content)
    out = []
    for m in learning.modules:
        raw = learning.raw_quizzes[m.quiz]
        out += [f"#### {m.number}. {_md(m.title)}", "", NOTES_HEAD, "| --- | --- | --- |"]
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
