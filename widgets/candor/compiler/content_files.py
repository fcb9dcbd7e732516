"""Reading the content folder (YAML and JSON Schemas) from disk: the I/O side of :mod:`candor.compiler.compile`.

Used by the site build, the CLI and the tests, so all three compile and validate content with the same code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from candor.compiler.catalog import Catalog, ContentError, Document, Problems
from candor.compiler.compile import SCHEMAS, Content, compile_catalog, resolve_checks


def default_content_dir() -> Path:
    """``$CANDOR_CONTENT``, else the content shipped in the package, else the repository's ``content/``."""
    if os.environ.get("CANDOR_CONTENT"):
        return Path(os.environ["CANDOR_CONTENT"])
    package = Path(__file__).resolve().parents[1]  # candor/ (this module is candor/compiler/content_files.py)
    packaged = package / "content"
    if (packaged / "themes.yml").is_file():
        return packaged
    return package.parents[1] / "content"  # widgets/candor -> the repository


def parse_yaml(text: str) -> Any:
    """Safe YAML parsing, with libyaml's C loader where installed (about 10x faster)."""
    import yaml  # the engine is stdlib-only; reading YAML files is the front ends' job

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_yaml(path: Path, name: str | None = None) -> Any:
    """A content file's data; a YAML error names the file (``name``, relative to the content folder)."""
    import yaml

    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError([f"{name or path.name}: not valid YAML: {exc}"]) from None


def load_schemas(root: Path) -> dict[str, dict[str, Any]]:
    return {
        name: json.loads((root / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        for name in SCHEMAS
    }


def _docs(root: Path, folder: str) -> list[Document]:
    return [(f"{folder}/{p.name}", load_yaml(p, f"{folder}/{p.name}")) for p in sorted((root / folder).glob("*.yml"))]


def raw_checks(root: Path) -> dict[str, Any]:
    """The checks by check id, each resolved against the question bank as the browser bundles carry it;
    raise :class:`ContentError` (file and id) where a check or the bank is not valid."""
    content = read_content(root)
    out = Problems()
    resolved, _ = resolve_checks(content, out)
    if out.lines:
        raise ContentError(out.lines)
    return {data["id"]: data for data in resolved.values()}


def _optional(root: Path, name: str) -> Document | None:
    return (name, load_yaml(root / name)) if (root / name).is_file() else None


def read_content(root: Path | None = None) -> Content:
    """Every content file and schema, parsed but not yet checked (:func:`candor.compiler.compile.compile_catalog` checks)."""
    root = root or default_content_dir()
    if not (root / "themes.yml").is_file():
        raise ContentError([f"{root}: no content folder here (themes.yml is missing)"])
    return Content(
        themes=("themes.yml", load_yaml(root / "themes.yml")),
        practices=_docs(root, "practices"),
        sources=_docs(root, "sources"),
        glossary=("glossary.yml", load_yaml(root / "glossary.yml")),
        schemas=load_schemas(root),
        checks=_docs(root, "checks"),
        bank=_docs(root, "bank"),
        tools=_docs(root, "tools"),
        timeline=_optional(root, "timeline.yml"),
        kit=_docs(root, "kit"),
        quizzes=_docs(root, "quizzes"),
        learning=_optional(root, "learning.yml"),
        facilitator=_optional(root, "facilitator.yml"),
    )


def read_catalog(root: Path | None = None, today: dt.date | None = None) -> Catalog:
    """Read and compile the whole content folder; raise :class:`ContentError` naming file and id.

    ``today`` turns on the review-age limit (the site build passes it; the CLI does not, so an installed wheel
    keeps working after its content ages)."""
    return compile_catalog(read_content(root), today)
