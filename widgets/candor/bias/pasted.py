"""Pasted CSV for the bias audit (:func:`read_csv`): a header row naming the columns, or none at all.

A table pasted from a spreadsheet often comes without its header row. When the first line names no column but
reads as one group (a name and two counts), the columns are taken as group, successes, total, in that order, and
the result says so; anything else without a header is refused with the header's rules.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from candor.bias.input import _ROLE_WORDS, _SYNONYMS, ROLES, BiasInputError, Group, _build, _check_size, _Row

ASSUMED_HEADER = (
    "The pasted table has no header row, so its columns were read as group, successes, total, in that order. "
    "If yours are in another order, add a header row naming them (for example group,reached,eligible)."
)
_COUNT = re.compile(r"[+]?\d[\d,_ \u00a0\u202f']*")
_SEPARATORS = ("\t", ";", ",")


def _header_key(cell: str) -> str:
    return " ".join(re.sub(r"[-_.]", " ", cell.strip().strip("\"'").casefold()).split())


def _roles(header: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {role: [] for role in ROLES}
    for i, cell in enumerate(header):
        key = _header_key(cell)
        for role in ROLES:
            if key in _SYNONYMS[role]:
                found[role].append(i)
    return found


def _read_header(line: str, number: int) -> tuple[str, list[str], dict[str, int]]:
    """The separator (the one that finds the most columns), the header cells, and each role's column."""
    best: tuple[str, list[str], dict[str, list[int]]] | None = None
    for delimiter in ("\t", ";", ","):
        header = next(csv.reader([line], delimiter=delimiter))
        roles = _roles(header)
        if best is None or sum(map(bool, roles.values())) > sum(map(bool, best[2].values())):
            best = (delimiter, header, roles)
    assert best is not None
    delimiter, header, roles = best
    for role in ROLES:
        if len(roles[role]) > 1:
            named = " and ".join(f"“{header[i].strip()}”" for i in roles[role])
            raise BiasInputError(f"Line {number}: two columns both hold {_ROLE_WORDS[role]} ({named}); keep one.", "header", number)
    missing = [role for role in ROLES if not roles[role]]
    if missing:
        detail = "; ".join(f"for {_ROLE_WORDS[r]} use one of {', '.join(_SYNONYMS[r][:6])}" for r in missing)
        raise BiasInputError(
            f"Line {number}: the header row must name a group, a successes and a total column "
            f"(for example group,successes,total). Missing: {detail}.",
            "header",
            number,
        )
    return delimiter, header, {role: found[0] for role, found in roles.items()}


def _records(lines: list[str], start: int, delimiter: str, width: int, shift: int = 0) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each non-blank data line after the header at ``start`` (0-based); ``shift`` is
    how many lines were added before the reader's own (an assumed header), for the line numbers of errors."""
    reader = csv.reader(io.StringIO("\n".join(lines[start + 1 :])), delimiter=delimiter)
    try:
        for record in reader:
            line = start + 1 + reader.line_num
            cells = list(record)
            while len(cells) > width and not cells[-1].strip():
                cells.pop()
            if all(not c.strip() for c in cells):
                continue
            if len(cells) != width:
                sep = {"\t": "tab", ";": "semicolon", ",": "comma"}[delimiter]
                raise BiasInputError(
                    f"Line {line - shift} has {len(cells)} values but the header has {width}; "
                    f"if a group name contains a {sep}, put the name in double quotes.",
                    "",
                    line - shift,
                )
            yield line, cells
    except csv.Error as exc:
        raise BiasInputError(f"Line {start + 1 + reader.line_num - shift}: the data cannot be read as CSV ({exc}).", "", None) from exc


def _headerless(line: str) -> str | None:
    """The separator of a first line that names no column but reads as one group (a name, then two counts)."""
    for delimiter in _SEPARATORS:
        cells = next(csv.reader([line], delimiter=delimiter))
        while len(cells) > 3 and not cells[-1].strip():
            cells.pop()
        if any(_roles(cells).values()):
            return None
        if len(cells) == 3 and cells[0].strip() and all(_COUNT.fullmatch(c.strip()) for c in cells[1:]):
            return delimiter
    return None


def read_csv(text: Any) -> tuple[tuple[Group, ...], str | None]:
    """Check pasted CSV: a header row naming the columns, then one row per group; or rows with no header (see
    the module). Returns the groups and, when the header was assumed, the sentence that says so.

    The header needs a group column, a successes column and a total column, in any order and any case;
    synonyms are accepted (reached/eligible, converted/shown, approved/offered, ...) and other columns are
    ignored. Cells are separated by commas, semicolons or tabs (chosen from the header); names containing
    the separator go in double quotes. Errors name the line of the pasted text and the column as written.
    """
    if not isinstance(text, str):
        raise BiasInputError("Expected the pasted data as text.")
    _check_size(len(text.encode("utf-8", "replace")))
    lines = text.lstrip("\ufeff").splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise BiasInputError("Nothing to read: paste a header row (group, successes, total) and one row per group.", "header")
    assumed = _headerless(lines[start])
    if assumed is not None:
        labels = {role: f"“{role}”" for role in ROLES}
        lines = [*lines[:start], assumed.join(ROLES), *lines[start:]]  # the header they left out, as a line 0
        rows = [
            _Row(f"Line {line - 1}", line - 1, dict(zip(ROLES, cells, strict=True)), labels)
            for line, cells in _records(lines, start, assumed, len(ROLES), shift=1)
        ]
        return _build(rows), ASSUMED_HEADER
    delimiter, header, index = _read_header(lines[start], start + 1)
    labels = {role: f"“{header[i].strip()}”" for role, i in index.items()}
    rows = [
        _Row(f"Line {line}", line, {role: cells[i] for role, i in index.items()}, labels)
        for line, cells in _records(lines, start, delimiter, len(header))
    ]
    return _build(rows), None


def parse_csv(text: Any) -> tuple[Group, ...]:
    """The groups of pasted CSV (:func:`read_csv` without its note)."""
    return read_csv(text)[0]
