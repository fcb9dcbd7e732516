"""The ``candor`` command: score checks from answers files, list questions, validate content.

Exit codes (also in ``candor --help``): 0 success; 1 the result failed ``--fail-on``; 2 bad input (the
message names the field) or anything else that went wrong (:mod:`candor.cli_io`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from candor import __version__
from candor.bias.input import MAX_BYTES as MAX_CSV_BYTES
from candor.bias.input import BiasInputError
from candor.bias.tool import audit_text, load_tool
from candor.bias.tool import run as audit
from candor.checks.evaluate import evaluate
from candor.checks.gate import ALLOW_PROVISIONAL_HELP, FAIL_ON_HELP, GATE_RULE, check_fail_on, gate
from candor.checks.key_dates import text_lines, with_key_dates
from candor.checks.loaded import LoadedCheck, load_bundle
from candor.cli_io import EXIT_BROKEN_PIPE, EXIT_GATE, read_bytes, run, say, source_name, write
from candor.compiler.bundle import make_bundle, make_tool_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import default_content_dir, load_schemas, raw_checks, read_catalog
from candor.intake.campaign import details
from candor.intake.decode import MAX_ANSWERS_BYTES, decode_text, read_data
from candor.intake.envelope import check_envelope
from candor.intake.yaml_answers import parse_answers_yaml
from candor.model.answers import AnswersError
from candor.model.conditions import notation
from candor.model.questionnaire import NOT_APPLICABLE
from candor.reports.markdown import markdown_report
from candor.reports.text import text_report

__all__ = ["EXIT_BROKEN_PIPE", "build_parser", "main"]


def _load(content: Path, check_id: str) -> tuple[Catalog, LoadedCheck]:
    """The catalogue and one check as the browser loads it (the catalogue's other checks let one campaign's
    answers file be scored by any check)."""
    catalog = read_catalog(content)
    if check_id not in catalog.checks:
        raise AnswersError(f"unknown check {check_id!r}. Valid checks: {', '.join(sorted(catalog.checks))}", "check")
    bundle = make_bundle(catalog, raw_checks(content)[check_id], load_schemas(content)["answers"])
    return catalog, load_bundle(bundle)


def _read_answers(path: str) -> Any:
    """JSON or YAML (told from the content), through the engine's one intake (:func:`candor.intake.decode.read_data`)."""
    raw = read_bytes(path, MAX_ANSWERS_BYTES)
    try:
        return read_data(raw, parse_answers_yaml)
    except AnswersError as exc:
        raise AnswersError(f"{source_name(path)}: {exc}", exc.field, exc.detail) from None


EXIT_CODES = "exit codes: 0 success (and the gate passed); 1 the result failed --fail-on; 2 bad input or content"


def _score(args: argparse.Namespace, check_id: str) -> int:
    catalog, loaded = _load(args.content, check_id)
    q = loaded.questionnaire
    check_fail_on(args.fail_on, q)  # a gate never fails open: refused before anything is read
    env, notes = check_envelope(_read_answers(args.answers), q, loaded.answers_schema, "cli", catalog.checks)
    result = with_key_dates(evaluate(q, loaded.links, env.answers), loaded.key_dates, env.answers, args.today)
    outcome = gate(q, result, args.fail_on, args.allow_provisional) if args.fail_on is not None else None
    campaign = details(env.campaign, loaded.answers_schema)
    if args.format == "json":
        out = json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "md":
        out = markdown_report(q, result, env.answers, args.today, args.base_url, campaign) + "\n"
    else:
        out = text_report(q, result, args.base_url, campaign) + "".join(f"{x}\n" for x in text_lines(result.key_dates, args.base_url))
    for note in notes:
        say(f"note: {note}")
    write(out)  # whole, or not at all: then exit 2, never a gate's verdict on output nobody saw
    if outcome is not None and not outcome.passed:
        say(f"candor: {outcome.reason}")
        return EXIT_GATE
    return 0


def _bias(args: argparse.Namespace) -> int:
    catalog = read_catalog(args.content)
    tool = load_tool(make_tool_bundle(catalog, catalog.tools["bias-audit"]))
    raw = read_bytes(args.counts, MAX_CSV_BYTES)
    try:
        result = audit(tool, csv=decode_text(raw, limit=MAX_CSV_BYTES, what="counts file"))
    except (AnswersError, BiasInputError) as exc:
        raise AnswersError(f"{source_name(args.counts)}: {exc}", exc.field, getattr(exc, "detail", "")) from None
    write(json.dumps(result, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else audit_text(result))
    return 0


def _show(args: argparse.Namespace) -> int:
    _, loaded = _load(args.content, args.check)
    q = loaded.questionnaire
    out = [f"{q.id} version {q.version}: {q.title}",
           f"answers file: {{questionnaire: {q.id}, version: {q.version}, answers: {{<question id>: <option id>}}}}",
           "verdicts, best first (ids for --fail-on):"]
    for v in q.verdicts:
        reach = [] if v.min_score is None else [f"score from {v.min_score:g}"]
        reach += [f"forced by a {v.cap} flag"] if v.cap else []
        out.append(f"  - {v.id}: {v.label}  ({', '.join([v.tone, *reach])})")
    floors = [f"{a.id} {a.floor:g}" + (f" (lower floor {a.hard_floor:g})" if a.hard_floor else "")
              for a in q.areas if a.floor or a.hard_floor]
    floors_text = f"; area floors: {', '.join(floors)}" if floors else ""
    out.append(f"a score needs {100 * q.judge_from:g}% of the questions shown answered{floors_text}")
    for question in q.questions:
        kind = "several choices (a list)" if question.type == "multi" else "one choice"
        out.append(f"\n{question.id}  [{question.area}; {kind}]  {question.text}")
        if question.show_if is not None:
            out.append(f"  shown only if {notation(question.show_if)}")
        for o in question.options:
            extra = [] if o.score is None else [f"score {o.score:g}"]
            if o.flag:
                extra.append(f"{o.flag.level} flag")
            out.append(f"  - {o.id}: {o.label}" + (f"  ({', '.join(extra)})" if extra else ""))
        if question.na:
            out.append(f"  - {NOT_APPLICABLE}: Not applicable")
    write("\n".join(out) + "\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    catalog = read_catalog(args.content)
    modules = len(catalog.learning.modules) if catalog.learning else 0
    quizzes = len(catalog.learning.quizzes) if catalog.learning else 0
    write(
        f"content OK: {len(catalog.themes)} themes, {len(catalog.practices)} practices, {len(catalog.sources)} sources, "
        f"{len(catalog.glossary)} glossary terms, {len(catalog.checks)} checks, {len(catalog.tools)} tools, "
        f"{len(catalog.templates)} kit templates, {modules} learning modules, {quizzes} quizzes"
        + (", the facilitator kit" if catalog.facilitator else "") + "\n"
    )
    return 0


def _date(text: str) -> str:
    """A date written year-month-day that is in the calendar, or argparse's exit 2 with a message."""
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as year-month-day, for example 2027-01-15")


def _base_url(text: str) -> str:
    """An address with no control or broken characters (it is written into every link of the report)."""
    if any(ord(c) < 32 or 127 <= ord(c) < 160 or 0xD800 <= ord(c) < 0xE000 for c in text) or " " in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not an address: it holds a space, a control character or a "
                                         "character that is not text")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="candor", description="Score Candor AI-ethics checks from an answers file.",
                                     epilog=f"{GATE_RULE} {EXIT_CODES}.")
    parser.add_argument("--version", action="version", version=f"candor {__version__}")
    parser.add_argument("--content", type=Path, default=None, help="content folder (default: the one shipped with Candor)")
    sub = parser.add_subparsers(dest="command", required=True)

    def scoring(p: argparse.ArgumentParser) -> None:
        p.epilog = f"{GATE_RULE} {EXIT_CODES}."
        p.add_argument("answers", help="answers file, JSON or YAML (told from the content, not the name); - for standard input")
        p.add_argument("--format", choices=["text", "json", "md"], default="text")
        p.add_argument("--fail-on", metavar="VERDICT", help=FAIL_ON_HELP)
        p.add_argument("--allow-provisional", action="store_true", help=ALLOW_PROVISIONAL_HELP)
        p.add_argument("--base-url", default="", type=_base_url, help="prefix for practice links (e.g. your site's address)")
        p.add_argument("--today", default=dt.date.today().isoformat(), type=_date,
                       help="date for upcoming legal dates, year-month-day (default: today)")

    check = sub.add_parser("check", help="score any check: candor check <check-id> ANSWERS (a campaign's answers file made with "
                           "any check; answers this check does not ask are kept and noted)")
    check.add_argument("check")
    scoring(check)
    assess = sub.add_parser("assess", help="score the pre-launch campaign check")
    scoring(assess)
    for alias in ("disclosure", "consent", "outreach"):
        shortcut = sub.add_parser(alias, help=f"score the {alias} check (same as: check {alias})")
        scoring(shortcut)
    bias = sub.add_parser("bias-audit", help="audit per-group counts (CSV: group, successes, total)")
    bias.add_argument("counts", help="CSV file with a header row; - for standard input")
    bias.add_argument("--format", choices=["text", "json"], default="text")
    show = sub.add_parser("show", help="list a check's questions, option ids and conditions")
    show.add_argument("check")
    sub.add_parser("validate", help="validate every content file (guidance, checks, tools, kit, timeline, learning path, "
                   "quizzes, facilitator kit)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; every failure is exit 2 with a message, 1 only for a result that failed ``--fail-on``."""
    args = build_parser().parse_args(argv)  # a bad argument: argparse says so and exits 2
    args.content = args.content or default_content_dir()
    commands = {"check": lambda: _score(args, args.check), "assess": lambda: _score(args, "prelaunch"),
                "bias-audit": lambda: _bias(args), "show": lambda: _show(args), "validate": lambda: _validate(args)}
    return run(commands.get(args.command, lambda: _score(args, args.command)))  # a shortcut: disclosure, consent, outreach


if __name__ == "__main__":
    sys.exit(main())
