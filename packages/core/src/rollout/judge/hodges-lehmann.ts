import { mannWhitneyExactCdf } from './mann-whitney-u.js';
import { normalQuantile } from './normal-distribution.js';

export interface HodgesLehmannResult {
  /** Median of all pairwise differences x − y. */
  readonly estimate: number;
  /** Two-sided interval at the confidence level, from order statistics of those differences. */
  readonly confidenceInterval: readonly [number, number];
}

/**
 * The Hodges-Lehmann shift estimate of `x` − `y` and its confidence interval by the order
 * statistics of the n1·n2 differences D(1) ≤ … ≤ D(n1·n2): [D(k), D(n1·n2 + 1 − k)].
 * `exact`: k is the α/2 quantile of U's null distribution (R's `qwilcox`, 1 when it is 0), as
 * `wilcox.test(conf.int = TRUE)` with exact = TRUE. Otherwise the large-sample
 * k = round(n1·n2/2 − z(1−α/2)·√(n1·n2·(n1+n2+1)/12)) (Hollander and Wolfe), at least 1; R's
 * normal-approximation interval instead inverts the corrected z by root finding, which lands
 * within a step of these order statistics.
 */
export function hodgesLehmann(
  x: readonly number[],
  y: readonly number[],
  confidenceLevel: number,
  exact: boolean,
): HodgesLehmannResult {
  const n1 = x.length;
  const n2 = y.length;
  const m = n1 * n2;
  const diffs = new Float64Array(m);
  let index = 0;
  for (const a of x) for (const b of y) diffs[index++] = a - b;
  diffs.sort();
  const half = Math.floor(m / 2);
  const estimate =
    m % 2 === 1 ? (diffs[half] ?? 0) : ((diffs[half - 1] ?? 0) + (diffs[half] ?? 0)) / 2;
  const alpha = 1 - confidenceLevel;
  let k: number;
  if (exact) {
    const cdf = mannWhitneyExactCdf(n1, n2);
    // R's qwilcox allows 10 ε below the target, so a rounding of the sum decides nothing.
    k = cdf.findIndex((p) => p >= alpha / 2 - 10 * Number.EPSILON);
    if (k <= 0) k = 1;
  } else {
    const spread = Math.sqrt((m * (n1 + n2 + 1)) / 12);
    k = Math.max(1, Math.round(m / 2 - normalQuantile(1 - alpha / 2) * spread));
  }
  k = Math.min(k, m);
  const low = diffs[k - 1] ?? estimate;
  const high = diffs[m - k] ?? estimate;
  return { estimate, confidenceInterval: [Math.min(low, high), Math.max(low, high)] };
}
