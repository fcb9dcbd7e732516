"""Counts for the bias audit, checked: form rows (:func:`parse_groups`); pasted CSV is read in
:mod:`candor.bias.pasted` with the same rules (this module's row checks and limits).

Both return :class:`Group` values or raise :class:`BiasInputError` naming the row (or line) and the column as
the reader sees it: the form's column headings ("Reached", "Eligible") or the CSV header as written. Group names
are free text and stay text (see :mod:`candor.util.names`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from candor.util.errors import CandorError
from candor.util.names import clean_name, describe, name_key

MAX_GROUPS = 50
MIN_GROUPS = 2
MAX_NAME = 80
MAX_BYTES = 100_000  # 100 KB of input text (UTF-8)
MAX_COUNT = 10**12  # a trillion: larger counts are typing slips, and would only slow the arithmetic down

ROLES = ("group", "successes", "total")
# Column headings of form rows when the request does not say which decision it audits.
DEFAULT_LABELS = {"group": "Group", "successes": "Successes", "total": "Total"}
_SYNONYMS = {  # the first few of each are offered as examples when a column is missing
    "group": ("group", "segment", "audience", "name", "groups", "category", "cohort", "demographic"),
    "successes": (
        "successes", "reached", "converted", "approved", "selected", "accepted", "success", "reach", "conversions",
        "approvals", "clicked", "clicks", "positive", "positives",
    ),
    "total": (
        "total", "eligible", "shown", "offered", "impressions", "applicants", "totals", "ads shown", "offers",
        "offers made", "applications", "n", "count", "trials", "exposed", "audience size",
    ),
}  # fmt: skip
_ROLE_WORDS = {"group": "group names", "successes": "successes", "total": "totals"}
_THOUSANDS = re.compile(r"\d{1,3}(?:([,_ \u00a0\u202f'])\d{3})(?:\1\d{3})*")


class BiasInputError(CandorError):
    """The counts cannot be audited. ``field`` is ``group``, ``successes``, ``total``, ``header`` or a
    parameter name ('' for the input as a whole); ``row`` is the form row or CSV line (1-based), if any."""

    def __init__(self, message: str, field: str = "", row: int | None = None) -> None:
        super().__init__(message, field)
        self.row = row


@dataclass(frozen=True)
class Group:
    name: str
    successes: int
    total: int


@dataclass(frozen=True)
class _Row:
    where: str  # "Row 3" or "Line 4"
    number: int
    cells: dict[str, Any]  # role -> raw value
    labels: dict[str, str]  # role -> column label as shown to the user (quoted)

    def error(self, role: str, message: str) -> BiasInputError:
        """An error about this row's cell in ``role``: "Row 3, column “Reached” ..."."""
        return BiasInputError(f"{self.where}, column {self.labels[role]}{message}", role, self.number)


def _digits(text: str, fail: Any) -> int:
    """A count typed as text: digits, an optional sign, thousands separators allowed."""
    shown = text if len(text) <= 20 else text[:20] + "…"
    digits = text[1:] if text[0] in "+-−" else text
    if _THOUSANDS.fullmatch(digits):
        digits = re.sub(r"\D", "", digits)
    if not digits.isascii() or not digits.isdigit():
        if re.fullmatch(r"\d*[.,]\d+", digits):
            raise fail(f": “{shown}” is not a whole number; counts cannot have decimals.")
        raise fail(f": “{shown}” is not a number; enter a whole number such as 120.")
    if len(digits) > 13:
        raise fail(f": “{shown}” is too large; counts go up to {MAX_COUNT:,}.")
    return -int(digits) if text[0] in "-−" else int(digits)


def _whole(row: _Row, role: str) -> int:
    """An int-like cell: an int, an integral float, or digits (thousands separators allowed)."""
    value = row.cells.get(role)

    def fail(message: str) -> BiasInputError:
        return row.error(role, message)

    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise fail(f": expected a whole number, not {value!r}.")
    if isinstance(value, float) and not value.is_integer():
        raise fail(f": {value:g} is not a whole number; counts cannot have decimals.")
    if isinstance(value, int | float):
        number = int(value)
    elif isinstance(value, str) or value is None:
        if not (value or "").strip():
            raise fail(" is empty: enter a whole number.")
        number = _digits((value or "").strip(), fail)
    else:
        raise fail(f": expected a whole number, not {type(value).__name__}.")
    if number < 0:
        raise fail(f": {number} is negative; counts cannot be below 0.")
    if number > MAX_COUNT:
        raise fail(f": {number:,} is too large; counts go up to {MAX_COUNT:,}.")
    return number


def _name(row: _Row, seen: dict[str, _Row]) -> str:
    """The row's group name, cleaned, and not a repeat of an earlier row's (``seen`` is updated)."""
    name = row.cells.get("group")
    if name is None or (isinstance(name, str) and not name.strip()):
        raise row.error("group", " is empty: every group needs a name.")
    if not isinstance(name, str):
        raise row.error("group", f": expected text, not {type(name).__name__}.")
    name, refused = clean_name(name)
    if refused is not None:
        raise row.error(
            "group",
            f": the name contains a character that cannot be seen or that reorders text ({describe(refused)}). "
            "Type the name again without it.",
        )
    if len(name) > MAX_NAME:
        raise row.error("group", f": the name is {len(name)} characters long; keep group names to {MAX_NAME}.")
    first = seen.setdefault(name_key(name), row)
    if first is not row:
        raise row.error(
            "group",
            f": the group “{name}” appears twice (also {first.where.lower()}); each group must appear once, so add its counts together.",
        )
    return name


def _group(row: _Row, seen: dict[str, _Row]) -> Group:
    name = _name(row, seen)
    successes, total = _whole(row, "successes"), _whole(row, "total")
    if total == 0:
        raise row.error("total", " is 0: an empty group has no rate; remove the row or enter its counts.")
    if successes > total:
        first, second = row.labels["successes"], row.labels["total"]
        raise BiasInputError(
            f"{row.where}: {first} ({successes:,}) is greater than {second} ({total:,}); {first} cannot be more than {second}.",
            "successes",
            row.number,
        )
    return Group(name, successes, total)


def _build(rows: list[_Row]) -> tuple[Group, ...]:
    if len(rows) > MAX_GROUPS:
        raise BiasInputError(f"There are {len(rows)} groups; the calculator compares at most {MAX_GROUPS}.")
    seen: dict[str, _Row] = {}
    groups = tuple(_group(row, seen) for row in rows)
    if len(groups) < MIN_GROUPS:
        raise BiasInputError(f"Enter at least {MIN_GROUPS} groups to compare (found {len(groups)}).")
    return groups


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise BiasInputError(f"The input is {size:,} bytes; the limit is {MAX_BYTES // 1000} KB ({MAX_BYTES:,} bytes).")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_groups(rows: Any, labels: Mapping[str, str] = DEFAULT_LABELS) -> tuple[Group, ...]:
    """Check form rows ``[{"group": str, "successes": int-like, "total": int-like}, ...]``.

    ``labels`` are the column headings the reader sees (role -> heading), used in messages. Wholly blank rows
    are skipped. Raises :class:`BiasInputError` naming the row (1-based) and column.
    """
    if not isinstance(rows, Sequence) or isinstance(rows, str | bytes):
        raise BiasInputError("Expected a list of groups, each with a name and two counts.")
    _check_size(sum(len(str(v).encode("utf-8", "replace")) for r in rows for v in (r.values() if isinstance(r, Mapping) else [r])))
    quoted = {role: f"“{labels[role]}”" for role in ROLES}
    parsed: list[_Row] = []
    for i, raw in enumerate(rows, start=1):
        if not isinstance(raw, Mapping):
            raise BiasInputError(f"Row {i} is not a group: expected a name and two counts.", "", i)
        if all(_blank(raw.get(role)) for role in ROLES):
            continue
        parsed.append(_Row(f"Row {i}", i, {role: raw.get(role) for role in ROLES}, quoted))
    return _build(parsed)
