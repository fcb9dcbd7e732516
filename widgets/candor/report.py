"""Plain-text and Markdown reports of a result (the CLI prints them; the browser downloads the Markdown)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .answers import Answer
from .catalog import TemplateLink
from .evaluate import Result
from .key_dates import HEADING as KEY_DATES_HEADING
from .questionnaire import NOT_APPLICABLE, Questionnaire
from .scoring import AreaScore


def _md(text: str) -> str:
    """Escape Markdown and HTML metacharacters so free text can never become markup or a link."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]()#+!|<>&~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out).replace("\n", " ")


def _answer_label(q: Questionnaire, qid: str, value: Answer | None) -> str:
    question = q.question(qid)
    if value is None or question is None:
        return "(not answered)"
    if value == NOT_APPLICABLE:
        return "Not applicable"
    chosen = (value,) if isinstance(value, str) else value
    return "; ".join(o.label for o in question.options if o.id in chosen)


def _area_value(a: AreaScore) -> str:
    if a.score is not None:
        return f"{a.score:g}"
    return "no answers yet" if a.applicable else "not applicable"


def _verdict_line(r: Result) -> str:
    """The verdict's label and id (the id is what ``--fail-on`` takes), the same wording as the page's."""
    if r.verdict is None:
        return "No verdict yet"
    return f"{r.verdict_label} [{r.verdict}]{' (provisional)' if r.provisional else ''}"


def _progress(r: Result) -> list[str]:
    return [r.completeness.text + ".", *([r.completeness.missing_text] if r.completeness.missing_text else [])]


def text_report(q: Questionnaire, r: Result, base_url: str = "") -> str:
    lines = [
        f"{q.title} (version {q.version})",
        f"Verdict: {_verdict_line(r)}",
        f"Why: {r.reason}",
        f"Progress: {' '.join(_progress(r))}",
    ]
    if r.score is not None:
        lines.append(f"Overall score: {r.score:g} / 100")
    if r.areas:
        lines.append("Areas:")
        width = max(len(a.title) for a in r.areas)
        for a in r.areas:
            value = _area_value(a)
            lines.append(f"  {a.title.ljust(width)}  {value}  (weight {a.weight:g})")
    if r.flags:
        lines.append("Flags:")
        for f in r.flags:
            lines.append(f"  [{f.level.upper()}] {f.message}")
            lines.append(f"      because {f.question}: {f.answer_label}")
            if f.advice:
                lines.append(f"      advice: {f.advice}")
            for p in f.practices:
                lines.append(f"      see {p.id} {p.title}: {base_url}{p.url}")
                lines += [f"      template: {t.title}: {base_url}{t.url}" for t in p.templates]
    if r.recommendations:
        lines.append("Top recommendations:")
        for rec in r.recommendations:
            lines.append(f"  +{rec.gain:g}  {rec.practice} {rec.title}: {base_url}{rec.url}")
            lines += [f"        template: {t.title}: {base_url}{t.url}" for t in rec.templates]
    return "\n".join(lines) + "\n"


def _templates_md(templates: Sequence[TemplateLink], base_url: str) -> str:
    """' (template: [title](url))' for the kit templates that help meet a practice, or ''."""
    if not templates:
        return ""
    return " (template: " + ", ".join(f"[{_md(t.title)}]({base_url}{t.url})" for t in templates) + ")"


def _key_dates(r: Result, base_url: str) -> list[str]:
    """The upcoming legal dates for the campaign's regions, soonest first (nothing when there are none)."""
    if not r.key_dates:
        return []
    out = ["", f"## {KEY_DATES_HEADING}", ""]
    for k in r.key_dates:
        see = ", ".join(f"[{p.id} {_md(p.title)}]({base_url}{p.url})" for p in k.practices)
        out.append(f"- **{_md(k.when)}:** {_md(k.title)} ({_md(k.jurisdiction)}). "
                   f"Source: [{_md(k.source.title)}]({k.source.url})." + (f" See {see}." if see else ""))
    return out


def markdown_report(
    q: Questionnaire, r: Result, answers: Mapping[str, Answer], date: str, base_url: str = ""
) -> str:
    """The approver's report: verdict and reason, areas, flags, recommendations, upcoming dates and every answer."""
    out = [
        f"# {_md(q.title)}: report",
        "",
        f"- **Verdict:** {_md(r.verdict_label or '')} (`{r.verdict}`){', provisional' if r.provisional else ''}"
        if r.verdict else "- **Verdict:** No verdict yet",
        f"- **Why:** {_md(r.reason)}",
    ]
    if r.score is not None:
        out.append(f"- **Overall score:** {r.score:g} / 100")
    out += [
        f"- **Progress:** {_md(' '.join(_progress(r)))}",
        f"- **Questionnaire:** `{q.id}` version {q.version}",
        f"- **Date:** {_md(date)}",
        "",
    ]
    if r.areas:
        out += ["## Areas", "", "| Area | Score | Weight |", "| --- | ---: | ---: |"]
        for a in r.areas:
            out.append(f"| {_md(a.title)} | {_area_value(a)} | {a.weight:g} |")
        out.append("")
    out += ["## Flags", ""]
    if not r.flags:
        out.append("No flags.")
    for f in r.flags:
        links = ", ".join(f"[{p.id} {_md(p.title)}]({base_url}{p.url})" + _templates_md(p.templates, base_url)
                          for p in f.practices)
        out.append(f"- **{f.level.upper()}:** {_md(f.message)} (answer to *{_md(f.question_text)}*: {_md(f.answer_label)})"
                   + (f" Advice: {_md(f.advice)}" if f.advice else "") + (f" See {links}." if links else ""))
    out += ["", "## Recommendations", ""]
    if not r.recommendations:
        out.append("None: no answered question can gain points.")
    for rec in r.recommendations:
        out.append(f"1. [{rec.practice} {_md(rec.title)}]({base_url}{rec.url}){_templates_md(rec.templates, base_url)}: "
                   f"up to +{rec.gain:g} points")
    out += _key_dates(r, base_url)
    out += ["", "## Answers", "", "| Question | Answer |", "| --- | --- |"]
    visible = set(r.visible)
    for question in q.questions:
        if question.id in visible:
            out.append(f"| {_md(question.text)} | {_md(_answer_label(q, question.id, answers.get(question.id)))} |")
    out.append("")
    return "\n".join(out)
