"""The methodology page of a check, generated from the same data the engine scores with.

A reader can recompute any score by hand from what this page shows: areas and weights, every option's
score share and flag, the verdict thresholds and caps. The rules are the engine's words with the check's numbers
(:mod:`candor.checks.method_rules`); this module only places them.
"""

from __future__ import annotations

from candor.checks.method_rules import Rule, method_rules, score_rules, verdict_order, verdict_rules
from candor.checks.movers import area_moves, flag_moves
from candor.compiler.catalog import Catalog
from candor.model.questionnaire import Question, Questionnaire

from .forms import describe_condition
from .markup import md_rel


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def _number(value: float) -> str:
    return f"{value:g}" if value else "–"


def _practice_links(q_practices: tuple[str, ...], catalog: Catalog, src: str) -> str:
    links = []
    for pid in q_practices:
        p = catalog.practices[pid]
        page = next(t.page for t in catalog.themes if t.id == p.theme)
        links.append(f"[{pid}]({md_rel(src, page, pid)})")
    return ", ".join(links)


def _bullets(rules: tuple[Rule, ...]) -> list[str]:
    return [f"- **{_cell(r.title)}.** {_cell(r.text)}" for r in rules]


def _method_rules(q: Questionnaire) -> list[str]:
    """Floors, completeness, flags and the gate: the engine's rules, with this check's numbers."""
    return ["### Floors, completeness and the CI gate", "", *_bullets(method_rules(q)), ""]


def _movers(q: Questionnaire, catalog: Catalog) -> list[str]:
    """The generated "what moves the verdict" tables: the engine run on constructed answers."""
    links = catalog.links()
    out = ["### What moves the verdict", ""]
    areas = area_moves(q, links)
    if areas:
        out += [
            "Each row answers one area at its worst answers that raise no flag, and every other question at its best, "
            "with the campaign profile that shows the most questions. Where the verdict drops, the area's floor holds it "
            f"back whatever the other areas score. A row that still reads “{_cell(q.verdicts[0].label)}” is an area whose "
            "unflagged answers average at or above its floor: its poorer answers raise flags, listed in the next table.",
            "",
            "| Area at its worst, alone | Area score | Overall score | Verdict |",
            "| --- | ---: | ---: | --- |",
        ]
        for m in areas:
            score = "–" if m.area_score is None else f"{m.area_score:g}"
            overall = "–" if m.score is None else f"{m.score:g}"
            out.append(f"| {_cell(m.title)} | {score} | {overall} | {_cell(m.verdict_label or 'no verdict')} |")
        out.append("")
    out += ["Each row raises one flag, with every other question at its best.", "",
            "| Flag | Question | Answer that raises it | Verdict |", "| --- | --- | --- | --- |"]
    for f in flag_moves(q, links):
        also = f" (shown only after {_cell('; '.join(f.others))})" if f.others else ""
        out.append(f"| {f.level} | {_cell(f.question_text)} (`{f.question}`) | {_cell(f.answer_label)}{also} | "
                   f"{_cell(f.verdict_label or 'no verdict')} |")
    out.append("")
    return out


def _verdicts(q: Questionnaire) -> list[str]:
    """The verdicts table: when each is reached, and what holds the result back to it (the engine's words)."""
    out = ["### Verdicts", "", "| Verdict | Reached when | Held back to it by |", "| --- | --- | --- |"]
    out += [f"| **{_cell(r.label)}** (`{r.verdict}`) | {_cell(r.reached)} | {_cell(r.held_by)} |" for r in verdict_rules(q)]
    return [*out, "", _cell(verdict_order(q)), ""]


def _scores(q: Questionnaire) -> list[str]:
    """How area and overall scores are worked out (the engine's rules), and each scored area's weight and floors."""
    scored = [a for a in q.areas if a.scored]
    if not scored:
        return []
    total = sum(a.weight for a in scored) or 1.0
    out = ["### Scores", "", *_bullets(score_rules(q)), "",
           "| Area | Weight | Share of the overall score | Floor | Lower floor |",
           "| --- | ---: | ---: | ---: | ---: |"]
    out += [f"| {_cell(a.title)} | {a.weight:g} | {100 * a.weight / total:.1f} % | {_number(a.floor)} | "
            f"{_number(a.hard_floor)} |" for a in scored]
    return [*out, ""]


def _bank(q: Questionnaire, catalog: Catalog) -> list[str]:
    """The question bank: how many of this check's questions other checks ask too, and where this check judges an
    answer differently from the bank (declared in its data, with the reason)."""
    others = {cid: {x.id for x in c.questions} for cid, c in catalog.checks.items() if cid != q.id}
    shared = sum(1 for x in q.questions if any(x.id in ids for ids in others.values()))
    out = ["### One question bank", "",
           f"Every question is written once, in Candor's question bank, and each check selects from it. {shared} of this "
           f"check's {len(q.questions)} questions are also asked by another check, with the same wording, options and "
           "flags.", ""]
    mine = [d for d in catalog.differences if d.check == q.id]
    if not mine:
        return [*out, "This check judges every answer as the bank does.", ""]
    out += ["Where this check deliberately judges an answer differently:", "",
            "| Question | Answer | Flag here | Why |", "| --- | --- | --- | --- |"]
    for d in mine:
        question = q.question(d.question)
        for option, level in d.flags:
            label = question.option(option) if question else None
            out.append(f"| {_cell(question.text if question else d.question)} (`{d.question}`) | "
                       f"{_cell(label.label if label else option)} (`{option}`) | {level} | {_cell(d.reason)} |")
    return [*out, ""]


def _versions(q: Questionnaire) -> list[str]:
    """What each version changed and why: the notes of the migrations that bring older answers forward."""
    notes = [m for m in q.migrations if m.get("note")]
    if not notes:
        return []
    out = ["### What changed between versions", ""]
    out += [f"- **Version {m['from']} to {m['to']}.** {_cell(' '.join(m['note'].split()))}" for m in sorted(notes, key=lambda m: m["from"])]
    return [*out, "", "Answers saved, exported or shared with an earlier version are brought forward when they are opened, "
            "and the page says what moved.", ""]


def _also_asked(q: Questionnaire, question: Question, catalog: Catalog) -> list[str]:
    titles = [c.title for cid, c in catalog.checks.items() if cid != q.id and c.question(question.id) is not None]
    return [f"Also asked by: {_cell('; '.join(titles))}.", ""] if titles else []


def _question(q: Questionnaire, question: Question, scored: bool, catalog: Catalog, src: str) -> list[str]:
    """One question: its text and facts, when it is shown, its options' scores and flags, and its guidance."""
    meta = [f"`{question.id}`"]
    if scored:
        meta.append(f"question weight {question.weight:g}")
    if question.type == "multi":
        meta.append("several choices")
    if question.na:
        meta.append("“Not applicable” leaves it out")
    out = [f"**{_cell(question.text)}** ({', '.join(meta)})", ""]
    if question.show_if is not None:
        out += [f"Shown only if {_cell(describe_condition(q, question.show_if))}.", ""]
    out += _also_asked(q, question, catalog)
    header = "| Option | Score | Flag |" if scored else "| Option | Flag |"
    out += [header, "| --- | ---: | --- |" if scored else "| --- | --- |"]
    for o in question.options:
        flag = f"**{o.flag.level}**: {_cell(o.flag.message)}" if o.flag else "–"
        score = f" {o.score:g} |" if scored else ""
        out.append(f"| {_cell(o.label)} (`{o.id}`) |{score} {flag} |")
    if question.practices:
        out += ["", f"Guidance: {_practice_links(question.practices, catalog, src)}"]
    return [*out, ""]


def methodology_markdown(q: Questionnaire, catalog: Catalog, src: str) -> str:
    """The methodology of one check: verdicts, rules, scores, what moves the verdict, and every question."""
    out = [f"## {q.title}: how the verdict is reached", "", f"Questionnaire `{q.id}`, version {q.version}.", ""]
    out += _verdicts(q) + _method_rules(q) + _scores(q) + _movers(q, catalog) + _bank(q, catalog) + _versions(q)
    for area in q.areas:
        questions = [x for x in q.questions if x.area == area.id]
        if not questions:
            continue
        label = "not scored" if not area.scored else f"weight {area.weight:g}"
        out += [f"### {_cell(area.title)} ({label})", ""]
        for question in questions:
            out += _question(q, question, area.scored, catalog, src)
    return "\n".join(out)
