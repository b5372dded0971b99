import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../src/rollout/judge/hodges-lehmann.js';
import { mannWhitneyU } from '../../../src/rollout/judge/mann-whitney-u.js';
import { normalQuantile, normalSf } from '../../../src/rollout/judge/normal-distribution.js';
import { studentTSf } from '../../../src/rollout/judge/student-t.js';
import { welchGreater } from '../../../src/rollout/judge/welch-t-test.js';
import { close, committedFixtures, splitKey } from './judge-fixtures.js';

// Values computed by SciPy and NumPy (generate-judge-fixtures.py, committed with its output).
const fixtures = committedFixtures();

describe('Mann-Whitney U against scipy.stats.mannwhitneyu', () => {
  for (const fixture of fixtures.mannWhitney) {
    it(`${fixture.name}: U, p-values and z`, () => {
      const keys = Object.keys(fixture.results);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      for (const key of keys) {
        const expected = fixture.results[key];
        const { alternative, method } = splitKey(key);
        const actual = mannWhitneyU(fixture.canary, fixture.baseline, { alternative, method });
        expect(actual.u, key).toBe(expected?.u);
        expect(actual.method).toBe(method);
        expect(
          close(actual.pValue, expected?.pValue ?? Number.NaN),
          `${key}: ${actual.pValue}`,
        ).toBe(true);
      }
      const { z } = mannWhitneyU(fixture.canary, fixture.baseline);
      expect(close(z, fixture.z), `z ${z} vs ${fixture.z}`).toBe(true);
      if (fixture.zFromScipyP !== null) expect(z).toBeCloseTo(fixture.zFromScipyP, 8);
    });

    it(`${fixture.name}: auto picks exact only without ties and below 50 a side`, () => {
      const { method, ties } = mannWhitneyU(fixture.canary, fixture.baseline);
      expect(ties).toBe(fixture.ties);
      const small = fixture.canary.length < 50 && fixture.baseline.length < 50;
      expect(method).toBe(!fixture.ties && small ? 'exact' : 'asymptotic');
    });

    it(`${fixture.name}: Hodges-Lehmann estimate and confidence intervals`, () => {
      for (const [level, expected] of Object.entries(fixture.hodgesLehmann.byConfidence)) {
        const actual = hodgesLehmann(
          fixture.canary,
          fixture.baseline,
          Number(level),
          fixture.hodgesLehmann.exact,
        );
        expect(actual.estimate).toBeCloseTo(expected.estimate, 12);
        expect(actual.confidenceInterval[0]).toBeCloseTo(expected.confidenceInterval[0], 12);
        expect(actual.confidenceInterval[1]).toBeCloseTo(expected.confidenceInterval[1], 12);
      }
    });
  }

  it('reproduces the exact p-value R documents for its wilcox.test example (W = 35, p = 0.1272)', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = mannWhitneyU(x, y, { alternative: 'greater' });
    expect(result.u).toBe(35);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(0.1272, 4);
  });
});

describe('Welch test against scipy.stats.ttest_ind(equal_var=False, alternative="greater")', () => {
  for (const fixture of fixtures.welch) {
    it(fixture.name, () => {
      const actual = welchGreater(fixture.x, fixture.y);
      expect(close(actual.t, fixture.t), `t ${actual.t} vs ${fixture.t}`).toBe(true);
      expect(close(actual.pValue, fixture.pValue, 1e-8), `p ${actual.pValue}`).toBe(true);
    });
  }
});

describe('distribution functions against scipy.stats', () => {
  it('normal upper tail, far into the tail', () => {
    for (const { z, value } of fixtures.distributions.normalSf) {
      expect(close(normalSf(z), value, 1e-12, 0), `sf(${z}) = ${normalSf(z)} vs ${value}`).toBe(
        true,
      );
    }
  });

  it('normal quantile', () => {
    for (const { p, value } of fixtures.distributions.normalQuantile) {
      expect(normalQuantile(p)).toBeCloseTo(value, 9);
    }
  });

  it("Student's t upper tail with fractional degrees of freedom", () => {
    for (const { t, df, value } of fixtures.distributions.studentTSf) {
      expect(close(studentTSf(t, df), value, 1e-10), `t.sf(${t}, ${df})`).toBe(true);
    }
  });
});
