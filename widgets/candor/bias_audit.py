"""Bias audit calculator: compare per-group outcome rates from an AI-driven decision.

A marketer enters, per group, how many were eligible and how many were reached (or ads shown and
converted, offers made and approved). :func:`parse_groups` (form rows) and :func:`parse_csv` (pasted text)
check the counts and return :class:`Group` values, or raise :class:`BiasInputError` naming the row and
column. :func:`audit` compares every group with the most-favoured one (highest rate): Wilson 95%
intervals, impact ratios against the four-fifths screening threshold, and a significance test suited to
the counts (Fisher's exact test when an expected count is small, else the pooled two-proportion z-test).
:func:`bar_chart` draws the result as accessible SVG.

Group names are free text and stay text: the reading and caveats are plain text (insert them as text,
never as HTML) and the SVG escapes them.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape
from statistics import NormalDist
from typing import Any

from .jsonable import plain_object
from .names import clean_name, describe, isolate, name_key

MAX_GROUPS = 50
MIN_GROUPS = 2
MAX_NAME = 80
MAX_BYTES = 100_000  # 100 KB of input text (UTF-8)
MAX_COUNT = 10**12  # a trillion: larger counts are typing slips, and would only slow the arithmetic down
CONFIDENCE = 0.95
_Z95 = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)  # 1.959963984540054
_FISHER_BELOW = 5  # use Fisher's exact test when any expected cell count is below this
_TIE = 1e-7  # relative tolerance for "probability <= observed" (as R's fisher.test)

TEST_FISHER = "fisher-exact"
TEST_Z = "two-proportion-z"

VERDICTS = {
    "no-adverse-impact": "No adverse impact found",
    "possible-adverse-impact": "Possible adverse impact",
    "adverse-impact": "Adverse impact",
}

_ROLES = ("group", "successes", "total")
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


class BiasInputError(ValueError):
    """The counts cannot be audited. ``field`` is ``group``, ``successes``, ``total``, ``header`` or a
    parameter name ('' for the input as a whole); ``row`` is the form row or CSV line (1-based), if any."""

    def __init__(self, message: str, field: str = "", row: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.row = row


@dataclass(frozen=True)
class Group:
    name: str
    successes: int
    total: int


@dataclass(frozen=True)
class Comparison:
    """One group tested against the most-favoured group (two-sided)."""

    test: str  # TEST_FISHER or TEST_Z
    p_value: float
    z: float | None  # the z statistic (group minus most-favoured), for the z-test only
    significant: bool  # p_value < alpha
    significant_bonferroni: bool  # p_value < alpha / number of comparisons
    min_expected: float  # the smallest expected cell count of the 2x2 table: why this test was chosen


@dataclass(frozen=True)
class GroupResult:
    group: str
    successes: int
    total: int
    rate: float
    ci_low: float
    ci_high: float
    impact_ratio: float  # rate / the most-favoured rate (1.0 for every group when no group has a success)
    below_four_fifths: bool
    most_favoured: bool
    small_sample: bool
    comparison: Comparison | None  # None for the most-favoured group itself


@dataclass(frozen=True)
class Caveat:
    id: str  # small-sample | multiple-comparisons | four-fifths-heuristic | rates-not-causes
    text: str


@dataclass(frozen=True)
class BiasAuditResult:
    groups: tuple[GroupResult, ...]
    most_favoured: str
    verdict: str  # a key of VERDICTS
    verdict_label: str
    reading: str  # plain text, a few sentences
    caveats: tuple[Caveat, ...]
    comparisons: int  # number of groups tested against the most-favoured one
    alpha: float
    bonferroni_alpha: float
    four_fifths: float
    small_sample: int
    confidence: float

    def to_json(self) -> dict[str, Any]:
        """The result exactly as JSON carries it (lists, not tuples), the same on the host and in the browser."""
        return plain_object(self)


# --- statistics -------------------------------------------------------------------------------------


def wilson_interval(successes: int, total: int, z: float = _Z95) -> tuple[float, float]:
    """Wilson score interval for successes/total (no continuity correction; Newcombe 1998, method 3)."""
    if total <= 0 or not 0 <= successes <= total:
        raise ValueError("need 0 <= successes <= total and total > 0")
    p = successes / total
    z2n = z * z / total
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(p * (1 - p) / total + z2n / (4 * total))
    low = 0.0 if successes == 0 else min(p, max(0.0, centre - half))
    high = 1.0 if successes == total else max(p, min(1.0, centre + half))
    return low, high


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact_p(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher exact p-value of the 2x2 table [[a, b], [c, d]].

    The sum of the hypergeometric probabilities (margins fixed) of every table no more probable than the
    observed one, with R's relative tolerance of 1e-7 for ties. Probabilities are taken relative to the
    mode through the exact integer ratio P(x+1)/P(x) = (r1-x)(c1-x) / ((x+1)(r2-c1+x+1)), walking out from
    the mode until terms are negligible, so the cost grows with the spread of the distribution, not with
    the counts (a few dozen steps when an expected count is below 5); log-gamma only places the cut-off.
    """
    if min(a, b, c, d) < 0:
        raise ValueError("table counts must be non-negative")
    r1, r2, c1 = a + b, c + d, a + c
    n = r1 + r2
    if min(r1, r2, c1, n - c1) == 0:
        return 1.0  # only one table has these margins
    lo, hi = max(0, c1 - r2), min(c1, r1)
    mode = (r1 + 1) * (c1 + 1) // (n + 2)

    def log_w(x: int) -> float:
        return _log_choose(r1, x) + _log_choose(r2, c1 - x)

    approx = log_w(a) - log_w(mode)  # log P(a)/P(mode), good to far better than the margins below
    if approx + math.log(hi - lo + 1) < -760:
        return 0.0  # below the smallest float
    stop = min(approx, 0.0) - 60  # further terms are under e^-60 of the smallest one that counts

    logs = {mode: 0.0}
    lw, x = 0.0, mode
    while x < hi and lw >= stop:
        lw += math.log(((r1 - x) * (c1 - x)) / ((x + 1) * (r2 - c1 + x + 1)))
        x += 1
        logs[x] = lw
    lw, x = 0.0, mode
    while x > lo and lw >= stop:
        lw += math.log((x * (r2 - c1 + x)) / ((r1 - x + 1) * (c1 - x + 1)))
        x -= 1
        logs[x] = lw
    observed = logs.get(a, approx)
    cut = observed + _TIE
    total = math.fsum(math.exp(v) for v in logs.values())
    tail = math.fsum(math.exp(v) for v in logs.values() if v <= cut)
    return min(1.0, tail / total)


def two_proportion_z(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """Pooled two-proportion z-test of x1/n1 against x2/n2: (z, two-sided p-value)."""
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return 0.0, 1.0  # both rates 0 or both 1: no difference to test
    z = ((x1 * n2 - x2 * n1) / (n1 * n2)) / math.sqrt(variance)
    return z, min(1.0, math.erfc(abs(z) / math.sqrt(2)))


def _min_expected(x1: int, n1: int, x2: int, n2: int) -> float:
    n, k = n1 + n2, x1 + x2
    return min(n1, n2) * min(k, n - k) / n


# --- input ------------------------------------------------------------------------------------------

_THOUSANDS = re.compile(r"\d{1,3}(?:([,_ \u00a0\u202f'])\d{3})(?:\1\d{3})*")


def _whole(value: Any, where: str, label: str, field: str, row: int) -> int:
    """An int-like cell: an int, an integral float, or digits (thousands separators allowed)."""
    cell = f"{where}, column {label}"
    if isinstance(value, bool):
        raise BiasInputError(f"{cell}: expected a whole number, not {value!r}.", field, row)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise BiasInputError(f"{cell}: expected a whole number, not {value!r}.", field, row)
        if not value.is_integer():
            raise BiasInputError(f"{cell}: {value:g} is not a whole number; counts cannot have decimals.", field, row)
        number = int(value)
    elif isinstance(value, str) or value is None:
        text = (value or "").strip()
        if not text:
            raise BiasInputError(f"{cell} is empty: enter a whole number.", field, row)
        shown = text if len(text) <= 20 else text[:20] + "…"
        digits = text[1:] if text[0] in "+-−" else text
        if _THOUSANDS.fullmatch(digits):
            digits = re.sub(r"\D", "", digits)
        if not digits.isascii() or not digits.isdigit():
            if re.fullmatch(r"\d*[.,]\d+", digits):
                raise BiasInputError(f"{cell}: “{shown}” is not a whole number; counts cannot have decimals.", field, row)
            raise BiasInputError(f"{cell}: “{shown}” is not a number; enter a whole number such as 120.", field, row)
        if len(digits) > 13:
            raise BiasInputError(f"{cell}: “{shown}” is too large; counts go up to {MAX_COUNT:,}.", field, row)
        number = -int(digits) if text[0] in "-−" else int(digits)
    else:
        raise BiasInputError(f"{cell}: expected a whole number, not {type(value).__name__}.", field, row)
    if number < 0:
        raise BiasInputError(f"{cell}: {number} is negative; counts cannot be below 0.", field, row)
    if number > MAX_COUNT:
        raise BiasInputError(f"{cell}: {number:,} is too large; counts go up to {MAX_COUNT:,}.", field, row)
    return number


@dataclass(frozen=True)
class _Row:
    where: str  # "Row 3" or "Line 4"
    number: int
    cells: dict[str, Any]  # role -> raw value
    labels: dict[str, str]  # role -> column label as shown to the user (quoted)


def _build(rows: list[_Row]) -> tuple[Group, ...]:
    if len(rows) > MAX_GROUPS:
        raise BiasInputError(f"There are {len(rows)} groups; the calculator compares at most {MAX_GROUPS}.")
    groups: list[Group] = []
    seen: dict[str, _Row] = {}
    for row in rows:
        name_label = row.labels["group"]
        name = row.cells.get("group")
        if name is None or (isinstance(name, str) and not name.strip()):
            raise BiasInputError(f"{row.where}, column {name_label} is empty: every group needs a name.", "group", row.number)
        if not isinstance(name, str):
            raise BiasInputError(f"{row.where}, column {name_label}: expected text, not {type(name).__name__}.", "group", row.number)
        name, refused = clean_name(name)
        if refused is not None:
            raise BiasInputError(
                f"{row.where}, column {name_label}: the name contains a character that cannot be seen or that reorders "
                f"text ({describe(refused)}). Type the name again without it.",
                "group",
                row.number,
            )
        if len(name) > MAX_NAME:
            raise BiasInputError(
                f"{row.where}, column {name_label}: the name is {len(name)} characters long; keep group names to {MAX_NAME}.",
                "group",
                row.number,
            )
        key = name_key(name)
        if key in seen:
            first = seen[key]
            raise BiasInputError(
                f"{row.where}, column {name_label}: the group “{name}” appears twice (also {first.where.lower()}); "
                "each group must appear once, so add its counts together.",
                "group",
                row.number,
            )
        seen[key] = row
        successes = _whole(row.cells.get("successes"), row.where, row.labels["successes"], "successes", row.number)
        total = _whole(row.cells.get("total"), row.where, row.labels["total"], "total", row.number)
        if total == 0:
            raise BiasInputError(
                f"{row.where}, column {row.labels['total']} is 0: an empty group has no rate; remove the row or enter its counts.",
                "total",
                row.number,
            )
        if successes > total:
            raise BiasInputError(
                f"{row.where}: {row.labels['successes']} ({successes:,}) is greater than {row.labels['total']} ({total:,}); "
                "a group cannot have more successes than its total.",
                "successes",
                row.number,
            )
        groups.append(Group(name, successes, total))
    if len(groups) < MIN_GROUPS:
        raise BiasInputError(f"Enter at least {MIN_GROUPS} groups to compare (found {len(groups)}).")
    return tuple(groups)


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise BiasInputError(f"The input is {size:,} bytes; the limit is {MAX_BYTES // 1000} KB ({MAX_BYTES:,} bytes).")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_groups(rows: Any) -> tuple[Group, ...]:
    """Check form rows ``[{"group": str, "successes": int-like, "total": int-like}, ...]``.

    Wholly blank rows are skipped. Raises :class:`BiasInputError` naming the row (1-based) and column.
    """
    if not isinstance(rows, Sequence) or isinstance(rows, str | bytes):
        raise BiasInputError("Expected a list of groups, each with group, successes and total.")
    _check_size(sum(len(str(v).encode("utf-8", "replace")) for r in rows for v in (r.values() if isinstance(r, Mapping) else [r])))
    labels = {role: f"“{role}”" for role in _ROLES}
    parsed: list[_Row] = []
    for i, raw in enumerate(rows, start=1):
        if not isinstance(raw, Mapping):
            raise BiasInputError(f"Row {i} is not a group: expected group, successes and total.", "", i)
        if all(_blank(raw.get(role)) for role in _ROLES):
            continue
        parsed.append(_Row(f"Row {i}", i, {role: raw.get(role) for role in _ROLES}, labels))
    return _build(parsed)


def _header_key(cell: str) -> str:
    return " ".join(re.sub(r"[-_.]", " ", cell.strip().strip("\"'").casefold()).split())


def _roles(header: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {role: [] for role in _ROLES}
    for i, cell in enumerate(header):
        key = _header_key(cell)
        for role in _ROLES:
            if key in _SYNONYMS[role]:
                found[role].append(i)
    return found


def parse_csv(text: Any) -> tuple[Group, ...]:
    """Check pasted CSV: a header row naming the columns, then one row per group.

    The header needs a group column, a successes column and a total column, in any order and any case;
    synonyms are accepted (reached/eligible, converted/shown, approved/offered, ...) and other columns are
    ignored. Cells are separated by commas, semicolons or tabs (chosen from the header); names containing
    the separator go in double quotes. Errors name the line of the pasted text and the column as written.
    """
    if not isinstance(text, str):
        raise BiasInputError("Expected the pasted data as text.")
    _check_size(len(text.encode("utf-8", "replace")))
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise BiasInputError("Nothing to read: paste a header row (group, successes, total) and one row per group.", "header")
    best: tuple[str, list[str], dict[str, list[int]]] | None = None
    for delimiter in ("\t", ";", ","):
        header = next(csv.reader([lines[start]], delimiter=delimiter))
        roles = _roles(header)
        score = sum(1 for v in roles.values() if v)
        if best is None or score > sum(1 for v in best[2].values() if v):
            best = (delimiter, header, roles)
        if score == len(_ROLES):
            break
    assert best is not None
    delimiter, header, roles = best
    for role in _ROLES:
        if len(roles[role]) > 1:
            named = " and ".join(f"“{header[i].strip()}”" for i in roles[role])
            raise BiasInputError(f"Line {start + 1}: two columns both hold {_ROLE_WORDS[role]} ({named}); keep one.", "header", start + 1)
    missing = [role for role in _ROLES if not roles[role]]
    if missing:
        detail = "; ".join(f"for {_ROLE_WORDS[r]} use one of {', '.join(_SYNONYMS[r][:6])}" for r in missing)
        raise BiasInputError(
            f"Line {start + 1}: the header row must name a group, a successes and a total column "
            f"(for example group,successes,total). Missing: {detail}.",
            "header",
            start + 1,
        )
    index = {role: roles[role][0] for role in _ROLES}
    labels = {role: f"“{header[i].strip()}”" for role, i in index.items()}
    reader = csv.reader(io.StringIO("\n".join(lines[start + 1 :])), delimiter=delimiter)
    parsed: list[_Row] = []
    try:
        for record in reader:
            line = start + 1 + reader.line_num
            cells = list(record)
            while len(cells) > len(header) and not cells[-1].strip():
                cells.pop()
            if all(not c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                sep = {"\t": "tab", ";": "semicolon", ",": "comma"}[delimiter]
                raise BiasInputError(
                    f"Line {line} has {len(cells)} values but the header has {len(header)}; "
                    f"if a group name contains a {sep}, put the name in double quotes.",
                    "",
                    line,
                )
            parsed.append(_Row(f"Line {line}", line, {role: cells[i] for role, i in index.items()}, labels))
    except csv.Error as exc:
        raise BiasInputError(f"Line {start + 1 + reader.line_num}: the data cannot be read as CSV ({exc}).", "", None) from exc
    return _build(parsed)


# --- audit ------------------------------------------------------------------------------------------


def _exact(x: float) -> Fraction:
    """The threshold as written (0.8 means 4/5 exactly, not the nearest binary float)."""
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def _pct(x: float) -> str:
    if x == 0 or x == 1:
        return f"{x * 100:.0f}%"
    return f"{x * 100:#.2g}%" if x < 0.01 else f"{x * 100:.1f}%"


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3g}"


def _names(names: Sequence[str]) -> str:
    quoted = [f"“{isolate(n)}”" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _check_params(groups: Sequence[Group], alpha: float, four_fifths: float, small_sample: int) -> None:
    if not 0 < alpha < 1:
        raise BiasInputError(f"alpha must be between 0 and 1, not {alpha!r}.", "alpha")
    if not 0 < four_fifths <= 1:
        raise BiasInputError(f"four_fifths must be above 0 and at most 1, not {four_fifths!r}.", "four_fifths")
    if isinstance(small_sample, bool) or not isinstance(small_sample, int) or small_sample < 0:
        raise BiasInputError(f"small_sample must be a whole number of 0 or more, not {small_sample!r}.", "small_sample")
    if not MIN_GROUPS <= len(groups) <= MAX_GROUPS:
        raise BiasInputError(f"Enter between {MIN_GROUPS} and {MAX_GROUPS} groups to compare (found {len(groups)}).")
    names = {name_key(g.name) for g in groups}
    if len(names) != len(groups):
        raise BiasInputError("Each group must appear once.", "group")
    for g in groups:
        if not 0 <= g.successes <= g.total or g.total <= 0 or g.total > MAX_COUNT:
            raise BiasInputError(f"“{g.name}”: counts must satisfy 0 <= successes <= total, with 0 < total <= {MAX_COUNT:,}.", "total")


def audit(groups: Sequence[Group], *, alpha: float = 0.05, four_fifths: float = 0.8, small_sample: int = 30) -> BiasAuditResult:
    """Compare every group's rate with the most-favoured group's (the highest rate; the first listed on a tie).

    A group is below four-fifths when its impact ratio is strictly less than ``four_fifths``; a gap is
    significant when the two-sided p-value is below ``alpha``. Verdict: adverse-impact if some group is
    both; possible-adverse-impact if some group is either; else no-adverse-impact.
    """
    _check_params(groups, alpha, four_fifths, small_sample)
    rates = [Fraction(g.successes, g.total) for g in groups]
    top_rate = max(rates)
    top_i = rates.index(top_rate)
    top = groups[top_i]
    threshold = _exact(four_fifths)
    k = len(groups) - 1
    bonferroni = alpha / k
    results: list[GroupResult] = []
    for i, (g, rate) in enumerate(zip(groups, rates, strict=True)):
        ratio = Fraction(1) if top_rate == 0 else rate / top_rate
        comparison = None
        if i != top_i:
            table = (g.successes, g.total, top.successes, top.total)
            min_exp = _min_expected(*table)
            if min_exp < _FISHER_BELOW:
                test, z = TEST_FISHER, None
                p = fisher_exact_p(g.successes, g.total - g.successes, top.successes, top.total - top.successes)
            else:
                test = TEST_Z
                z, p = two_proportion_z(*table)
            comparison = Comparison(test, p, z, p < alpha, p < bonferroni, min_exp)
        low, high = wilson_interval(g.successes, g.total)
        results.append(
            GroupResult(
                group=g.name,
                successes=g.successes,
                total=g.total,
                rate=float(rate),
                ci_low=low,
                ci_high=high,
                impact_ratio=float(ratio),
                below_four_fifths=ratio < threshold,
                most_favoured=i == top_i,
                small_sample=g.total < small_sample,
                comparison=comparison,
            )
        )
    verdict = _verdict(results)
    return BiasAuditResult(
        groups=tuple(results),
        most_favoured=top.name,
        verdict=verdict,
        verdict_label=VERDICTS[verdict],
        reading=_reading(results, top_rate == 0, alpha, four_fifths),
        caveats=_caveats(results, alpha, bonferroni, four_fifths, small_sample),
        comparisons=k,
        alpha=alpha,
        bonferroni_alpha=bonferroni,
        four_fifths=four_fifths,
        small_sample=small_sample,
        confidence=CONFIDENCE,
    )


def _verdict(results: Sequence[GroupResult]) -> str:
    tested = [(r.below_four_fifths, r.comparison.significant) for r in results if r.comparison]
    if any(below and sig for below, sig in tested):
        return "adverse-impact"
    if any(below or sig for below, sig in tested):
        return "possible-adverse-impact"
    return "no-adverse-impact"


def _reading(results: Sequence[GroupResult], no_successes: bool, alpha: float, four_fifths: float) -> str:
    top = next(r for r in results if r.most_favoured)
    if no_successes:
        return (
            "No group has any successes, so every rate is 0% and there is no gap to measure. "
            "Check that the counts are in the right columns, or collect more data."
        )
    tied = [r.group for r in results if not r.most_favoured and r.rate == top.rate]
    level = f"{alpha * 100:g}%"
    threshold = f"{four_fifths * 100:g}%"
    out = [
        f"“{isolate(top.group)}” has the highest rate ({_pct(top.rate)}, {top.successes:,} of {top.total:,})"
        + (f", shared with {_names(tied)}" if tied else "")
        + "; each other group is compared with it."
    ]
    below = [r for r in results if r.below_four_fifths]
    others = [r for r in results if not r.most_favoured]
    if below:
        listed = ", ".join(f"“{isolate(r.group)}” ({_pct(r.rate)}, impact ratio {r.impact_ratio:.2f})" for r in below)
        plural = "s fall" if len(below) > 1 else " falls"
        out.append(f"{len(below)} group{plural} below {threshold} of that rate: {listed}.")
        sig = [r for r in below if r.comparison and r.comparison.significant]
        not_sig = [r for r in below if r.comparison and not r.comparison.significant]
        if sig:
            out.append(
                f"For {_names([r.group for r in sig])} the gap is statistically significant at the {level} level "
                f"({'; '.join(_p(r.comparison.p_value) for r in sig if r.comparison)}): "
                "chance alone would rarely produce a gap this large at these counts."
            )
        if not_sig:
            out.append(
                f"For {_names([r.group for r in not_sig])} the gap is not statistically significant "
                f"({'; '.join(_p(r.comparison.p_value) for r in not_sig if r.comparison)}): "
                "it could be chance, or a real gap that these counts are too small to show."
            )
    else:
        low = min(others, key=lambda r: r.impact_ratio)
        out.append(
            f"No group falls below {threshold} of that rate; the lowest impact ratio is {low.impact_ratio:.2f} (“{isolate(low.group)}”)."
        )
    sig_above = [r for r in others if not r.below_four_fifths and r.comparison and r.comparison.significant]
    if sig_above:
        out.append(
            f"{_names([r.group for r in sig_above])} {'differ' if len(sig_above) > 1 else 'differs'} significantly from "
            f"“{isolate(top.group)}” although above the threshold: a modest gap, measured precisely enough to be unlikely to be chance."
        )
    out.append(
        "These figures show where outcomes differ, not why: they do not prove that the system is biased or unlawful, "
        "and a clean result does not prove that it is fair."
    )
    return " ".join(out)


def _caveats(results: Sequence[GroupResult], alpha: float, bonferroni: float, four_fifths: float, small_sample: int) -> tuple[Caveat, ...]:
    caveats: list[Caveat] = []
    small = [r.group for r in results if r.small_sample]
    if small:
        caveats.append(
            Caveat(
                "small-sample",
                f"{_names(small)} {'have' if len(small) > 1 else 'has'} fewer than {small_sample} in total. Rates from small "
                "groups swing widely by chance (see the wide confidence intervals), so a gap, or the lack of one, is weak "
                "evidence; gather more data before drawing conclusions.",
            )
        )
    k = sum(1 for r in results if r.comparison)
    if k > 1:
        level = f"{alpha * 100:g}%"
        passing = sum(1 for r in results if r.comparison and r.comparison.significant_bonferroni)
        significant = sum(1 for r in results if r.comparison and r.comparison.significant)
        after = (
            f"Gaps still significant at that threshold: {passing} of {significant}."
            if significant
            else f"No gap is significant at {level} in the first place."
        )
        caveats.append(
            Caveat(
                "multiple-comparisons",
                f"There are {k} comparisons, each tested at {level}: even with no real differences, about {k * alpha:.2g} "
                f"false alarms are expected by chance (a {1 - (1 - alpha) ** k:.0%} chance of at least one). "
                f"The stricter Bonferroni-adjusted threshold is {alpha:g} ÷ {k} = {bonferroni:.3g}. {after}",
            )
        )
    caveats.append(
        Caveat(
            "four-fifths-heuristic",
            f"The four-fifths rule (here {four_fifths * 100:g}% of the top rate) is a screening heuristic from US employment "
            "guidance (the 1978 Uniform Guidelines on Employee Selection Procedures). It is not a legal test for marketing, "
            "and passing it does not show that a system is fair.",
        )
    )
    caveats.append(
        Caveat(
            "rates-not-causes",
            "Rates describe outcomes, not causes. A gap can come from who was targeted, the channel, timing or how groups "
            "were recorded as well as from the model; investigate before concluding, and never read a gap as a judgement "
            "about the people in a group.",
        )
    )
    return tuple(caveats)


# --- chart ------------------------------------------------------------------------------------------

_ROW = 34
_LABEL_W = 200
_PLOT_W = 300
_VALUE_W = 250
_PAD = 10
_TOP = 8
_LABEL_CHARS = 30


def _nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n at or above x (capped at 1: rates are proportions)."""
    if x >= 1:
        return 1.0
    exponent = math.floor(math.log10(x))
    for step in (1, 2, 2.5, 5, 10):
        value = step * 10.0**exponent
        if value >= x * (1 - 1e-12):
            return min(1.0, value)
    return 1.0


def bar_chart(result: BiasAuditResult) -> str:
    """An SVG bar per group (rate, with its Wilson interval as a whisker) and a dashed line at the
    four-fifths threshold. Each row prints its rate and impact ratio, and groups below the threshold say
    so in words, so colour is never the only signal."""
    rows = result.groups
    top = next(r for r in rows if r.most_favoured)
    scale = _nice_ceiling(max(r.ci_high for r in rows))
    cut = result.four_fifths * top.rate
    width = _PAD + _LABEL_W + _PLOT_W + _VALUE_W
    axis_y = _TOP + len(rows) * _ROW
    height = axis_y + 36
    x0 = _PAD + _LABEL_W

    def x(value: float) -> float:
        return x0 + _PLOT_W * min(value, scale) / scale

    title = f"Rate by group, with {result.confidence:.0%} confidence intervals"
    summary = "; ".join(
        f"{isolate(r.group)}: {_pct(r.rate)} ({r.successes:,} of {r.total:,}), interval {_pct(r.ci_low)} to {_pct(r.ci_high)}, "
        f"impact ratio {r.impact_ratio:.2f}"
        + (" (most favoured)" if r.most_favoured else " (below four-fifths)" if r.below_four_fifths else "")
        for r in rows
    )
    summary += f". The dashed line marks {result.four_fifths * 100:g}% of the top rate: {_pct(cut)}."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="candor-chart candor-bias-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="candor-bias-chart-title candor-bias-chart-desc">',
        f'<title id="candor-bias-chart-title">{escape(title)}</title>',
        f'<desc id="candor-bias-chart-desc">{escape(summary)}</desc>',
    ]
    for i, r in enumerate(rows):
        y = _TOP + i * _ROW
        mid = y + _ROW / 2
        label = r.group if len(r.group) <= _LABEL_CHARS else r.group[: _LABEL_CHARS - 1] + "…"
        state = "most-favoured" if r.most_favoured else "below" if r.below_four_fifths else "ok"
        note = " · top" if r.most_favoured else " · below four-fifths" if r.below_four_fifths else ""
        value = f"{_pct(r.rate)} · ratio {r.impact_ratio:.2f}{note}"
        lo, hi = x(r.ci_low), x(r.ci_high)
        parts.append(
            f'<g class="candor-bias-row candor-bias-{state}">'
            f'<text x="{x0 - 8}" y="{mid + 4:.1f}" text-anchor="end" class="candor-chart-label">'
            f"<title>{escape(isolate(r.group))}</title>{escape(isolate(label))}</text>"
            f'<rect x="{x0}" y="{y + 8}" width="{_PLOT_W}" height="18" class="candor-chart-track"/>'
            f'<rect x="{x0}" y="{y + 8}" width="{x(r.rate) - x0:.1f}" height="18" class="candor-chart-bar"/>'
            f'<g class="candor-chart-interval" stroke="currentColor" stroke-width="2">'
            f'<line x1="{lo:.1f}" y1="{mid:.1f}" x2="{hi:.1f}" y2="{mid:.1f}" class="candor-chart-whisker"/>'
            f'<line x1="{lo:.1f}" y1="{mid - 6:.1f}" x2="{lo:.1f}" y2="{mid + 6:.1f}" class="candor-chart-whisker"/>'
            f'<line x1="{hi:.1f}" y1="{mid - 6:.1f}" x2="{hi:.1f}" y2="{mid + 6:.1f}" class="candor-chart-whisker"/></g>'
            f'<text x="{x0 + _PLOT_W + 8}" y="{mid + 4:.1f}" class="candor-chart-value">{escape(value)}</text>'
            "</g>"
        )
    cx = x(cut)
    parts.append(
        f'<line x1="{cx:.1f}" y1="{_TOP}" x2="{cx:.1f}" y2="{axis_y}" class="candor-chart-threshold"'
        ' stroke="currentColor" stroke-dasharray="4 3"/>'
        f'<text x="{cx:.1f}" y="{axis_y + 14}" text-anchor="middle" class="candor-chart-axis">'
        f"{escape(f'{result.four_fifths * 100:g}% of top rate ({_pct(cut)})')}</text>"
        f'<text x="{x0}" y="{axis_y + 30}" class="candor-chart-axis">0%</text>'
        f'<text x="{x0 + _PLOT_W}" y="{axis_y + 30}" text-anchor="end" class="candor-chart-axis">{escape(_pct(scale))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
