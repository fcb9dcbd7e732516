"""The ``candor`` command: score checks from answers files, list questions, validate content.

Exit codes (also in ``candor --help``): 0 success; 1 the result failed ``--fail-on``; 2 bad input (the
message names the field).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from candor import __version__
from candor.bias.input import MAX_BYTES as MAX_CSV_BYTES
from candor.bias.input import BiasInputError
from candor.bias.tool import audit_text, load_tool, run
from candor.checks.evaluate import Result, evaluate
from candor.checks.key_dates import text_lines, with_key_dates
from candor.checks.loaded import LoadedCheck, load_bundle
from candor.compiler.bundle import make_bundle, make_tool_bundle
from candor.compiler.catalog import Catalog, ContentError
from candor.compiler.content_files import default_content_dir, load_schemas, raw_checks, read_catalog
from candor.intake.campaign import details
from candor.intake.decode import MAX_ANSWERS_BYTES, decode_text, read_data
from candor.intake.envelope import check_envelope
from candor.intake.yaml_answers import parse_answers_yaml
from candor.model.answers import AnswersError
from candor.model.conditions import notation
from candor.model.questionnaire import NOT_APPLICABLE, Questionnaire
from candor.reports.markdown import markdown_report
from candor.reports.text import text_report

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports when the reader of the output stopped early


def _load(content: Path, check_id: str) -> tuple[Catalog, LoadedCheck]:
    catalog = read_catalog(content)
    if check_id not in catalog.checks:
        raise AnswersError(f"unknown check {check_id!r}. Valid checks: {', '.join(sorted(catalog.checks))}", "check")
    bundle = make_bundle(catalog, raw_checks(content)[check_id], load_schemas(content)["answers"])
    return catalog, load_bundle(bundle)


def _read_bytes(path: str, limit: int) -> bytes:
    """A file's bytes, or standard input's for ``-``: one byte past ``limit`` at most, so size is checked first."""
    if path == "-":
        return sys.stdin.buffer.read(limit + 1)
    with open(path, "rb") as file:
        return file.read(limit + 1)


def _read_answers(path: str) -> Any:
    """JSON or YAML (told from the content), through the engine's one intake (:func:`candor.intake.decode.read_data`)."""
    try:
        return read_data(_read_bytes(path, MAX_ANSWERS_BYTES), parse_answers_yaml)
    except AnswersError as exc:
        raise AnswersError(f"{'standard input' if path == '-' else path}: {exc}", exc.field, exc.detail) from None


GATE_RULE = (
    "--fail-on VERDICT exits 1 when the verdict is VERDICT or a worse one, when there is no verdict yet or too little "
    "is answered to judge, and when the result is provisional (a question shown is unanswered) unless "
    "--allow-provisional is given. "
    "`candor show CHECK` lists each check's verdict ids, best first."
)
EXIT_CODES = "exit codes: 0 success (and the gate passed); 1 the result failed --fail-on; 2 bad input or content"


def _gate(result: Result, args: argparse.Namespace, check: Questionnaire) -> str | None:
    """Why ``--fail-on`` rejects this result, or None when it passes (verdicts are listed best first)."""
    fail_on = args.fail_on
    if not fail_on:
        return None
    ids = [v.id for v in check.verdicts]
    if fail_on not in ids:
        raise AnswersError(f"--fail-on: {fail_on!r} is not a verdict of {check.id!r}. Valid: {', '.join(ids)}", "fail-on")
    if result.verdict is None:
        return f"there is no verdict yet ({result.completeness.text}), which --fail-on {fail_on} rejects"
    said = f"the verdict is {result.verdict_label} ({result.verdict})"
    if ids.index(result.verdict) >= ids.index(fail_on):
        return f"{said}, which --fail-on {fail_on} rejects"
    if not result.completeness.enough:
        return f"{said} but too little is answered to judge ({result.completeness.text}), which --fail-on {fail_on} rejects"
    if result.provisional and not args.allow_provisional:
        return (f"{said} but provisional ({result.completeness.text}), which --fail-on {fail_on} rejects: answer "
                "every question shown, or pass --allow-provisional to gate on the answered part")
    return None


def _score(args: argparse.Namespace, check_id: str) -> int:
    _, loaded = _load(args.content, check_id)
    q = loaded.questionnaire
    env, notes = check_envelope(_read_answers(args.answers), q, loaded.answers_schema)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    result = with_key_dates(evaluate(q, loaded.links, env.answers), loaded.key_dates, env.answers, args.today)
    fails = _gate(result, args, q)
    campaign = details(env.campaign, loaded.answers_schema)
    if args.format == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif args.format == "md":
        print(markdown_report(q, result, env.answers, args.today, args.base_url, campaign))
    else:
        print(text_report(q, result, args.base_url, campaign), end="")
        lines = text_lines(result.key_dates, args.base_url)
        if lines:
            print("\n".join(lines))
    if fails:
        print(f"candor: {fails}", file=sys.stderr)
    return 1 if fails else 0


def _bias(args: argparse.Namespace) -> int:
    catalog = read_catalog(args.content)
    tool = load_tool(make_tool_bundle(catalog, catalog.tools["bias-audit"]))
    try:
        text = decode_text(_read_bytes(args.counts, MAX_CSV_BYTES), limit=MAX_CSV_BYTES, what="counts file")
        result = run(tool, csv=text)
    except (AnswersError, BiasInputError) as exc:
        raise AnswersError(f"{args.counts}: {exc}", exc.field, getattr(exc, "detail", "")) from None
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(audit_text(result), end="")
    return 0


def _show(args: argparse.Namespace) -> int:
    _, loaded = _load(args.content, args.check)
    q = loaded.questionnaire
    print(f"{q.id} version {q.version}: {q.title}")
    print(f"answers file: {{questionnaire: {q.id}, version: {q.version}, answers: {{<question id>: <option id>}}}}")
    print("verdicts, best first (ids for --fail-on):")
    for v in q.verdicts:
        reach = [] if v.min_score is None else [f"score from {v.min_score:g}"]
        reach += [f"forced by a {v.cap} flag"] if v.cap else []
        print(f"  - {v.id}: {v.label}  ({', '.join([v.tone, *reach])})")
    floors = [f"{a.id} {a.floor:g}" + (f" (lower floor {a.hard_floor:g})" if a.hard_floor else "")
              for a in q.areas if a.floor or a.hard_floor]
    floors_text = f"; area floors: {', '.join(floors)}" if floors else ""
    print(f"a score needs {100 * q.judge_from:g}% of the questions shown answered{floors_text}")
    for question in q.questions:
        kind = "several choices (a list)" if question.type == "multi" else "one choice"
        print(f"\n{question.id}  [{question.area}; {kind}]  {question.text}")
        if question.show_if is not None:
            print(f"  shown only if {notation(question.show_if)}")
        for o in question.options:
            extra = [] if o.score is None else [f"score {o.score:g}"]
            if o.flag:
                extra.append(f"{o.flag.level} flag")
            print(f"  - {o.id}: {o.label}" + (f"  ({', '.join(extra)})" if extra else ""))
        if question.na:
            print(f"  - {NOT_APPLICABLE}: Not applicable")
    return 0


def _validate(args: argparse.Namespace) -> int:
    catalog = read_catalog(args.content)
    modules = len(catalog.learning.modules) if catalog.learning else 0
    quizzes = len(catalog.learning.quizzes) if catalog.learning else 0
    print(
        f"content OK: {len(catalog.themes)} themes, {len(catalog.practices)} practices, {len(catalog.sources)} sources, "
        f"{len(catalog.glossary)} glossary terms, {len(catalog.checks)} checks, {len(catalog.tools)} tools, "
        f"{len(catalog.templates)} kit templates, {modules} learning modules, {quizzes} quizzes"
        + (", the facilitator kit" if catalog.facilitator else "")
    )
    return 0


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
        p.add_argument("--fail-on", metavar="VERDICT", help="exit 1 when the verdict is this one or worse, or missing, "
                       "or provisional (see --allow-provisional)")
        p.add_argument("--allow-provisional", action="store_true",
                       help="with --fail-on: let a provisional result (questions shown but unanswered) pass when its verdict does")
        p.add_argument("--base-url", default="", help="prefix for practice links (e.g. your site's address)")
        p.add_argument("--today", default=dt.date.today().isoformat(), help="date for upcoming legal dates (default: today)")

    check = sub.add_parser("check", help="score any check: candor check <check-id> ANSWERS")
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
    try:
        code = _main(argv)
        sys.stdout.flush()  # so that a closed pipe shows here, not as a message when Python exits
        return code
    except BrokenPipeError:  # `candor assess a.yml | head -1`: the reader stopped early, so there is nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    args.content = args.content or default_content_dir()
    try:
        if args.command == "check":
            return _score(args, args.check)
        if args.command == "assess":
            return _score(args, "prelaunch")
        if args.command in ("disclosure", "consent", "outreach"):
            return _score(args, args.command)
        if args.command == "bias-audit":
            return _bias(args)
        if args.command == "show":
            return _show(args)
        return _validate(args)
    except (AnswersError, ContentError) as exc:
        print(f"candor: error: {exc}", file=sys.stderr)
        if getattr(exc, "detail", ""):
            print(f"  detail: {exc.detail}", file=sys.stderr)  # type: ignore[union-attr]
        return 2
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"candor: error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
