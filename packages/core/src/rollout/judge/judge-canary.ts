import { SlipwayError } from '../../errors/slipway-error.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { mannWhitneyU, type MannWhitneyAlternative } from './mann-whitney-u.js';
import { welchGreater } from './welch-t-test.js';

/** Which way is worse for the metric: errors and latency `increase`, throughput `decrease`. */
export type JudgeDirection = 'increase' | 'decrease' | 'either';

export interface JudgeOptions {
  readonly direction: JudgeDirection;
  /** Relative change of the estimate to the baseline median that is tolerated; default 0.25. */
  readonly tolerance?: number;
  /** Significance level; default 0.05. */
  readonly alpha?: number;
  /** Fewer (finite) samples than this on either side: inconclusive; default 10. */
  readonly minSamples?: number;
  /** Of the Hodges-Lehmann interval (always two-sided); default 0.95. */
  readonly confidenceLevel?: number;
}

/** The judge's verdict with its evidence: the fields of the engine's JudgeRecord but `metric`. */
export interface JudgeResult {
  readonly verdict: 'pass' | 'fail' | 'inconclusive';
  readonly reason: string;
  /** Mann-Whitney U of the canary (pairs canary > baseline, ties counting one half). */
  readonly u: number;
  /** Continuity- and tie-corrected normal z of `u`; positive when the canary tends higher. */
  readonly z: number;
  /** Of the Mann-Whitney test, one-sided in the bad direction (two-sided for `either`). */
  readonly pValue: number;
  /** Hodges-Lehmann estimate of canary − baseline. */
  readonly estimate: number;
  readonly confidenceInterval: readonly [number, number];
  /** Rank-biserial correlation 2U/(n1·n2) − 1: +1 every canary sample above every baseline one. */
  readonly effectSize: number;
  /** The samples judged (non-finite values, e.g. Prometheus NaN, removed). */
  readonly canarySamples: readonly number[];
  readonly baselineSamples: readonly number[];
}

export const judgeDefaults = {
  tolerance: 0.25,
  alpha: 0.05,
  minSamples: 10,
  confidenceLevel: 0.95,
} as const;

/** More samples than this on a side is refused: the n1·n2 differences would not fit comfortably. */
export const MAX_JUDGE_SAMPLES = 2000;

const directions: readonly JudgeDirection[] = ['increase', 'decrease', 'either'];

function invalid(field: string, value: unknown, rule: string): SlipwayError {
  return new SlipwayError(
    'CONFIG_INVALID',
    `judge ${field} must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`,
    { subject: field },
  );
}

function settings(options: JudgeOptions): Required<JudgeOptions> {
  const all = { ...judgeDefaults, ...stripUndefined(options) };
  if (!directions.includes(all.direction)) {
    throw invalid('direction', all.direction, 'one of increase, decrease, either');
  }
  if (!(Number.isFinite(all.tolerance) && all.tolerance >= 0)) {
    throw invalid('tolerance', all.tolerance, 'a number >= 0');
  }
  if (!(all.alpha > 0 && all.alpha < 1)) throw invalid('alpha', all.alpha, 'between 0 and 1');
  if (!(Number.isInteger(all.minSamples) && all.minSamples >= 1)) {
    throw invalid('minSamples', all.minSamples, 'an integer >= 1');
  }
  if (!(all.confidenceLevel > 0 && all.confidenceLevel < 1)) {
    throw invalid('confidenceLevel', all.confidenceLevel, 'between 0 and 1');
  }
  return all;
}

function stripUndefined(options: JudgeOptions): JudgeOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as unknown as JudgeOptions;
}

const alternatives: Record<JudgeDirection, MannWhitneyAlternative> = {
  increase: 'greater',
  decrease: 'less',
  either: 'two-sided',
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[half] ?? 0)
    : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/** The estimate relative to the baseline median; a non-zero shift from a zero median is infinite. */
function relativeTo(estimate: number, reference: number): number {
  if (estimate === 0) return 0;
  if (reference === 0) return estimate > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return estimate / Math.abs(reference);
}

const show = (value: number): string =>
  Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);

function percent(relative: number): string {
  return Number.isFinite(relative)
    ? `${show(relative * 100)}% of the baseline median`
    : 'from a baseline median of 0';
}

/**
 * Canary versus baseline, as Kayenta's Mann-Whitney judge, with the evidence kept.
 *
 * - Fewer than `minSamples` finite samples on either side: `inconclusive` (statistics still
 *   computed when both sides have any).
 * - `fail` when the Mann-Whitney test is significant (p < alpha; one-sided in the bad direction,
 *   two-sided for `either`) and the Hodges-Lehmann estimate, relative to the baseline median, is
 *   beyond `tolerance` in the bad direction (any non-zero shift from a zero median is beyond).
 * - Zero-heavy guard (directions `increase` and `either`): when at least half the baseline samples
 *   are 0, as error counts and rates of a healthy service are, ranks tie massively and the
 *   estimate (a median) stays 0 even when a third of the canary's intervals have errors. Then the
 *   judge also compares means: `fail` when the canary mean exceeds the baseline mean × (1 +
 *   tolerance) and Welch's one-sided t test of the means is significant (p < alpha). A single
 *   blip does not fail (t = 1 for one non-zero sample of any size); errors in several intervals do.
 * - `pass` otherwise.
 *
 * P-values: exact (U's permutation distribution) when there are no ties and both sides have fewer
 * than 50 samples; otherwise the normal approximation with tie and continuity correction — the
 * same numbers as SciPy's `mannwhitneyu(canary, baseline, method='exact' | 'asymptotic')`.
 */
export function judgeCanary(
  canary: readonly number[],
  baseline: readonly number[],
  options: JudgeOptions,
): JudgeResult {
  const { direction, tolerance, alpha, minSamples, confidenceLevel } = settings(options);
  const canarySamples = canary.filter(Number.isFinite);
  const baselineSamples = baseline.filter(Number.isFinite);
  const dropped = canary.length - canarySamples.length + baseline.length - baselineSamples.length;
  const droppedNote = dropped > 0 ? ` (${dropped} non-finite samples ignored)` : '';
  if (canarySamples.length > MAX_JUDGE_SAMPLES || baselineSamples.length > MAX_JUDGE_SAMPLES) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `judge samples: at most ${MAX_JUDGE_SAMPLES} per side, got ${canarySamples.length} canary and ${baselineSamples.length} baseline`,
      { subject: 'samples', hint: 'use a larger step or a shorter window' },
    );
  }
  const counts = `${canarySamples.length} canary and ${baselineSamples.length} baseline samples`;
  if (canarySamples.length === 0 || baselineSamples.length === 0) {
    return {
      verdict: 'inconclusive',
      reason: `no data: ${counts}${droppedNote}`,
      u: 0,
      z: 0,
      pValue: 1,
      estimate: 0,
      confidenceInterval: [0, 0],
      effectSize: 0,
      canarySamples,
      baselineSamples,
    };
  }

  const test = mannWhitneyU(canarySamples, baselineSamples, {
    alternative: alternatives[direction],
  });
  const shift = hodgesLehmann(
    canarySamples,
    baselineSamples,
    confidenceLevel,
    test.method === 'exact',
  );
  const evidence = {
    u: test.u,
    z: test.z,
    pValue: test.pValue,
    estimate: shift.estimate,
    confidenceInterval: shift.confidenceInterval,
    effectSize: (2 * test.u) / (canarySamples.length * baselineSamples.length) - 1,
    canarySamples,
    baselineSamples,
  };
  const verdict = (v: JudgeResult['verdict'], reason: string): JudgeResult => ({
    verdict: v,
    reason: `${reason}${droppedNote}`,
    ...evidence,
  });

  if (canarySamples.length < minSamples || baselineSamples.length < minSamples) {
    return verdict(
      'inconclusive',
      `too few samples: ${counts}, at least ${minSamples} each needed`,
    );
  }

  const p = `p = ${show(test.pValue)} (${test.method})`;
  const relative = relativeTo(shift.estimate, median(baselineSamples));
  const beyond =
    direction === 'increase'
      ? relative > tolerance
      : direction === 'decrease'
        ? relative < -tolerance
        : Math.abs(relative) > tolerance;
  if (test.pValue < alpha && beyond) {
    const way = shift.estimate > 0 ? 'higher' : 'lower';
    return verdict(
      'fail',
      `canary ${way} than baseline by ${show(Math.abs(shift.estimate))} (${percent(Math.abs(relative))}, tolerance ${show(tolerance * 100)}%), ${p} < ${alpha}`,
    );
  }

  if (direction !== 'decrease') {
    const zeros = baselineSamples.filter((value) => value === 0).length;
    if (zeros * 2 >= baselineSamples.length) {
      const canaryMean = mean(canarySamples);
      const baselineMean = mean(baselineSamples);
      const welch = welchGreater(canarySamples, baselineSamples);
      if (
        canaryMean > baselineMean &&
        canaryMean > baselineMean * (1 + tolerance) &&
        welch.pValue < alpha
      ) {
        return verdict(
          'fail',
          `zero-heavy baseline (${zeros} of ${baselineSamples.length} samples are 0): canary mean ${show(canaryMean)} above baseline mean ${show(baselineMean)} beyond tolerance ${show(tolerance * 100)}%, Welch t = ${show(welch.t)}, p = ${show(welch.pValue)} < ${alpha}`,
        );
      }
    }
  }

  if (test.pValue >= alpha) {
    return verdict('pass', `no significant difference: ${p} >= ${alpha}, ${counts}`);
  }
  return verdict(
    'pass',
    `significant but within tolerance: estimate ${show(shift.estimate)} (${percent(relative)}, tolerance ${show(tolerance * 100)}%), ${p}`,
  );
}
