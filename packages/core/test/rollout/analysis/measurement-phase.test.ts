import { describe, expect, it } from 'vitest';
import { measurementPhase } from '@slipway/core';
import type { MetricSpec } from '@slipway/core';

const prometheus = { prometheus: { address: 'http://127.0.0.1:9090', query: 'q' } } as const;

function metric(
  conditions: Partial<Pick<MetricSpec, 'successCondition' | 'failureCondition'>>,
): MetricSpec {
  return { name: 'success-rate', source: prometheus, ...conditions };
}

describe('measurementPhase (Argo Rollouts rules)', () => {
  const both = metric({ successCondition: 'result >= 0.90', failureCondition: 'result < 0.50' });
  const successOnly = metric({ successCondition: 'result >= 0.95' });
  const failureOnly = metric({ failureCondition: 'result >= 10' });
  // Both conditions true: the failure condition is checked first and wins.
  const overlapping = metric({ successCondition: 'result > 0', failureCondition: 'result > 5' });

  const cases: readonly [label: string, metric: MetricSpec, value: unknown, expected: string][] = [
    ['both set, success true', both, 0.95, 'successful'],
    ['both set, failure true', both, 0.4, 'failed'],
    ['both set, neither true (Argo: inconclusive)', both, 0.7, 'inconclusive'],
    ['success only, true', successOnly, 0.99, 'successful'],
    ['success only, false: failed', successOnly, 0.9, 'failed'],
    ['failure only, true', failureOnly, 12, 'failed'],
    ['failure only, false: successful', failureOnly, 3, 'successful'],
    ['both true: failure wins', overlapping, 6, 'failed'],
    ['success true, failure false', overlapping, 1, 'successful'],
    ['NaN fails a success-only condition', successOnly, NaN, 'failed'],
    ['NaN passes a failure-only condition', failureOnly, NaN, 'successful'],
    ['NaN with both is inconclusive', both, NaN, 'inconclusive'],
    ['no conditions: inconclusive (nobody said what good is)', metric({}), 1, 'inconclusive'],
  ];
  it.each(cases)('%s', (_label, spec, value, expected) => {
    expect(measurementPhase(spec, value)).toBe(expected);
  });

  it('throws when a condition cannot be evaluated, naming the metric and condition', () => {
    expect(() => measurementPhase(successOnly, [0.99])).toThrow(
      /metric "success-rate" successCondition: cannot compare an array with number 0.95/,
    );
    expect(() => measurementPhase(both, 'n/a')).toThrow(/metric "success-rate" failureCondition/);
  });

  describe('judge metrics without conditions take the verdict', () => {
    const judge: MetricSpec = {
      name: 'latency',
      source: {
        judge: {
          address: 'http://127.0.0.1:9090',
          canaryQuery: 'c',
          baselineQuery: 'b',
          direction: 'increase',
        },
      },
    };
    const verdicts: readonly [verdict: unknown, expected: string][] = [
      ['pass', 'successful'],
      ['fail', 'failed'],
      ['inconclusive', 'inconclusive'],
    ];
    it.each(verdicts)('%s → %s', (verdict, expected) => {
      expect(measurementPhase(judge, { verdict, u: 1 })).toBe(expected);
    });
    it.each([['maybe'], ['constructor'], [undefined]])('rejects verdict %j', (verdict) => {
      expect(() => measurementPhase(judge, { verdict })).toThrow(
        /metric "latency": a judge measurement needs a verdict/,
      );
    });
    it('a judge metric with a condition is judged by the condition', () => {
      expect(
        measurementPhase(
          { ...judge, successCondition: 'result.pValue > 0.05' },
          { verdict: 'fail', pValue: 0.5 },
        ),
      ).toBe('successful');
    });
  });
});
