"""Build the site as a user's strict build does, and fail on any warning.

``--quiet`` is never passed: it raises MkDocs' log level, so warnings are never emitted and ``--strict`` has
nothing to count (a build that a user's ``./scripts/serve`` aborts passed the suite that way). Every WARNING
and ERROR line the build prints fails it, with the build's own words in the failure.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBLEM = re.compile(r"^(WARNING|ERROR)\b.*$", re.MULTILINE)


class BuildFailed(AssertionError):
    pass


@contextlib.contextmanager
def build_lock() -> Iterator[None]:
    """One site build at a time on this checkout: the suite runs on several processes (pytest-xdist), and every
    build writes the engine wheel and memory snapshot to the same cache (``.cache/``). The first build fills it;
    the others wait, then find it filled."""
    lock = ROOT / ".cache" / "site-build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def problems(log: str) -> list[str]:
    """The lines of a MkDocs log that a strict build counts (and errors)."""
    return [m.group(0) for m in PROBLEM.finditer(log)]


def check_log(command: str, returncode: int, log: str) -> None:
    found = problems(log)
    if returncode != 0 or found:
        shown = "\n".join(found) or log[-3000:]
        raise BuildFailed(f"{command} exited {returncode} with {len(found)} warning(s)/error(s):\n{shown}")


def build(site_dir: Path, env: Mapping[str, str], args: Sequence[str] = ()) -> str:
    """``mkdocs build --strict`` into ``site_dir`` with ``env`` added; returns the log, raises on any warning."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *args]
    with build_lock():
        done = subprocess.run(
            command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
        )
    check_log("mkdocs build --strict", done.returncode, done.stdout)
    return done.stdout
