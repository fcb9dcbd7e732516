"""The approver's Markdown report: a one-page summary to sign, then the detail, then every answer.

The summary holds the campaign details, the verdict and its reason, the conditions to meet (each with an owner
and a due date to fill in), the red flags, the sign-off lines and the "guidance, not legal advice" line. The CLI
prints it (``--format md``) and the page downloads it (bridge op ``report``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from candor.checks.evaluate import Result
from candor.checks.key_dates import HEADING as KEY_DATES_HEADING
from candor.intake.campaign import Detail
from candor.model.answers import Answer
from candor.model.links import PracticeLink, TemplateLink
from candor.model.questionnaire import Questionnaire
from candor.model.timeline import long_date
from candor.reports.approval import TEXT, approval
from candor.reports.text import answer_label, area_value, progress_lines
from candor.util.markdown_text import md_heading, md_user_text
from candor.util.markdown_text import md_text as _md


def _templates(templates: Sequence[TemplateLink], base_url: str) -> str:
    """' (template: [title](url))' for the kit templates that help meet a practice, or ''."""
    if not templates:
        return ""
    return " (template: " + ", ".join(f"[{_md(t.title)}]({base_url}{t.url})" for t in templates) + ")"


def _see(practices: Sequence[PracticeLink], base_url: str) -> str:
    return ", ".join(f"[{p.id} {_md(p.title)}]({base_url}{p.url})" for p in practices)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _day(date: str) -> str:
    try:
        return long_date(date)
    except ValueError:
        return _md(date)


def _fix_first(r: Result, base_url: str) -> list[str]:
    """The changes to make first, numbered, each with its question, the answer given and the one that fixes it."""
    if not r.fix_first:
        return []
    out = [f"### {_md(r.fix_first_heading)}", ""]
    for n, f in enumerate(r.fix_first, 1):
        see = _see(f.practices, base_url)
        out.append(f"{n}. **{_md(f.question_text)}** {_md(f.change)} {_md(f.text)}" + (f" See {see}." if see else ""))
    return [*out, ""]


def _summary(q: Questionnaire, r: Result, campaign: Sequence[Detail], date: str, base_url: str) -> list[str]:
    out = [f"## {TEXT['summary']}", ""]
    out += [f"- **{_md(d.label)}:** {md_user_text(d.value)}" for d in campaign]
    out += [f"- **{TEXT['checked']}:** {_day(date)}, with the {_md(q.title)} (`{q.id}`, version {q.version})", ""]
    if r.verdict is None:
        out.append(f"**{TEXT['verdict']}: {TEXT['no_verdict']}**")
    else:
        out.append(f"**{TEXT['verdict']}: {_md(r.verdict_label or r.verdict)}** (`{r.verdict}`)"
                   + (f", {TEXT['provisional']}" if r.provisional else ""))
    out += ["", _md(r.reason), ""]
    out += _fix_first(r, base_url)
    figures = ([f"**Overall score:** {r.score:g} / 100"] if r.score is not None else [])
    out += ["; ".join([*figures, f"**Progress:** {_md(' '.join(progress_lines(r)))}"]), ""]
    signed = approval(r)
    out += [f"### {TEXT['conditions']}", ""]
    if signed.conditions:
        out += [TEXT["fill_in"], "", _row(TEXT["condition_columns"].split("|")), "| ---: | --- | --- | --- | --- |"]
        for n, c in enumerate(signed.conditions, 1):
            see = _see(c.practices, base_url)
            action = _md(c.action) + (f" See {see}." if see else "")
            out.append(f"| {n} | {_md(c.text)} | {action.strip()} |  |  |")
    else:
        out.append(TEXT["none"])
    out += ["", f"### {TEXT['red_flags']}", ""]
    for f in signed.red_flags:
        see = _see(f.practices, base_url)
        out.append(f"- **{_md(f.text)}** {_md(f.action)}" + (f" See {see}." if see else "")
                   + f" (Answer to *{_md(f.question)}*: {_md(f.answer)})")
    if not signed.red_flags:
        out.append(TEXT["none"])
    names = {d.key: d.value for d in campaign}
    out += ["", f"### {TEXT['sign_off']}", "", _row(TEXT["sign_off_columns"].split("|")), "| --- | --- | --- | --- |"]
    out += [_row([TEXT[role], md_user_text(names.get(role, "")), "", ""]) for role in ("approver", "owner")]
    out += ["", f"*{_md(TEXT['not_legal_advice'])}*", ""]
    return out


def _key_dates(r: Result, base_url: str) -> list[str]:
    """The upcoming legal dates for the campaign's regions, soonest first (nothing when there are none)."""
    if not r.key_dates:
        return []
    out = ["", f"## {KEY_DATES_HEADING}", ""]
    for k in r.key_dates:
        see = _see(k.practices, base_url)
        out.append(f"- **{_md(k.when)}:** {_md(k.title)} ({_md(k.jurisdiction)}). "
                   f"Source: [{_md(k.source.title)}]({k.source.url})." + (f" See {see}." if see else ""))
    return out


def _detail(r: Result, base_url: str) -> list[str]:
    out: list[str] = []
    if r.areas:
        out += ["## Areas", "", "| Area | Score | Weight |", "| --- | ---: | ---: |"]
        out += [f"| {_md(a.title)} | {area_value(a)} | {a.weight:g} |" for a in r.areas]
        out.append("")
    out += ["## Flags", ""]
    if not r.flags:
        out.append("No flags.")
    for f in r.flags:
        links = ", ".join(f"[{p.id} {_md(p.title)}]({base_url}{p.url})" + _templates(p.templates, base_url)
                          for p in f.practices)
        out.append(f"- **{f.level.upper()}:** {_md(f.message)} (answer to *{_md(f.question_text)}*: {_md(f.answer_label)})"
                   + (f" Advice: {_md(f.advice)}" if f.advice else "") + (f" See {links}." if links else ""))
    out += ["", "## Recommendations", ""]
    if not r.recommendations:
        out.append("None: no answered question can gain points.")
    for rec in r.recommendations:
        out.append(f"1. [{rec.practice} {_md(rec.title)}]({base_url}{rec.url}){_templates(rec.templates, base_url)}: "
                   f"up to +{rec.gain:g} points")
    return out + _key_dates(r, base_url)


def markdown_report(
    q: Questionnaire,
    r: Result,
    answers: Mapping[str, Answer],
    date: str,
    base_url: str = "",
    campaign: Sequence[Detail] = (),
) -> str:
    """The summary to sign, the detail (areas, flags, recommendations, upcoming dates), then every answer."""
    name = next((d.value for d in campaign if d.key == "name"), "")
    out = [f"# {f'{md_user_text(name)}: {_md(q.title)} report' if name else md_heading(f'{q.title}: report')}", ""]
    out += _summary(q, r, campaign, date, base_url)
    out += _detail(r, base_url)
    out += ["", f"## {TEXT['answers']}", "", _row(TEXT["answer_columns"].split("|")), "| --- | --- |"]
    visible = set(r.visible)
    out += [f"| {_md(x.text)} | {_md(answer_label(q, x.id, answers.get(x.id)))} |" for x in q.questions if x.id in visible]
    out.append("")
    return "\n".join(out)
