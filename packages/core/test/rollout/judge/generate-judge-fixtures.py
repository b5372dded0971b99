#!/usr/bin/env python3
"""Reference values for the canary judge, computed independently with SciPy and NumPy.

Writes judge-fixtures.json beside this script (or prints it with --stdout); run Prettier on it
afterwards, as on every committed JSON file. The TypeScript tests compare the judge's
Mann-Whitney U, p-values, z, Hodges-Lehmann estimate and interval, Welch test and distribution
functions with these numbers; judge-fixtures-live.test.ts runs this script again and compares.

Independent of the TypeScript code: p-values come from scipy.stats.mannwhitneyu, the exact
null distribution of U for the confidence intervals is enumerated by brute force over every
assignment of ranks (small samples only), Welch from scipy.stats.ttest_ind.
"""
import itertools
import json
import math
import sys
from pathlib import Path

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261126)


def rounded(values, digits):
    return [round(float(v), digits) for v in values]


def datasets():
    yield "hollander-wolfe permeability (R wilcox.test example)", [
        0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46,
    ], [1.15, 0.88, 0.90, 0.74, 1.21]
    yield "small, no ties 6x7", rounded(rng.normal(10, 2, 6), 6), rounded(rng.normal(11, 2, 7), 6)
    yield "no ties 10x10 shifted", rounded(rng.normal(100, 10, 10), 6), rounded(rng.normal(90, 10, 10), 6)
    yield "no ties 12x9 equal", rounded(rng.normal(5, 1, 12), 6), rounded(rng.normal(5, 1, 9), 6)
    yield "no ties 21x21 latency", rounded(rng.lognormal(3, 0.3, 21), 6), rounded(rng.lognormal(3.1, 0.3, 21), 6)
    yield "no ties 40x35", rounded(rng.normal(0, 1, 40), 6), rounded(rng.normal(0.4, 1, 35), 6)
    yield "no ties 60x55 (asymptotic)", rounded(rng.normal(0, 1, 60), 6), rounded(rng.normal(-0.3, 1, 55), 6)
    yield "ties 20x20 rounded", rounded(rng.normal(10, 2, 20), 0), rounded(rng.normal(10.5, 2, 20), 0)
    yield "ties 15x25 rounded", rounded(rng.normal(3, 1, 15), 1), rounded(rng.normal(3, 1, 25), 1)
    yield "zero-heavy 20x20", [0.0] * 17 + [0.5, 0.4, 0.6], [0.0] * 20
    yield "sparse errors (kayenta 426)", [0.0, 1.0, 2.0, 1.0, 0.0, 0.0], [0.0] * 6
    yield "errors against none (kayenta 799)", [1.0, 4.0, 2.0, 3.0, 1.0], [0.0] * 5
    yield "partial spike (kayenta 6278)", [100.0] * 7 + [1.0] * 3, [1.0] * 10
    yield "all identical", [2.0] * 12, [2.0] * 12
    yield "canary all above 30x30", rounded(rng.uniform(10, 11, 30), 6), rounded(rng.uniform(0, 1, 30), 6)


def tie_term(values):
    _, counts = np.unique(values, return_counts=True)
    return float(np.sum(counts ** 3 - counts))


def corrected_z(x, y, u1):
    n1, n2 = len(x), len(y)
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term(np.concatenate([x, y])) / (n * (n - 1))))
    offset = u1 - n1 * n2 / 2
    corrected = math.copysign(max(0.0, abs(offset) - 0.5), offset)
    return 0.0 if sigma == 0 else corrected / sigma


def brute_force_cdf(n1, n2):
    """P(U <= u) without ties, by enumerating every set of ranks the first sample can hold."""
    n = n1 + n2
    counts = np.zeros(n1 * n2 + 1)
    for ranks in itertools.combinations(range(1, n + 1), n1):
        counts[sum(ranks) - n1 * (n1 + 1) // 2] += 1
    return np.cumsum(counts) / counts.sum()


def hodges_lehmann(x, y, confidence, exact):
    diffs = np.sort(np.subtract.outer(np.asarray(x), np.asarray(y)).ravel())
    m = diffs.size
    alpha = 1 - confidence
    if exact:
        cdf = brute_force_cdf(len(x), len(y))
        k = int(np.argmax(cdf >= alpha / 2 - 10 * np.finfo(float).eps))  # R's qwilcox fuzz
        k = max(k, 1)
    else:
        spread = math.sqrt(m * (len(x) + len(y) + 1) / 12)
        k = max(1, math.floor(m / 2 - stats.norm.isf(alpha / 2) * spread + 0.5))
    k = min(k, m)
    return float(np.median(diffs)), [float(diffs[k - 1]), float(diffs[m - k])]


def mann_whitney_cases():
    cases = []
    for name, x, y in datasets():
        xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        ties = tie_term(np.concatenate([xa, ya])) > 0
        results = {}
        for alternative in ("two-sided", "greater", "less"):
            methods = ["asymptotic"] + ([] if ties or len(x) * len(y) > 2500 else ["exact"])
            for method in methods:
                r = stats.mannwhitneyu(xa, ya, alternative=alternative, method=method, use_continuity=True)
                results[f"{alternative}/{method}"] = {"u": float(r.statistic), "pValue": float(r.pvalue)}
        u1 = results["greater/asymptotic"]["u"]
        z = corrected_z(xa, ya, u1)
        # z once more from SciPy's own one-sided asymptotic p-values, where the continuity
        # correction cannot cross zero.
        mu = len(x) * len(y) / 2
        z_from_p = None
        if u1 - mu > 0.5:
            z_from_p = float(stats.norm.isf(results["greater/asymptotic"]["pValue"]))
        elif mu - u1 > 0.5:
            z_from_p = -float(stats.norm.isf(results["less/asymptotic"]["pValue"]))
        brute = not ties and math.comb(len(x) + len(y), len(x)) <= 300_000
        intervals = {}
        for confidence in (0.9, 0.95, 0.99):
            estimate, interval = hodges_lehmann(xa, ya, confidence, brute)
            intervals[str(confidence)] = {"estimate": estimate, "confidenceInterval": interval}
        cases.append({
            "name": name,
            "canary": list(map(float, x)),
            "baseline": list(map(float, y)),
            "ties": bool(ties),
            "results": results,
            "z": z,
            "zFromScipyP": z_from_p,
            "hodgesLehmann": {"exact": brute, "byConfidence": intervals},
        })
    return cases


def welch_cases():
    cases = []
    samples = [
        ("zero-heavy three errors", [0.0] * 17 + [0.5, 0.4, 0.6], [0.0] * 20),
        ("zero-heavy two errors", [0.0] * 18 + [1.0, 1.0], [0.0] * 20),
        ("one blip", [0.0] * 19 + [7.0], [0.0] * 20),
        ("mostly zeros both", [0.0] * 14 + [1.0, 2.0, 1.0, 3.0, 2.0, 1.0], [0.0] * 17 + [1.0, 1.0, 2.0]),
        ("normal", rounded(rng.normal(5, 2, 25), 6), rounded(rng.normal(4, 1, 18), 6)),
        ("canary lower", rounded(rng.normal(1, 1, 15), 6), rounded(rng.normal(2, 3, 30), 6)),
    ]
    for name, x, y in samples:
        r = stats.ttest_ind(x, y, equal_var=False, alternative="greater")
        cases.append({"name": name, "x": x, "y": y, "t": float(r.statistic), "pValue": float(r.pvalue)})
    return cases


def distribution_cases():
    zs = [-8.0, -3.0, -1.5, -0.5, 0.0, 0.3, 1.0, 1.959963984540054, 2.5, 2.9, 3.5, 5.0, 8.0, 12.0, 20.0, 37.0]
    ps = [1e-12, 1e-6, 0.001, 0.005, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999]
    ts = [(-2.0, 3.0), (0.5, 1.0), (1.0, 19.0), (1.83, 19.0), (2.5, 4.3), (3.0, 100.0), (10.0, 7.5), (0.0, 12.0)]
    return {
        "normalSf": [{"z": z, "value": float(stats.norm.sf(z))} for z in zs],
        "normalQuantile": [{"p": p, "value": float(stats.norm.ppf(p))} for p in ps],
        "studentTSf": [{"t": t, "df": df, "value": float(stats.t.sf(t, df))} for t, df in ts],
    }


def main():
    import scipy

    document = {
        "generator": "generate-judge-fixtures.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "mannWhitney": mann_whitney_cases(),
        "welch": welch_cases(),
        "distributions": distribution_cases(),
    }
    text = json.dumps(document, indent=1) + "\n"
    if "--stdout" in sys.argv:
        sys.stdout.write(text)
    else:
        (Path(__file__).parent / "judge-fixtures.json").write_text(text)


if __name__ == "__main__":
    main()
