import { seededRandom } from '@slipway/test-utils';
import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../../src/errors/slipway-error.js';
import { judgeCanary, MAX_JUDGE_SAMPLES } from '../../../src/rollout/judge/judge-canary.js';

/** Normal-ish samples (sum of uniforms), reproducible. */
function samples(seed: number, count: number, center: number, spread: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const u = random() + random() + random() + random() - 2;
    return Number((center + u * spread).toFixed(6));
  });
}

const zeros = (count: number): number[] => Array.from({ length: count }, () => 0);

describe('judgeCanary: verdicts', () => {
  it('fails a canary whose latency rose by half, with the evidence', () => {
    const baseline = samples(1, 21, 100, 10);
    const canary = samples(2, 21, 150, 10);
    const result = judgeCanary(canary, baseline, { direction: 'increase' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/canary higher than baseline by/);
    expect(result.pValue).toBeLessThan(1e-6);
    expect(result.estimate).toBeGreaterThan(40);
    expect(result.estimate).toBeLessThan(60);
    expect(result.confidenceInterval[0]).toBeLessThan(result.estimate);
    expect(result.confidenceInterval[1]).toBeGreaterThan(result.estimate);
    expect(result.effectSize).toBeGreaterThan(0.9);
    expect(result.z).toBeGreaterThan(4);
    expect(result.canarySamples).toEqual(canary);
    expect(result.baselineSamples).toEqual(baseline);
  });

  it('passes a canary from the same distribution', () => {
    const result = judgeCanary(samples(3, 30, 100, 10), samples(4, 30, 100, 10), {
      direction: 'increase',
    });
    expect(result.verdict).toBe('pass');
    expect(result.reason).toMatch(/no significant difference/);
    expect(result.pValue).toBeGreaterThan(0.05);
  });

  it('passes a significant shift that stays within the tolerance', () => {
    const baseline = samples(5, 40, 100, 1);
    const canary = baseline.map((value) => value + 5);
    const result = judgeCanary(canary, baseline, { direction: 'increase', tolerance: 0.1 });
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.estimate).toBeCloseTo(5, 6);
    expect(result.verdict).toBe('pass');
    expect(result.reason).toMatch(/within tolerance/);
    expect(judgeCanary(canary, baseline, { direction: 'increase', tolerance: 0.01 }).verdict).toBe(
      'fail',
    );
  });

  it('passes an improvement: the bad direction alone fails', () => {
    const baseline = samples(6, 20, 100, 10);
    const faster = samples(7, 20, 50, 10);
    expect(judgeCanary(faster, baseline, { direction: 'increase' }).verdict).toBe('pass');
    expect(judgeCanary(faster, baseline, { direction: 'decrease' }).verdict).toBe('fail');
    expect(judgeCanary(faster, baseline, { direction: 'either' }).verdict).toBe('fail');
    const result = judgeCanary(faster, baseline, { direction: 'decrease' });
    expect(result.reason).toMatch(/canary lower than baseline/);
    expect(result.effectSize).toBeLessThan(-0.9);
  });

  it('fails a throughput drop for direction decrease and passes a rise', () => {
    const baseline = samples(8, 15, 1000, 50);
    expect(judgeCanary(samples(9, 15, 500, 50), baseline, { direction: 'decrease' }).verdict).toBe(
      'fail',
    );
    expect(
      judgeCanary(samples(10, 15, 1500, 50), baseline, { direction: 'decrease' }).verdict,
    ).toBe('pass');
  });

  it('fails when most canary intervals spike (Kayenta issue 6278: 7 of 10 at 100 versus 1)', () => {
    const canary = [100, 100, 100, 100, 100, 100, 100, 1, 1, 1];
    const result = judgeCanary(canary, Array<number>(10).fill(1), { direction: 'increase' });
    expect(result.verdict).toBe('fail');
    expect(result.estimate).toBe(99);
  });

  it('passes identical constant samples: every rank ties, p = 1', () => {
    const result = judgeCanary(Array<number>(12).fill(2), Array<number>(12).fill(2), {
      direction: 'either',
    });
    expect(result).toMatchObject({ verdict: 'pass', pValue: 1, z: 0, estimate: 0, effectSize: 0 });
    expect(result.confidenceInterval).toEqual([0, 0]);
  });
});

describe('judgeCanary: minimum samples', () => {
  it('is inconclusive below minSamples on either side, with the statistics still computed', () => {
    const result = judgeCanary(samples(11, 9, 200, 5), samples(12, 30, 100, 5), {
      direction: 'increase',
    });
    expect(result.verdict).toBe('inconclusive');
    expect(result.reason).toBe(
      'too few samples: 9 canary and 30 baseline samples, at least 10 each needed',
    );
    expect(result.u).toBe(270);
    expect(result.effectSize).toBe(1);
  });

  it('is inconclusive without data, and ignores NaN samples (Prometheus gaps)', () => {
    const empty = judgeCanary([], [1, 2, 3], { direction: 'increase' });
    expect(empty).toMatchObject({ verdict: 'inconclusive', u: 0, pValue: 1 });
    expect(empty.reason).toMatch(/^no data: 0 canary and 3 baseline samples/);

    const canary = [...samples(13, 10, 5, 1), Number.NaN, Number.POSITIVE_INFINITY];
    const result = judgeCanary(canary, samples(14, 10, 5, 1), { direction: 'increase' });
    expect(result.canarySamples).toHaveLength(10);
    expect(result.reason).toMatch(/\(2 non-finite samples ignored\)$/);
    expect(result.verdict).not.toBe('inconclusive');
  });

  it('honours a lower minSamples', () => {
    const result = judgeCanary([5, 6, 7, 8, 9], [1, 2, 3, 4, 0.5], {
      direction: 'increase',
      minSamples: 5,
    });
    expect(result.verdict).toBe('fail');
    // Exact: U = 25 is the single most extreme of C(10, 5) = 252 arrangements.
    expect(result.pValue).toBeCloseTo(1 / 252, 12);
  });
});

describe('judgeCanary: zero-heavy error metrics', () => {
  it('fails sparse errors against an error-free baseline (Kayenta issue 426)', () => {
    const result = judgeCanary([0, 1, 2, 1, 0, 0], zeros(6), {
      direction: 'increase',
      minSamples: 5,
    });
    expect(result.verdict).toBe('fail');
  });

  it('fails errors in every interval against none (Kayenta issue 799)', () => {
    const result = judgeCanary([1, 4, 2, 3, 1], zeros(5), { direction: 'increase', minSamples: 5 });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/from a baseline median of 0/);
  });

  it('fails errors in 3 of 20 intervals, where the estimate (a median of differences) stays 0', () => {
    const canary = [...zeros(17), 0.5, 0.4, 0.6];
    const result = judgeCanary(canary, zeros(20), { direction: 'increase' });
    expect(result.estimate).toBe(0);
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(
      /^zero-heavy baseline \(20 of 20 samples are 0\): canary mean 0.075/,
    );
  });

  it('passes a single blip, and an unchanged sparse error pattern', () => {
    expect(judgeCanary([...zeros(19), 7], zeros(20), { direction: 'increase' }).verdict).toBe(
      'pass',
    );
    const sparse = [...zeros(16), 0.1, 0.2, 0.1, 0.3];
    expect(judgeCanary(sparse, [...sparse].reverse(), { direction: 'either' }).verdict).toBe(
      'pass',
    );
  });

  it('never passes a large increase in errors, however sparse the baseline', () => {
    const random = seededRandom(99);
    for (let round = 0; round < 200; round++) {
      const baseline = zeros(20).map(() => (random() < 0.1 ? 0.01 * random() : 0));
      // Errors in at least a fifth of the canary's intervals, each at least ten times the worst
      // baseline interval.
      const bad = 4 + Math.floor(random() * 17);
      const canary = zeros(20).map((_, i) => (i < bad ? 0.1 + random() * 0.4 : 0));
      const result = judgeCanary(canary, baseline, { direction: 'increase' });
      expect(result.verdict, `round ${round}: ${result.reason}`).toBe('fail');
    }
  });
});

describe('judgeCanary: bad options', () => {
  it.each([
    [{ direction: 'up' }, 'direction'],
    [{ direction: 'increase', alpha: 1.5 }, 'alpha'],
    [{ direction: 'increase', tolerance: -1 }, 'tolerance'],
    [{ direction: 'increase', minSamples: 2.5 }, 'minSamples'],
    [{ direction: 'increase', confidenceLevel: 0 }, 'confidenceLevel'],
  ])('%o names %s', (options, field) => {
    const call = (): unknown =>
      judgeCanary([1], [2], options as unknown as Parameters<typeof judgeCanary>[2]);
    expect(call).toThrow(SlipwayError);
    expect(call).toThrow(new RegExp(`^judge ${field} must be`));
  });

  it('refuses more samples than it can pair up', () => {
    const many = Array.from({ length: MAX_JUDGE_SAMPLES + 1 }, (_, i) => i);
    expect(() => judgeCanary(many, [1], { direction: 'increase' })).toThrow(
      /judge samples: at most 2000 per side, got 2001 canary and 1 baseline/,
    );
  });
});
