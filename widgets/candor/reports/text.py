"""The plain-text report of a result (the CLI prints it), and the wording it shares with the Markdown report
(:mod:`candor.reports.markdown`)."""

from __future__ import annotations

from collections.abc import Sequence

from candor.checks.evaluate import Result
from candor.checks.scoring import AreaScore
from candor.intake.campaign import Detail
from candor.model.answers import Answer, no_answer
from candor.model.questionnaire import NOT_APPLICABLE, Questionnaire
from candor.reports.approval import TEXT


def one_line(text: str) -> str:
    """Free text on one line: every break and run of white space (U+2028 and the like too) is one space, so text
    from a file can never start a line of the report, nor pass for one."""
    return " ".join(text.split())


def answer_label(q: Questionnaire, qid: str, value: Answer | None) -> str:
    question = q.question(qid)
    if value is None or question is None or no_answer(question, value):
        return TEXT["not_answered"]
    if value == NOT_APPLICABLE:
        return "Not applicable"
    chosen = (value,) if isinstance(value, str) else value
    return "; ".join(o.label for o in question.options if o.id in chosen)


def area_value(a: AreaScore) -> str:
    if a.score is not None:
        return f"{a.score:g}"
    return "no answers yet" if a.applicable else "not applicable"


def _verdict_line(r: Result) -> str:
    """The verdict's label and id (the id is what ``--fail-on`` takes), the same wording as the page's."""
    if r.verdict is None:
        return "No verdict yet"
    return f"{r.verdict_label} [{r.verdict}]{' (provisional)' if r.provisional else ''}"


def progress_lines(r: Result) -> list[str]:
    return [r.completeness.text + ".", *([r.completeness.missing_text] if r.completeness.missing_text else [])]


def text_report(q: Questionnaire, r: Result, base_url: str = "", campaign: Sequence[Detail] = ()) -> str:
    lines = [
        f"{q.title} (version {q.version})",
        *(f"{d.label}: {one_line(d.value)}" for d in campaign),
        f"Verdict: {_verdict_line(r)}",
        f"Why: {r.reason}",
        f"Progress: {' '.join(progress_lines(r))}",
    ]
    if r.fix_first:
        lines.append(f"{r.fix_first_heading}:")
        for n, fix in enumerate(r.fix_first, 1):
            lines.append(f"  {n}. {fix.question}: {fix.question_text}")
            lines.append(f"      {fix.change} {fix.text}")
            lines += [f"      see {p.id} {p.title}: {base_url}{p.url}" for p in fix.practices]
    if r.score is not None:
        lines.append(f"Overall score: {r.score:g} / 100")
    if r.areas:
        lines.append("Areas:")
        width = max(len(a.title) for a in r.areas)
        for a in r.areas:
            value = area_value(a)
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
