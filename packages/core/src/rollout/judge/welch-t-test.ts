import { studentTSf } from './student-t.js';

export interface WelchResult {
  readonly t: number;
  readonly df: number;
  /** One-sided: P(the first mean exceeds the second by this much or more | equal means). */
  readonly pValue: number;
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

function variance(values: readonly number[], center: number): number {
  if (values.length < 2) return 0;
  return values.reduce((sum, value) => sum + (value - center) ** 2, 0) / (values.length - 1);
}

/**
 * Welch's unequal-variance t test that `x`'s mean is greater than `y`'s (SciPy's
 * `ttest_ind(x, y, equal_var=False, alternative='greater')`). Both variances zero: the means
 * decide outright (p 0 when x's is greater, else 1).
 */
export function welchGreater(x: readonly number[], y: readonly number[]): WelchResult {
  const mx = mean(x);
  const my = mean(y);
  const vx = variance(x, mx) / x.length;
  const vy = variance(y, my) / y.length;
  const se2 = vx + vy;
  if (se2 === 0) {
    const t = mx > my ? Number.POSITIVE_INFINITY : mx < my ? Number.NEGATIVE_INFINITY : 0;
    return { t, df: x.length + y.length - 2, pValue: mx > my ? 0 : 1 };
  }
  const t = (mx - my) / Math.sqrt(se2);
  const dfDenominator =
    (x.length > 1 ? vx ** 2 / (x.length - 1) : 0) + (y.length > 1 ? vy ** 2 / (y.length - 1) : 0);
  const df = dfDenominator > 0 ? se2 ** 2 / dfDenominator : 1;
  return { t, df, pValue: studentTSf(t, df) };
}
