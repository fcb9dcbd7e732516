"""Statistics of the bias audit: Wilson score intervals, Fisher's exact test and the pooled two-proportion z-test.

Pure functions of whole-number counts, checked in tests/engine/test_bias_stats.py against scipy, exact rational
arithmetic and textbook values.
"""

from __future__ import annotations

import math
from statistics import NormalDist

CONFIDENCE = 0.95
Z95 = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)  # 1.959963984540054
_TIE = 1e-7  # relative tolerance for "probability <= observed" (as R's fisher.test)


def wilson_interval(successes: int, total: int, z: float = Z95) -> tuple[float, float]:
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


def min_expected(x1: int, n1: int, x2: int, n2: int) -> float:
    """The smallest expected cell count of the 2x2 table of x1/n1 against x2/n2 (margins fixed)."""
    n, k = n1 + n2, x1 + x2
    return min(n1, n2) * min(k, n - k) / n
