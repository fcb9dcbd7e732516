"""The hostile-input corpus for the command line (tests/engine/hostile_cli/cases.yml): each case's exit code and
message. Every failure is exit 2 with a message, never 1 (the gate's code) and never a traceback.

Cases run in this process through :func:`candor.cli.main`, except those that need a real process: a closed or
full standard stream (``shell``) or another output encoding (``env``).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from candor.cli import main

pytestmark = pytest.mark.usefixtures("cli_content_cached")  # compiled once for the module (tests/engine/conftest.py)
CORPUS = Path(__file__).parent / "hostile_cli"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
_REPEAT = re.compile(r"@@(.+?)\*(\d+)@@", re.S)
ROOT = Path(__file__).parents[2]


def expand(text: str) -> str:
    """``@@TEXT*N@@`` is TEXT repeated N times, so a huge input is one line in the corpus."""
    return _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text)


def case_input(case: dict[str, Any]) -> bytes | None:
    if "file" in case:
        return (CORPUS / case["file"]).read_bytes()
    if "text" in case:
        return expand(case["text"]).encode("utf-8", "surrogatepass")
    return None


def in_process(argv: list[str], data: bytes | None, stdin: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    if stdin:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data or b""), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse refuses an argument itself (exit 2)
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def in_a_process(argv: list[str], shell: str, env: dict[str, str]) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "candor.cli", *argv]
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "widgets"), **env}
    proc = subprocess.run(["sh", "-c", f'"$@" {shell}', "sh", *command], capture_output=True, env=environment,
                          timeout=120, check=False)  # the timeout guards against a hang; it measures nothing
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def run_case(case: dict[str, Any], tmp_path: Path) -> tuple[int, str, str]:
    data = case_input(case)
    argv = [expand(a) for a in case["args"]]
    if data is not None and not case.get("stdin"):
        path = tmp_path / "answers"
        path.write_bytes(data)
        argv = [str(path) if a == "FILE" else a for a in argv]
    if "shell" in case or "env" in case:
        if case.get("stdin"):
            raise AssertionError("a separate process reads its input from a file")
        return in_a_process(argv, case.get("shell", ""), {k: str(v) for k, v in case.get("env", {}).items()})
    return in_process(argv, data, bool(case.get("stdin")))


def test_the_corpus_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_input(case: dict[str, Any], tmp_path: Path) -> None:
    code, out, err = run_case(case, tmp_path)
    shown = f"exit {code}\n--- out\n{out[-1500:]}\n--- err\n{err[-1500:]}"
    assert "Traceback" not in err and "internal error" not in err, shown
    assert code == case["exit"], shown
    if code == 2:
        assert err.strip() and out == "", shown
    for fragment in case.get("err", []):
        assert expand(fragment) in err, (fragment, shown)
    for fragment in case.get("err_not", []):
        assert expand(fragment) not in err, (fragment, shown)
    for fragment in case.get("out", []):
        assert expand(fragment) in out, (fragment, shown)
    for fragment in case.get("out_not", []):
        assert expand(fragment) not in out, (fragment, shown)
