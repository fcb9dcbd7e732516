"""Files the build adds to the site: the self-hosted Pyodide runtime, the engine wheels, check bundles,
the browser glue, and the published answers schema.

Two wheels come from one build of this checkout: the CLI wheel (engine and content, for ``pip install``: the
command line validates and assesses with the content it ships) and the browser wheel (the same wheel without
``candor/content/``: the browser gets content as bundles). A content edit remakes the CLI wheel only; the
browser wheel, and so the memory snapshot made from it, stay byte for byte the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# What the runtime fetches (pyodide.asm.* names change across major versions: copy by pattern).
PYODIDE_PATTERNS = ("pyodide.mjs", "pyodide.asm.*", "python_stdlib.zip", "pyodide-lock.json")
WHEEL_CACHE = ROOT / ".cache" / "wheel"
SNAPSHOT_CACHE = ROOT / ".cache" / "snapshot"
SNAPSHOT_MAKER = ROOT / "widgets" / "snapshot" / "make-snapshot.mjs"
SNAPSHOT_FORMAT = ROOT / "widgets" / "js" / "snapshot-format.mjs"


class BuildError(RuntimeError):
    pass


def pyodide_files() -> list[Path]:
    if not (PYODIDE_DIR / "package.json").is_file():
        raise BuildError(
            "The Pyodide runtime is missing: run `npm ci` (the README's serve command does it for you)."
        )
    files = sorted({p for pattern in PYODIDE_PATTERNS for p in PYODIDE_DIR.glob(pattern)})
    if not any(p.name.endswith(".wasm") for p in files):
        raise BuildError(f"{PYODIDE_DIR} has no .wasm file: reinstall it with `npm ci`")
    return files


def pyodide_version() -> str:
    return str(json.loads((PYODIDE_DIR / "package.json").read_text())["version"])


WHEEL_SOURCES = ("pyproject.toml", "README.md", "widgets/candor", "content")  # all that goes into the wheel


def _source_digest() -> str:
    """Hash of everything that goes into the wheel, so it is rebuilt exactly when they change."""
    digest = hashlib.sha256()
    for part in WHEEL_SOURCES:
        base = ROOT / part
        for path in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_wheel() -> Path:
    """Build the CLI wheel, engine and content, a pure ``py3-none-any`` wheel of this checkout (offline, no isolation)."""
    digest = _source_digest()
    target = WHEEL_CACHE / digest
    found = sorted(target.glob("candor-*-py3-none-any.whl")) if target.is_dir() else []
    if found:
        return found[0]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}  # reproducible zip timestamps
        # From a clean copy of exactly what goes in: built in place, setuptools would reuse its build/ folder and
        # ship modules this checkout no longer has (a moved or deleted one).
        source = Path(tmp) / "source"
        for part in WHEEL_SOURCES:
            if (ROOT / part).is_dir():
                shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                (source / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / part, source / part)
        run = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", tmp, str(source)],
            capture_output=True, text=True, env=env, check=False,
        )
        wheels = list(Path(tmp).glob("candor-*-py3-none-any.whl"))
        if run.returncode != 0 or not wheels:
            raise BuildError(f"building the engine wheel failed:\n{run.stderr[-2000:]}")
        if WHEEL_CACHE.exists():
            shutil.rmtree(WHEEL_CACHE)
        target.mkdir(parents=True)
        return Path(shutil.copy2(wheels[0], target / wheels[0].name))


CONTENT_IN_WHEEL = "candor/content/"


def browser_wheel(cli_wheel: Path) -> Path:
    """The CLI wheel without its content (code only): what the browser installs and the snapshot is made from.

    The entries keep their order and timestamps and RECORD loses the lines of what was left out, so the same
    engine code always gives the same bytes, whatever the content says.
    """
    target = cli_wheel.parent / "browser" / cli_wheel.name
    if target.is_file():
        return target
    target.parent.mkdir(exist_ok=True)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(cli_wheel) as src, zipfile.ZipFile(partial, "w") as out:
        for info in src.infolist():
            if info.filename.startswith(CONTENT_IN_WHEEL):
                continue
            data = src.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                data = b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(CONTENT_IN_WHEEL.encode()))
            out.writestr(info, data)
    partial.rename(target)
    return target


def build_snapshot(wheel: Path) -> Path | None:
    """The engine's Pyodide memory snapshot (gzip), made in Node from the served runtime and this wheel.

    Cached by wheel hash (the browser wheel: code only), Pyodide version and the maker's own code, so it is
    remade exactly when the engine, the runtime or the file format changes, never for a content edit. ``CANDOR_SNAPSHOT=0`` skips
    it (the site then always boots plainly).
    """
    if os.environ.get("CANDOR_SNAPSHOT") == "0":
        return None
    maker = hashlib.sha256(SNAPSHOT_MAKER.read_bytes() + SNAPSHOT_FORMAT.read_bytes()).hexdigest()[:8]
    key = f"{file_sha256(wheel)[:16]}-{pyodide_version()}-{maker}"
    target = SNAPSHOT_CACHE / f"snapshot-{key}.bin"
    if target.is_file():
        return target
    SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    run = subprocess.run(
        ["node", str(SNAPSHOT_MAKER), str(PYODIDE_DIR), str(wheel), str(partial)],
        capture_output=True, text=True, check=False,
    )
    if run.returncode != 0 or not partial.is_file():
        raise BuildError(f"making the engine snapshot failed (set CANDOR_SNAPSHOT=0 to build without it):\n{run.stderr[-1500:]}")
    for old in SNAPSHOT_CACHE.glob("snapshot-*.bin"):
        old.unlink()
    partial.rename(target)
    return target


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_entry(snapshot: Path) -> dict[str, Any]:
    """The snapshot's file name and sizes; the worker inflates it into a buffer of exactly inflated_bytes."""
    size = snapshot.stat().st_size
    with snapshot.open("rb") as fh:
        fh.seek(size - 4)
        inflated = int.from_bytes(fh.read(4), "little")  # gzip's ISIZE trailer; the file is far below 4 GiB
    return {"file": f"snapshot/{snapshot.name}", "bytes": size, "inflated_bytes": inflated}


def manifest(wheel: Path, snapshot: Path | None, bundles: Mapping[str, Any]) -> dict[str, Any]:
    """What the worker needs to boot: runtime version, wheel, snapshot, engine identity, and ``bundles``
    (:func:`candor.compiler.bundle.bundle_index`: the bundle of every check, tool and quiz)."""
    from candor import __version__
    from candor.bridge import ENGINE_DIGEST

    boot = os.environ.get("CANDOR_BOOT", "auto")
    if boot not in ("auto", "snapshot", "plain"):
        raise BuildError(f"CANDOR_BOOT={boot!r}: use auto (the default), snapshot or plain")
    return {
        "boot": boot if snapshot else "plain",
        "pyodide": pyodide_version(),
        "engine_version": __version__,
        "engine_digest": ENGINE_DIGEST,
        "wheel": wheel.name,
        "wheel_sha256": file_sha256(wheel),
        "snapshot": snapshot_entry(snapshot) if snapshot else None,
        **bundles,
    }


_STATIC_IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w.-]+\.mjs)";', re.M)


def static_imports(module: Path) -> list[str]:
    """The sibling modules a browser module imports statically (``import … from "./x.mjs"``), in order: what
    the page can fetch beside it (``modulepreload``) instead of one round trip later."""
    return _STATIC_IMPORT.findall(module.read_text(encoding="utf-8"))
