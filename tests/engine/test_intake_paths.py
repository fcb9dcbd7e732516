"""Bad input on every intake path: a file and standard input on the command line, and the browser's "read"
op (an imported file or a share link). Each gives the same clear message, exits 2 (or replies ok: false)
and never hangs, prints a traceback or reads a byte past the size limit."""

from __future__ import annotations

import contextlib
import io
import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.bias.input import MAX_BYTES as MAX_CSV_BYTES
from candor.cli import EXIT_BROKEN_PIPE, main
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import raw_checks
from candor.intake.decode import MAX_ANSWERS_BYTES, MAX_JSON_DEPTH

from ..conftest import CONTENT
from .test_yaml_answers import billion_laughs

VERSION = raw_checks(CONTENT)["disclosure"]["version"]
PRELAUNCH_VERSION = raw_checks(CONTENT)["prelaunch"]["version"]
YAML = f"questionnaire: disclosure\nversion: {VERSION}\nanswers:\n  made: [chatbot]\n  tr-chatbot-disclosed: never\n"
JSON = json.dumps({"questionnaire": "disclosure", "version": VERSION, "answers": {"made": ["chatbot"], "tr-chatbot-disclosed": "never"}})
VERDICT = "Verdict: An AI label is required"
BOM = b"\xef\xbb\xbf"


def cli(tmp_path: Path, via: str, data: bytes, name: str = "answers.json", command: str = "disclosure") -> tuple[int, str, str]:
    """Run ``candor <command>`` on ``data`` from a file called ``name`` or from standard input."""
    out, err = io.StringIO(), io.StringIO()
    if via == "file":
        (tmp_path / name).write_bytes(data)
        argv = [command, str(tmp_path / name)]
        stdin = sys.stdin
    else:
        argv = [command, "-"]
        stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


VIA = pytest.mark.parametrize("via", ["file", "stdin"])


@VIA
@pytest.mark.parametrize(
    ("data", "name"),
    [(YAML.encode(), "answers.yml"), (YAML.encode(), "answers.YAML"), (YAML.encode(), "answers.txt"),
     (YAML.encode(), "answers.json"), (JSON.encode(), "answers.yml"), (BOM + YAML.encode(), "answers.yml"),
     (BOM + JSON.encode(), "answers.json"), (YAML.replace("\n", "\r\n").encode(), "answers.yml")],
    ids=["yml", "upper-case-YAML", "txt", "yaml-named-json", "json-named-yml", "bom-yaml", "bom-json", "crlf"],
)
def test_json_or_yaml_is_told_from_the_content(tmp_path: Path, via: str, data: bytes, name: str) -> None:
    code, out, err = cli(tmp_path, via, data, name)
    assert (code, err) == (0, "")
    assert VERDICT in out


@VIA
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (billion_laughs().encode(), "detail: At line 8, column 13, it expands to more than 20,000 values"),
        (b"questionnaire: disclosure\nanswers:\n  made: " + b"[" * 40 + b"]" * 40 + b"\n",
         f"lists and mappings nest more than {MAX_JSON_DEPTH} levels deep"),
        (b"[" * 200_000 + b"]" * 50_000, "nest"),
        ('questionnaire: disclosure\nanswers: {made: ["café"]}\n'.encode("latin-1"),
         "The answers file is not saved as UTF-8 text, so it cannot be read. Save it as UTF-8 (most editors offer it under "
         "“Save as” or “Encoding”) and try again.\n  detail: The byte 0xE9 at line 2, column 22 is not UTF-8."),
        (YAML.replace("  tr-chatbot-disclosed", "  made: [copy]\n  tr-chatbot-disclosed").encode(),
         "At line 5, column 3, the key 'made' appears twice in the same mapping (first at line 4, column 3)"),
        (JSON.replace('"tr-chatbot-disclosed"', '"made": ["copy"], "tr-chatbot-disclosed"').encode(), "The key 'made' appears twice"),
        (b"questionnaire: !!python/object/apply:os.system ['echo owned']\n", "a kind of value an answers file never has"),
        (b"\n\n", "The answers file is empty"),
    ],
    ids=["alias-bomb", "deep-yaml", "deep-json", "not-utf8", "duplicate-yaml-key", "duplicate-json-key", "python-tag", "empty"],
)
def test_bad_input_exits_2_with_a_message_and_no_output(tmp_path: Path, via: str, data: bytes, message: str) -> None:
    code, out, err = cli(tmp_path, via, data, "answers.yml")
    assert (code, out) == (2, "")
    where = str(tmp_path / "answers.yml") if via == "file" else "standard input"
    assert err.startswith(f"candor: error: {where}: ") and message in err
    assert len(err) < 400 and "Traceback" not in err


@VIA
def test_the_size_limit_at_the_limit_and_one_past(tmp_path: Path, via: str) -> None:
    at_limit = JSON.encode() + b" " * (MAX_ANSWERS_BYTES - len(JSON.encode()))
    code, out, _ = cli(tmp_path, via, at_limit)
    assert code == 0 and VERDICT in out
    code, out, err = cli(tmp_path, via, at_limit + b" ")
    assert (code, out) == (2, "")
    assert f"The answers file is too large: a Candor answers file is at most {MAX_ANSWERS_BYTES:,} bytes (256 KB)." in err


def test_an_answer_to_a_hidden_question_is_kept_and_noted(tmp_path: Path) -> None:
    hidden = YAML.replace("[chatbot]", "[copy]")
    code, out, err = cli(tmp_path, "file", hidden.encode(), "answers.yml")
    assert code == 0 and err.startswith("note: The answer to “") and "(tr-chatbot-disclosed) is kept but does not count" in err
    without = hidden.replace("  tr-chatbot-disclosed: never\n", "")
    assert cli(tmp_path, "file", without.encode(), "answers.yml") == (0, out, "")  # the same result, no note


@VIA
def test_bias_audit_reads_utf8_only_within_its_limit(tmp_path: Path, via: str) -> None:
    good = "group,successes,total\nA,40,100\nB,30,100\n"
    code, out, _ = cli(tmp_path, via, good.encode(), "counts.csv", "bias-audit")
    assert code == 0 and "rate" in out
    code, out, err = cli(tmp_path, via, "group,successes,total\nCafé,40,100\nB,30,100\n".encode("latin-1"), "counts.csv", "bias-audit")
    assert (code, out) == (2, "")
    assert "The counts file is not saved as UTF-8 text" in err and "detail: The byte 0xE9 at line 2, column 4 " in err
    at_limit = good + "\n" * (MAX_CSV_BYTES - len(good))  # blank lines are skipped
    assert cli(tmp_path, via, at_limit.encode(), "counts.csv", "bias-audit")[0] == 0
    code, _, err = cli(tmp_path, via, at_limit.encode() + b"\n", "counts.csv", "bias-audit")
    assert code == 2 and f"The counts file is too large: a Candor counts file is at most {MAX_CSV_BYTES:,} bytes" in err


def candor(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "candor.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_a_closed_output_pipe_is_silent(tmp_path: Path) -> None:
    path = tmp_path / "answers.yml"
    path.write_text(f"questionnaire: prelaunch\nversion: {PRELAUNCH_VERSION}\nanswers: {{}}\n")
    for fmt in ("text", "md", "json"):
        with candor("assess", str(path), "--format", fmt) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.close()  # the reader is gone before candor writes: `candor assess a.yml | true`
            err = proc.stderr.read()
        assert (proc.returncode, err) == (EXIT_BROKEN_PIPE, b"")


def test_reading_the_first_line_only_prints_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "answers.yml"
    path.write_text(YAML)
    with candor("check", "disclosure", str(path), "--format", "md") as proc:  # `candor check disclosure a.yml | head -1`
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().startswith(b"# ")
        proc.stdout.close()
        err = proc.stderr.read()
    assert proc.returncode in (0, EXIT_BROKEN_PIPE) and err == b""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB: a bomb that expands fails instead of swapping


def test_the_alias_bomb_stops_in_a_separate_process_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yml"
    path.write_text(billion_laughs())
    with candor("check", "disclosure", str(path), preexec_fn=_limit_memory) as proc:
        out, err = proc.communicate(timeout=60)  # a guard against a hang, not a timing: it returns at once
    assert (proc.returncode, out) == (2, b"")
    assert b"expands to more than 20,000 values" in err


# The browser: an imported file and a share link both reach the engine as text, through the bridge's "read" op.


@pytest.fixture(scope="module")
def read(catalog: Catalog, schemas: dict[str, Any]) -> Any:
    bundle = make_bundle(catalog, raw_checks(CONTENT)["disclosure"], schemas["answers"])
    assert json.loads(bridge.handle(json.dumps({"op": "load", "bundle": bundle})))["ok"]
    return lambda text: json.loads(bridge.handle(json.dumps({"op": "read", "check": "disclosure", "text": text})))


def test_browser_text_goes_through_the_same_checks(read: Any) -> None:
    assert read("\ufeff" + JSON)["ok"]  # a share link or file with a byte-order mark
    at_limit = JSON + " " * (MAX_ANSWERS_BYTES - len(JSON))
    assert read(at_limit)["ok"]
    assert "too large" in read(at_limit + " ")["error"]["message"]
    twice = read(JSON.replace('"tr-chatbot-disclosed"', '"made": ["copy"], "tr-chatbot-disclosed"'))["error"]
    assert "gives “made” twice" in twice["message"] and "The key 'made' appears twice" in twice["detail"]
    assert read(YAML)["error"]["message"].startswith("This looks like a YAML answers file, and this page reads only JSON")
    broken = read(JSON.replace('"answers"', '"saved_at": "\ud800", "answers"'))["error"]
    assert "a broken character" in broken["message"] and "half of a character pair" in broken["detail"]
    deep = read("[" * 100_000 + "]" * 100_000)
    assert deep["ok"] is False and "nest" in deep["error"]["detail"]


def test_browser_read_notes_a_hidden_answer(read: Any) -> None:
    reply = read(JSON.replace('["chatbot"]', '["copy"]'))
    assert reply["result"]["envelope"]["answers"]["tr-chatbot-disclosed"] == "never"
    assert any("(tr-chatbot-disclosed) is kept but does not count" in note for note in reply["result"]["notes"])


def test_a_long_questionnaire_id_is_not_quoted_whole(read: Any) -> None:
    reply = read(json.dumps({"questionnaire": "x" * 200_000, "version": 1, "answers": {}}))
    assert reply["error"]["field"] == "questionnaire" and len(reply["error"]["message"]) < 200
