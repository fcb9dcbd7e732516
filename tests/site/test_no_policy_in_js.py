"""JavaScript places what the engine and the build publish: no file under widgets/js/ repeats a verdict id, a
questionnaire or tool version, or a numeric limit that the content or the engine defines (architecture principle 3).

The lists are derived from the content catalogue and the engine's modules, so a new verdict or limit is covered
without touching this test."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import candor
from candor.compiler.catalog import Catalog
from candor.intake.share_link import SHARE_PREFIX, SHARE_VERSION

JS = sorted((Path(__file__).parents[2] / "widgets" / "js").glob("*.mjs"))
_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'`\\])//[^\n]*", re.S)
_NUMBER = re.compile(r"(?<![\w.])(\d[\d_]*(?:\.\d+)?(?:e\d+)?)(?![\w.])")
_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'")
_PRODUCT = re.compile(r"(?<![\w.])(\d+)\s*\*\s*(\d+)(?![\w.])")
_VERSION = re.compile(r"\b(?:version|current)\b\s*[:=]\s*(\d+)")
# Words and numbers that coincide with a verdict id or a limit but mean something else where they appear. Each
# entry is the exact code around the literal, so a new use of the same value is still caught.
_NOT_POLICY = {
    '"ready"': "the engine's start-up stage and the widget's data-candor-state, not the check's verdict",
    "downlink >= 50": "a network speed in Mbit/s (whether to fetch the start-up snapshot)",
    "(100 * entry.score)": "a percentage",
    "(0–100)": "the score scale in a caption",
    "} / 100`": "the score scale in a sentence",
}


def _code(path: Path) -> str:
    code = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    for snippet in _NOT_POLICY:
        code = code.replace(snippet, " ")
    return code


def verdict_ids(catalog: Catalog) -> set[str]:
    ids = {v.id for q in catalog.checks.values() for v in q.verdicts}
    ids |= {v["id"] for tool in catalog.tools.values() for v in tool.get("verdicts", [])}
    return ids


def versions(catalog: Catalog) -> set[int]:
    return {q.version for q in catalog.checks.values()} | {int(t["version"]) for t in catalog.tools.values()}


def engine_limits(catalog: Catalog) -> set[float]:
    """Every MAX_/MIN_ constant of the engine's modules and the tools' numeric settings (from 10 up: smaller
    numbers are indices and counts of everyday code)."""
    found: set[float] = set()
    for info in pkgutil.walk_packages(candor.__path__, "candor."):  # every module, in every subpackage
        module = importlib.import_module(info.name)
        found |= {v for k, v in vars(module).items() if re.fullmatch(r"(MAX|MIN)_[A-Z_]+", k) and isinstance(v, int | float)}
    for tool in catalog.tools.values():
        found |= {v for v in tool.values() if isinstance(v, int | float) and not isinstance(v, bool)}
    return {v for v in found if v >= 10 or 0 < v < 1}


def _numbers(code: str) -> set[float]:
    """Every number literal, and every product of two (a limit written as ``16 * 1024``)."""
    found = {float(n.replace("_", "")) for n in _NUMBER.findall(code)}
    return found | {float(a) * float(b) for a, b in _PRODUCT.findall(code)}


def test_the_lists_are_not_empty(catalog: Catalog) -> None:
    assert {"ready", "adverse-impact"} <= verdict_ids(catalog)
    assert 100_000 in engine_limits(catalog) and 50 in engine_limits(catalog) and 0.8 in engine_limits(catalog)
    assert JS


def test_no_js_file_holds_a_verdict_id(catalog: Catalog) -> None:
    ids = verdict_ids(catalog)
    found = {
        (path.name, m.group(1) or m.group(2))
        for path in JS
        for m in _STRING.finditer(_code(path))
        if (m.group(1) or m.group(2)) in ids
    }
    assert not found, f"verdict ids written in JavaScript (read them from the engine's result instead): {sorted(found)}"


def test_no_js_file_holds_a_version(catalog: Catalog) -> None:
    known = versions(catalog)
    found = {(path.name, m.group(0)) for path in JS for m in _VERSION.finditer(_code(path)) if int(m.group(1)) in known}
    assert not found, f"versions written in JavaScript (read them from what the build publishes): {sorted(found)}"


def test_no_js_file_holds_an_engine_limit(catalog: Catalog) -> None:
    limits = engine_limits(catalog)
    found = {(path.name, n) for path in JS for n in _numbers(_code(path)) if n in limits}
    assert not found, f"limits written in JavaScript (read them from what the build publishes): {sorted(found)}"


def share_format() -> dict[str, re.Pattern[str]]:
    """The share link's prefix and version as code would write them: the prefix anywhere (nothing else holds it),
    the short version where a quote or backtick touches it (so a name such as ``c1.x`` is not taken for it)."""
    return {
        value: re.compile(rf"[\"'`]{re.escape(value)}|{re.escape(value)}[\"'`]") if len(value) < 8 else re.compile(re.escape(value))
        for value in (SHARE_PREFIX, SHARE_VERSION)
    }


def test_no_js_file_holds_the_share_link_format() -> None:
    found = {(path.name, value) for path in JS for value, pattern in share_format().items() if pattern.search(_code(path))}
    assert not found, f"the share-link format written in JavaScript (read data-candor-share-* from the widget): {sorted(found)}"


def test_the_check_finds_what_it_looks_for(tmp_path: Path, catalog: Catalog) -> None:
    code = 'const v = { version: 1 }; const max = 100000; if (x === "adverse-impact") f(50);'
    assert "ready" in verdict_ids(catalog) and all(snippet not in code for snippet in _NOT_POLICY)
    assert _numbers(code) & engine_limits(catalog) == {100000.0, 50.0}
    assert 16384.0 in _numbers("const most = 16 * 1024;")
    assert [m.group(1) or m.group(2) for m in _STRING.finditer(code)] == ["adverse-impact"]
    assert _VERSION.search(code)
    patterns = share_format()
    assert all(patterns[v].search(c) for v, c in [(SHARE_PREFIX, f'"{SHARE_PREFIX}"'), (SHARE_VERSION, f"`${{x}}{SHARE_VERSION}`")])
    assert not patterns[SHARE_VERSION].search(f"const a{SHARE_VERSION}b = 1;")
