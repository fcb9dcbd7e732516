"""The engine's layout shows its architecture: subpackages by role, no import cycle (type-only imports count), and
what the browser and the CLI run never imports the content compiler (``candor.compiler``), which only the site
build, the CLI's content reading and the tests use."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "widgets" / "candor"
ROLES = ("util", "model", "checks", "intake", "reports", "bias", "learning", "compiler")
TOP = {"__init__", "bridge", "cli", "cli_io"}  # the two ways in: the browser's JSON bridge, the command line (and its streams)
MAY_IMPORT_COMPILER = {"candor.cli", "candor.cli_io"}  # the CLI reads and compiles the content it ships


def module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in ENGINE.rglob("*.py")}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every engine module ``name`` imports, anywhere in the file (inside functions and ``TYPE_CHECKING`` too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def cycle(g: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str]:
        state[n] = 1
        stack.append(n)
        for m in sorted(g[n]):
            if state.get(m) == 1:
                return [*stack[stack.index(m):], m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return []

    for n in sorted(g):
        if n not in state and (found := visit(n)):
            return found
    return []


def test_every_module_sits_in_a_role_subpackage_or_is_a_way_in() -> None:
    loose = sorted(n for n in modules() if n.count(".") == 1 and n.split(".")[1] not in TOP and n.split(".")[1] not in ROLES)
    assert loose == [], f"modules outside a role subpackage ({', '.join(ROLES)}): {loose}"


def test_no_import_cycle_type_only_imports_included() -> None:
    g = graph()
    # a package's __init__ importing its own modules is not a cycle of roles
    g = {n: {m for m in deps if not (n.count(".") and m.startswith(n + "."))} for n, deps in g.items()}
    assert cycle(g) == []


def test_what_the_browser_and_the_cli_run_never_imports_the_compiler() -> None:
    g = graph()
    runtime = [n for n in g if not n.startswith("candor.compiler") and n not in MAY_IMPORT_COMPILER]
    offenders = {n: sorted(m for m in g[n] if m.startswith("candor.compiler")) for n in runtime}
    assert {n: v for n, v in offenders.items() if v} == {}
