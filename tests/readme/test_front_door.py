"""The README's commands as a new user runs them, on this checkout: the front door of the product.

``./scripts/serve`` must build and serve (home page, a check page and the engine's files answer 200), then
stop cleanly; the documented publish build (``docs/about/publish.md``) must pass ``--strict`` with no warning.
A README command that breaks fails here, so it fails CI.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mkdocs_build import ROOT, build_lock, check_log, problems

README = ROOT / "README.md"
PUBLISH = ROOT / "docs" / "about" / "publish.md"
SERVE_LIMIT_S = 420  # an upper bound for a first build on a loaded 2-core machine, not a speed target
STOP_LIMIT_S = 30


def fenced_commands(markdown: Path) -> list[str]:
    """The command lines of a Markdown file's ```bash blocks (comments stripped)."""
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", markdown.read_text(encoding="utf-8"), re.DOTALL):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


class Served:
    """``./scripts/serve`` in its own process group, its output collected as it comes."""

    def __init__(self, args: list[str]) -> None:
        self.proc = subprocess.Popen(
            ["./scripts/serve", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def wait_until_serving(self, url: str) -> None:
        """Until the home page answers, or the command stops: a serve that exits early fails with its output."""
        deadline = time.monotonic() + SERVE_LIMIT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.reader.join(5)
                pytest.fail(f"./scripts/serve exited early with {self.proc.returncode}:\n{self.log[-4000:]}")
            try:
                if fetch(url)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        pytest.fail(f"./scripts/serve did not answer at {url} within {SERVE_LIMIT_S} s:\n{self.log[-4000:]}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)  # what Ctrl+C sends
            try:
                self.proc.wait(STOP_LIMIT_S)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
                pytest.fail(f"./scripts/serve did not stop on Ctrl+C within {STOP_LIMIT_S} s")
        self.reader.join(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return self.proc.returncode


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Served, str]]:
    assert "./scripts/serve" in fenced_commands(README)[0], "the README's first command is ./scripts/serve"
    # As written when the README's port is free; a developer who is already serving gets another port.
    args = [] if port_is_free(8000) else ["-a", f"127.0.0.1:{free_port()}"]
    url = "http://127.0.0.1:8000/" if not args else f"http://{args[1]}/"
    with build_lock():  # its build fills the same engine cache as the suite's own builds
        server = Served(args)
        try:
            server.wait_until_serving(url)
        except BaseException:
            server.stop()
            raise
    try:
        yield server, url
    finally:
        server.stop()


def test_the_readme_opens_with_the_two_commands() -> None:
    commands = [c.split()[0] for c in fenced_commands(README)[:2]]
    assert commands == ["./scripts/serve", "./scripts/test"]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("./scripts/test"), ".ci/run runs the README's test command"


def test_scripts_serve_serves_the_home_page_a_check_and_the_engine(served: tuple[Served, str]) -> None:
    server, url = served

    def get(address: str) -> tuple[int, bytes]:  # a refused connection fails with what ./scripts/serve said
        try:
            return fetch(address)
        except OSError as exc:
            state = "is running" if server.proc.poll() is None else f"exited {server.proc.returncode}"
            pytest.fail(f"{address}: {exc}; ./scripts/serve {state}:\n{server.log[-4000:]}")

    status, home = get(url)
    assert status == 200 and b"Candor" in home
    status, check = get(url + "checks/prelaunch/")
    assert status == 200 and b"data-candor-check" in check
    status, raw = get(url + "assets/candor/manifest.json")
    assert status == 200
    manifest = json.loads(raw)
    engine = [f"assets/candor/wheels/{manifest['wheel']}", "assets/pyodide/pyodide.mjs", "assets/pyodide/pyodide.asm.wasm",
              "assets/candor/js/engine-worker.mjs",
              *(f"assets/candor/{entry['bundle']}" for kind in ("checks", "tools", "quizzes") for entry in manifest[kind].values())]
    assert {path: get(url + path)[0] for path in engine} == dict.fromkeys(engine, 200)
    assert problems(server.log) == [], server.log[-4000:]


def test_scripts_serve_stops_cleanly_on_ctrl_c(served: tuple[Served, str]) -> None:
    server, _ = served
    returncode = server.stop()
    assert returncode == 0 or returncode == -signal.SIGINT, server.log[-2000:]
    assert "Traceback" not in server.log


def test_the_documented_publish_build_is_strict_and_clean(tmp_path: Path) -> None:
    """The command on the "Publish the site" page, as written, into a folder of the test's own."""
    command = next(c for c in fenced_commands(PUBLISH) if "mkdocs build" in c)
    assert "--strict" in shlex.split(command)
    with build_lock():
        done = subprocess.run(
            ["bash", "-c", f"{command} --site-dir {shlex.quote(str(tmp_path / 'site'))}"], cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
        )
    check_log(command, done.returncode, done.stdout)
    address = re.search(r"CANDOR_SITE_URL=(\S+)", command)
    assert address is not None
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{address.group(1)}"' in home
