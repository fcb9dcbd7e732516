"""Property: whatever the input and the arguments, the command line ends with a message, never a traceback, and
exits 1 only where the gate (--fail-on) rejected a result it was asked to judge.

Random bytes, random YAML and JSON structures (huge integers, lone surrogates, merge keys, aliases, tags), and
envelopes for real checks with answers of every wrong form, each read from standard input, with random options.
The content is compiled once for the module (``cli_content_cached``); everything after it, intake, scoring and
every output format, runs as it does for a user. The example budget is small for CI
(CANDOR_EXAMPLES can ask for more); the extremes are explicit examples here and cases of the corpus
(tests/engine/hostile_cli/cases.yml).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from typing import Any

import pytest
import yaml
from candor import cli
from candor.compiler.content_files import raw_checks
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ..conftest import CONTENT

EXAMPLES = max(120, int(os.environ.get("CANDOR_EXAMPLES") or 0))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW = raw_checks(CONTENT)
CHECKS = sorted(RAW)
VERDICTS = {cid: [v["id"] for v in raw["verdicts"]] for cid, raw in RAW.items()}
OPTIONS = {cid: {q["id"]: [o["id"] for o in q.get("options", [])] for q in raw["questions"]} for cid, raw in RAW.items()}


pytestmark = pytest.mark.usefixtures("cli_content_cached")  # compiled once for the module (tests/engine/conftest.py)


def run(argv: list[str], data: bytes) -> tuple[int, str, str]:
    """``candor ARGV`` reading ``data``, with UTF-8 streams as a terminal's (standard error never fails to encode)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as stop:  # argparse refusing an argument
                code = stop.code if isinstance(stop.code, int) else -1
    finally:
        sys.stdin = saved
    out.flush()
    err.flush()
    return code, out.buffer.getvalue().decode(), err.buffer.getvalue().decode()  # type: ignore[attr-defined]


def assert_no_crash(argv: list[str], data: bytes) -> None:
    code, out, err = run(argv, data)
    shown = (argv, data[:300], code, err[-600:])
    assert "Traceback" not in err and "internal error" not in err, shown
    assert code in (0, 1, 2), shown
    if code == 1:  # only the gate exits 1, and it says so
        assert "--fail-on" in argv and "which --fail-on" in err, shown
    if code == 2:  # a message, and no half-written output
        assert err.strip() and out == "", shown
    if code == 0:
        assert out, shown


# ---- strategies ------------------------------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=40)  # surrogates and control characters too
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | any_text
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(any_text, inner, max_size=5),
                          max_leaves=20)
YAML_BITS = ["questionnaire: disclosure", "version: 2", "answers:", "  made: [chatbot]", "  made: []", "  made: {}",
             "<<: *a", "&a", "*a", "a: &a {made: [copy]}", "!!python/object:os.system", "!!binary aGk=", "- ", ": ", "{",
             "}", "[", "]", "\"\\ud800\"", "no", "yes", "~", "0x" + "f" * 4000, "0b" + "1" * 4400, "9" * 4301, "1" + ":59" * 100,
             "? ", "---", "...",
             "%YAML 1.1", "#", "|", ">", "\t", "\n", "  "]


@st.composite
def envelopes(draw: st.DrawFn) -> tuple[str, Any]:
    """An envelope for a real check, most of it right and some of it in every wrong form."""
    check = draw(st.sampled_from(CHECKS))
    questions = OPTIONS[check]
    answers: dict[Any, Any] = {}
    for qid in draw(st.lists(st.sampled_from(sorted(questions)), max_size=len(questions), unique=True)):
        options = questions[qid] or ["x"]
        answers[draw(st.just(qid) | st.just(qid.upper()) | any_text)] = draw(
            st.sampled_from(options) | st.lists(st.sampled_from(options), max_size=3, unique=True)
            | st.sampled_from([[], {}, None, True, False, 0, "na", options[0].title()]) | structures)
    envelope: dict[str, Any] = {"questionnaire": check, "version": draw(st.sampled_from([RAW[check]["version"], 1]) | scalars),
                                "answers": answers}
    if draw(st.booleans()):
        envelope["campaign"] = draw(st.dictionaries(st.sampled_from(["name", "owner", "approver", "notes", "launch_date",
                                                                     "other"]), any_text | scalars, max_size=5))
    if draw(st.integers(0, 5)) == 0:
        envelope[draw(any_text)] = draw(structures)
    return check, envelope


def dumped(draw: st.DrawFn, value: Any) -> bytes:
    """JSON (escapes for every non-ASCII character, so lone surrogates too) or YAML of ``value``."""
    if draw(st.booleans()):
        return json.dumps(value, ensure_ascii=True, default=str).encode()
    try:
        return yaml.safe_dump(value, allow_unicode=draw(st.booleans())).encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, ValueError, OverflowError):
        return json.dumps(value, ensure_ascii=True, default=str).encode()


@st.composite
def inputs(draw: st.DrawFn) -> tuple[list[str], bytes]:
    """A command line reading standard input, with random options, and what it reads."""
    kind = draw(st.sampled_from(["bytes", "yaml-bits", "structure", "envelope"]))
    check = draw(st.sampled_from(CHECKS))
    if kind == "bytes":
        data = draw(st.binary(max_size=400))
    elif kind == "yaml-bits":
        data = "\n".join(draw(st.lists(st.sampled_from(YAML_BITS) | any_text, max_size=12))).encode("utf-8", "surrogatepass")
    elif kind == "structure":
        data = dumped(draw, draw(structures))
    else:
        check, envelope = draw(envelopes())
        data = dumped(draw, envelope)
    argv = ["check", check, "-"] if check != "prelaunch" or draw(st.booleans()) else ["assess", "-"]
    argv += ["--format", draw(st.sampled_from(["text", "json", "md"]))]
    if draw(st.booleans()):
        argv += ["--fail-on", draw(st.sampled_from(VERDICTS[check]) | st.sampled_from(["", " ", "READY"]) | any_text)]
    if draw(st.booleans()):
        argv.append("--allow-provisional")
    if draw(st.integers(0, 3)) == 0:
        argv.append(f"--today={draw(st.sampled_from(['2026-12-07', '2027-02-29', '']) | any_text)}")
    if draw(st.integers(0, 3)) == 0:
        argv.append(f"--base-url={draw(st.just('https://candor.example/') | any_text)}")
    return argv, data


# ---- properties ------------------------------------------------------------------------------------------


@SETTINGS
@given(case=inputs())
@example(case=(["disclosure", "-", "--fail-on", ""], b"questionnaire: disclosure\nversion: 2\nanswers: {made: []}\n"))
@example(case=(["assess", "-", "--fail-on", "not-ready"], b'{"questionnaire": "prelaunch", "version": 2, "answers": '
               b'{"profile-channels": [], "profile-regions": []}, "campaign": {"notes": "\\ud800"}}'))
@example(case=(["disclosure", "-"], b"questionnaire: disclosure\nversion: 0x" + b"f" * 5000 + b"\nanswers: {}\n"))
@example(case=(["disclosure", "-", "--today", "notadate"], b"{}"))
@example(case=(["disclosure", "-"], b"questionnaire: disclosure\nversion: 2\nanswers:\n  <<: [{made: [copy]}, {made: [x]}]\n"))
@example(case=(["disclosure", "-"], b"\xff\xfe"))
def test_no_input_gives_a_traceback_or_exit_1_outside_the_gate(case: tuple[list[str], bytes]) -> None:
    argv, data = case
    assert_no_crash(argv, data)


@SETTINGS
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
@example(data=b"")
@example(data=b"group,successes,total\nA,1" + b"0" * 5000 + b",2\n")
def test_bias_audit_never_crashes(data: bytes) -> None:
    assert_no_crash(["bias-audit", "-", "--format", "text"], data)
