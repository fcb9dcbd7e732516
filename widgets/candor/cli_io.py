"""The command line's streams: reading a file or standard input, writing the output, and saying what failed.

Every failure is exit 2 with a message on standard error, never 1 (the code of a result that failed
``--fail-on``) and never a traceback: a file that cannot be read, a closed or full output, output the terminal's
character set cannot hold, even a fault in candor itself. A reader that stops early (``candor assess a.yml |
head -1``) ends the run quietly with 141, as commands stopped by a closed pipe do.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

from candor.compiler.catalog import ContentError
from candor.model.answers import AnswersError

EXIT_GATE = 1  # the result failed --fail-on: the only way to exit 1
EXIT_BAD_INPUT = 2  # bad input or content, or anything else that went wrong, always with a message
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports when the reader of the output stopped early


class OutputError(Exception):
    """The output could not be written (a closed or full stream, or a character set that cannot hold it)."""


def source_name(path: str) -> str:
    return "standard input" if path == "-" else path


def read_bytes(path: str, limit: int) -> bytes:
    """A file's bytes, or standard input's for ``-``: one byte past ``limit`` at most, so size is checked first."""
    try:
        if path != "-":
            with open(path, "rb") as file:
                return file.read(limit + 1)
        if sys.stdin is None:
            raise AnswersError("cannot read standard input: it is closed. Name the file instead of -, or send it in "
                               "with a pipe (cat answers.yml | candor assess -).", "")
        return sys.stdin.buffer.read(limit + 1)
    except OSError as exc:
        raise AnswersError(f"cannot read {source_name(path)}: {exc.strerror or exc}", "") from None


def write(text: str) -> None:
    """Write ``text`` to standard output whole, or raise :class:`OutputError` before any of it is written."""
    out = sys.stdout
    if out is None:
        raise OutputError("cannot write the output: standard output is closed. Send it to a file (> report.txt) "
                          "or to another command instead.")
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding, getattr(out, "errors", None) or "strict")
    except UnicodeEncodeError:
        raise OutputError(f"the output cannot be written in the character set of the output ({encoding}). "
                          "Set PYTHONIOENCODING=utf-8 (or a UTF-8 locale) and run it again.") from None
    except LookupError:
        pass  # an encoding Python does not know: writing will say so
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # a full disk, or a stream closed under us
        raise OutputError(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}") from None


def say(message: str) -> None:
    """A line on standard error, when there is one (Python writes what it cannot encode there as \\uXXXX)."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):  # nowhere left to say it; the exit code still does
        print(message, file=sys.stderr)


def _quiet_stdout() -> None:
    """After a closed pipe, point standard output at nothing, so Python does not complain when it exits."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # not a real file (a test's buffer), or none
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run(command: Callable[[], int]) -> int:
    """Run a command and turn every way it can fail into exit 2 with a message (141 for a closed pipe)."""
    try:
        code = command()
        if sys.stdout is not None:
            sys.stdout.flush()  # so that a closed pipe shows here, not as a message when Python exits
        return code
    except BrokenPipeError:  # the reader stopped early, so there is nothing to say
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except (AnswersError, ContentError) as exc:
        say(f"candor: error: {exc}")
        if getattr(exc, "detail", ""):
            say(f"  detail: {exc.detail}")  # type: ignore[union-attr]
    except OutputError as exc:
        say(f"candor: error: {exc}")
    except OSError as exc:  # the content folder, most likely
        say(f"candor: error: cannot read {exc.filename}: {exc.strerror}" if exc.filename else f"candor: error: {exc}")
    except Exception as exc:  # a fault in candor: still a message and exit 2, never 1 (the gate's code)
        say(f"candor: internal error: {type(exc).__name__}: {str(exc)[:200]}. This is a fault in candor, not in "
            "your file: please report it, with the command and the file that caused it.")
    return EXIT_BAD_INPUT
