import { SlipwayError } from '../../errors/slipway-error.js';
import { normalSf } from './normal-distribution.js';

/** `greater`: the first sample tends to be larger; `less`: smaller; `two-sided`: either. */
export type MannWhitneyAlternative = 'two-sided' | 'greater' | 'less';

/**
 * `exact`: the permutation distribution of U (valid only without ties); `asymptotic`: the normal
 * approximation with tie and continuity correction; `auto`: exact when there are no ties and both
 * samples have fewer than 50 values (R's `wilcox.test` rule), asymptotic otherwise.
 */
export type MannWhitneyMethod = 'auto' | 'exact' | 'asymptotic';

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, plus half the tied pairs. */
  readonly u: number;
  /**
   * The normal approximation's z of `u` with tie correction, moved 0.5 towards zero (continuity);
   * positive when the first sample tends to be larger. Reported whichever method gave `pValue`.
   */
  readonly z: number;
  readonly pValue: number;
  readonly method: 'exact' | 'asymptotic';
  readonly ties: boolean;
}

export interface RankedSamples {
  /** Sum of the first sample's ranks (1-based, ties get the average rank). */
  readonly rankSum: number;
  /** Σ (t³ − t) over groups of t tied values, for the variance's tie correction. */
  readonly tieTerm: number;
}

/** Ranks both samples together, ties getting their average rank. */
export function rankSamples(x: readonly number[], y: readonly number[]): RankedSamples {
  const all = [
    ...x.map((value) => ({ value, first: true })),
    ...y.map((value) => ({ value, first: false })),
  ];
  all.sort((a, b) => a.value - b.value);
  let rankSum = 0;
  let tieTerm = 0;
  for (let start = 0; start < all.length;) {
    let end = start + 1;
    while (end < all.length && all[end]?.value === all[start]?.value) end++;
    const size = end - start;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (all[i]?.first === true) rankSum += rank;
    tieTerm += size * size * size - size;
    start = end;
  }
  return { rankSum, tieTerm };
}

const exactCache = new Map<string, Float64Array>();

/**
 * P(U <= u) for u = 0 … n1·n2 under the null hypothesis without ties. Built from
 * p(i, j, u) = i/(i+j) · p(i−1, j, u−j) + j/(i+j) · p(i, j−1, u) (the largest value belongs to the
 * first sample, beating all j of the second, or to the second): sums of positive terms only.
 */
export function mannWhitneyExactCdf(n1: number, n2: number): Float64Array {
  const key = `${n1}x${n2}`;
  const cached = exactCache.get(key);
  if (cached) return cached;
  let previous: Float64Array[] = Array.from({ length: n2 + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n1; i++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n2; j++) {
      const row = new Float64Array(i * j + 1);
      const fromFirst = previous[j] ?? Float64Array.of(1);
      const fromSecond = current[j - 1] ?? Float64Array.of(1);
      const wFirst = i / (i + j);
      const wSecond = j / (i + j);
      for (let u = 0; u < fromFirst.length; u++) row[u + j] = wFirst * (fromFirst[u] ?? 0);
      for (let u = 0; u < fromSecond.length; u++)
        row[u] = (row[u] ?? 0) + wSecond * (fromSecond[u] ?? 0);
      current.push(row);
    }
    previous = current;
  }
  const pmf = previous[n2] ?? Float64Array.of(1);
  const cdf = new Float64Array(pmf.length);
  let sum = 0;
  for (let u = 0; u < pmf.length; u++) {
    sum += pmf[u] ?? 0;
    cdf[u] = Math.min(1, sum);
  }
  if (exactCache.size > 64) exactCache.clear();
  exactCache.set(key, cdf);
  return cdf;
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * The Mann-Whitney U test of `x` against `y`, as SciPy's `mannwhitneyu(x, y, alternative,
 * method, use_continuity=True)`: same U (of `x`), same p-values for `exact` and `asymptotic`.
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: {
    readonly alternative?: MannWhitneyAlternative;
    readonly method?: MannWhitneyMethod;
  } = {},
): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    throw new SlipwayError(
      'USAGE',
      `Mann-Whitney U needs two non-empty samples (got ${n1} and ${n2})`,
    );
  }
  const alternative = options.alternative ?? 'two-sided';
  const { rankSum, tieTerm } = rankSamples(x, y);
  const ties = tieTerm > 0;
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const offset = u1 - mu;
  const corrected = Math.sign(offset) * Math.max(0, Math.abs(offset) - 0.5);
  const z = sigma > 0 ? corrected / sigma : 0;

  const requested = options.method ?? 'auto';
  if (requested === 'exact' && ties) {
    throw new SlipwayError('USAGE', 'the exact Mann-Whitney distribution does not hold with ties');
  }
  const method =
    requested === 'auto' ? (!ties && n1 < 50 && n2 < 50 ? 'exact' : 'asymptotic') : requested;
  const statistic = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  let pValue: number;
  if (method === 'exact') {
    // P(U >= s) = P(U <= n1·n2 − s) by symmetry; U is an integer without ties.
    const cdf = mannWhitneyExactCdf(n1, n2);
    pValue = cdf[Math.round(n1 * n2 - statistic)] ?? 1;
  } else {
    pValue = sigma > 0 ? normalSf((statistic - mu - 0.5) / sigma) : 1;
  }
  if (alternative === 'two-sided') pValue *= 2;
  return { u: u1, z, pValue: clip(pValue), method, ties };
}
