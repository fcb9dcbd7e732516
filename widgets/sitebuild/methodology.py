"""The methodology page of a check, generated from the same data the engine scores with.

A reader can recompute any score by hand from what this page shows: areas and weights, every option's
score share and flag, the verdict thresholds and caps.
"""

from __future__ import annotations

from candor.catalog import Catalog
from candor.questionnaire import Questionnaire

from .forms import describe_condition
from .markup import md_rel


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def _practice_links(q_practices: tuple[str, ...], catalog: Catalog, src: str) -> str:
    links = []
    for pid in q_practices:
        p = catalog.practices[pid]
        page = next(t.page for t in catalog.themes if t.id == p.theme)
        links.append(f"[{pid}]({md_rel(src, page, pid)})")
    return ", ".join(links)


def methodology_markdown(q: Questionnaire, catalog: Catalog, src: str) -> str:
    scored = [a for a in q.areas if a.scored]
    total = sum(a.weight for a in scored) or 1.0
    out = [f"## {q.title}: how the verdict is reached", "", f"Questionnaire `{q.id}`, version {q.version}.", ""]
    out += ["### Verdicts", "", "| Verdict | Reached when | Forced by |", "| --- | --- | --- |"]
    for v in q.verdicts:
        reach = f"overall score ≥ {v.min_score:g}" if v.min_score is not None else "only through a flag"
        forced = {"red": "any red flag (whatever the score)", "amber": "any amber flag caps the verdict here"}.get(v.cap or "", "–")
        out.append(f"| **{_cell(v.label)}** (`{v.id}`) | {reach} | {forced} |")
    out += [
        "",
        "The verdict is the best level the overall score reaches, then capped by flags: an amber flag caps it at the "
        "level marked for amber, a red flag forces the level marked for red. It is **provisional** until every "
        "question shown has an answer.",
        "",
    ]
    if scored:
        out += [
            "### Scores",
            "",
            "- A question's **share** is the score of the option chosen (0 to 1, listed below).",
            "- An **area score** = 100 × Σ(question weight × share) ÷ Σ(question weight), over the area's questions "
            "that are shown and answered, leaving out “Not applicable”. It is rounded to one decimal.",
            "- The **overall score** = Σ(area weight × area score) ÷ Σ(area weight), over the areas that have a "
            "score; rounded to one decimal.",
            "- Questions hidden by the campaign profile neither count nor raise flags.",
            "- A **recommendation's gain** is how many points the overall score would rise if every answered question "
            "linked to that practice had its best answer. The top "
            f"{q.top_recommendations} are shown.",
            "",
            "| Area | Weight | Share of the overall score |",
            "| --- | ---: | ---: |",
        ]
        out += [f"| {_cell(a.title)} | {a.weight:g} | {100 * a.weight / total:.1f} % |" for a in scored]
        out.append("")
    for area in q.areas:
        questions = [x for x in q.questions if x.area == area.id]
        if not questions:
            continue
        label = "not scored" if not area.scored else f"weight {area.weight:g}"
        out += [f"### {_cell(area.title)} ({label})", ""]
        for question in questions:
            meta = [f"`{question.id}`"]
            if area.scored:
                meta.append(f"question weight {question.weight:g}")
            if question.type == "multi":
                meta.append("several choices")
            if question.na:
                meta.append("“Not applicable” leaves it out")
            out.append(f"**{_cell(question.text)}** ({', '.join(meta)})")
            out.append("")
            if question.show_if is not None:
                out += [f"Shown only if {_cell(describe_condition(q, question.show_if))}.", ""]
            header = "| Option | Score | Flag |" if area.scored else "| Option | Flag |"
            out += [header, "| --- | ---: | --- |" if area.scored else "| --- | --- |"]
            for o in question.options:
                flag = f"**{o.flag.level}**: {_cell(o.flag.message)}" if o.flag else "–"
                if area.scored:
                    out.append(f"| {_cell(o.label)} (`{o.id}`) | {o.score:g} | {flag} |")
                else:
                    out.append(f"| {_cell(o.label)} (`{o.id}`) | {flag} |")
            if question.practices:
                out += ["", f"Guidance: {_practice_links(question.practices, catalog, src)}"]
            out.append("")
    return "\n".join(out)
