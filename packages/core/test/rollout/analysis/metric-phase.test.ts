import { describe, expect, it } from 'vitest';
import {
  analysisPhase,
  effectiveCount,
  measurementPhase,
  metricPhase,
  nextMeasurementDue,
  trailingErrors,
} from '@slipway/core';
import type { AnalysisPhase, MetricSpec } from '@slipway/core';

const source = { prometheus: { address: 'http://127.0.0.1:9090', query: 'q' } } as const;

/** `s`uccessful, `f`ailed, `i`nconclusive, `e`rror, `r`unning (in flight). */
function measured(letters: string): { phase: AnalysisPhase }[] {
  const phases: Record<string, AnalysisPhase> = {
    s: 'successful',
    f: 'failed',
    i: 'inconclusive',
    e: 'error',
    r: 'running',
  };
  return [...letters].map((letter) => ({ phase: phases[letter] as AnalysisPhase }));
}

// Argo Rollouts' documented templates (docs/features/analysis.md), in Slipway's shape.
const backgroundSuccessRate: MetricSpec = {
  name: 'success-rate',
  source,
  intervalSeconds: 300,
  successCondition: 'result >= 0.95',
  failureLimit: 3,
};
const inlineSuccessRate: MetricSpec = {
  name: 'success-rate',
  source,
  successCondition: 'result >= 0.95',
};
const fiveSamples: MetricSpec = { ...inlineSuccessRate, intervalSeconds: 60, count: 5 };
const errorRateCheck: MetricSpec = {
  name: 'error-rate',
  source,
  intervalSeconds: 10,
  count: 10,
  failureLimit: 1,
  successCondition: 'result < 2000',
};
const totalErrors: MetricSpec = {
  name: 'total-errors',
  source,
  intervalSeconds: 300,
  failureCondition: 'result >= 10',
  failureLimit: 3,
};
const bothConditions: MetricSpec = {
  name: 'success-rate',
  source,
  successCondition: 'result >= 0.90',
  failureCondition: 'result < 0.50',
};

describe('metricPhase', () => {
  const cases: readonly [
    label: string,
    metric: MetricSpec,
    measurements: string,
    expected: AnalysisPhase,
  ][] = [
    // Background analysis: no count, runs until stopped; the 4th failure (> failureLimit 3) fails it.
    ['background, nothing measured yet', backgroundSuccessRate, '', 'running'],
    ['background, 3 failures are within failureLimit 3', backgroundSuccessRate, 'fsfsf', 'running'],
    [
      'background, 4th failure fails it (not consecutive)',
      backgroundSuccessRate,
      'fsfsfsf',
      'failed',
    ],
    ['background, many successes stay running', backgroundSuccessRate, 'ssssssssss', 'running'],
    // Inline analysis step without interval: one measurement decides.
    ['inline, one success', inlineSuccessRate, 's', 'successful'],
    ['inline, one failure (failureLimit 0)', inlineSuccessRate, 'f', 'failed'],
    // count 5, interval 60s.
    ['count 5, four taken', fiveSamples, 'ssss', 'running'],
    ['count 5, five taken', fiveSamples, 'sssss', 'successful'],
    ['count 5, any failure with failureLimit 0', fiveSamples, 'ssf', 'failed'],
    // error-rate-check: count 10, failureLimit 1.
    [
      'count 10 failureLimit 1, one failure then all good',
      errorRateCheck,
      'sfssssssss',
      'successful',
    ],
    ['count 10 failureLimit 1, second failure fails at once', errorRateCheck, 'fsf', 'failed'],
    // Failure conditions: total-errors with failureLimit 3.
    ['failure condition, 3 failures', totalErrors, 'fff', 'running'],
    ['failure condition, 4 failures', totalErrors, 'ffff', 'failed'],
    // Inconclusive runs: neither condition met once, inconclusiveLimit 0.
    ['both conditions, one inconclusive', bothConditions, 'i', 'inconclusive'],
    [
      'inconclusiveLimit 2, two inconclusive, count reached',
      { ...bothConditions, intervalSeconds: 1, count: 3, inconclusiveLimit: 2 },
      'iis',
      'successful',
    ],
    [
      'inconclusiveLimit 2, three inconclusive',
      { ...bothConditions, intervalSeconds: 1, count: 5, inconclusiveLimit: 2 },
      'iii',
      'inconclusive',
    ],
    // Errors: more than consecutiveErrorLimit (default 4) in a row; errors never count.
    ['four errors in a row', inlineSuccessRate, 'eeee', 'running'],
    ['five errors in a row', inlineSuccessRate, 'eeeee', 'error'],
    ['errors then a success', inlineSuccessRate, 'eeees', 'successful'],
    ['errors do not count toward count', fiveSamples, 'sesesese', 'running'],
    ['a value resets the error run', backgroundSuccessRate, 'eeeeseeee', 'running'],
    [
      'consecutiveErrorLimit 0: the first error',
      { ...inlineSuccessRate, consecutiveErrorLimit: 0 },
      'e',
      'error',
    ],
    // Order of checks: failed, then inconclusive, then error.
    ['failed before inconclusive', { ...bothConditions, intervalSeconds: 1 }, 'if', 'failed'],
    [
      'inconclusive before error',
      { ...bothConditions, intervalSeconds: 1, consecutiveErrorLimit: 0 },
      'ie',
      'inconclusive',
    ],
    // A measurement in flight.
    ['last measurement in flight', fiveSamples, 'sssr', 'running'],
    ['in flight even past a limit', inlineSuccessRate, 'fr', 'running'],
  ];
  it.each(cases)('%s', (_label, metric, letters, expected) => {
    expect(metricPhase(metric, measured(letters))).toBe(expected);
  });

  it('takes the consecutive errors from the caller when given', () => {
    expect(metricPhase(inlineSuccessRate, [], 5)).toBe('error');
    expect(metricPhase(inlineSuccessRate, measured('eeeee'), 0)).toBe('running');
  });

  it('agrees with measurementPhase end to end', () => {
    const values = [0.97, 0.9, 0.99, 0.8, 0.96, 0.7, 0.98, 0.6];
    const phases = values.map((value) => ({
      phase: measurementPhase(backgroundSuccessRate, value),
    }));
    expect(metricPhase(backgroundSuccessRate, phases.slice(0, 6))).toBe('running');
    expect(metricPhase(backgroundSuccessRate, phases)).toBe('failed');
  });
});

describe('effectiveCount and trailingErrors', () => {
  it.each([
    [inlineSuccessRate, 1],
    [fiveSamples, 5],
    [backgroundSuccessRate, null],
    [{ ...inlineSuccessRate, intervalSeconds: 0 }, 1],
  ] as const)('%#: %j', (metric, expected) => {
    expect(effectiveCount(metric)).toBe(expected);
  });

  it.each([
    ['', 0],
    ['see', 2],
    ['eese', 1],
    ['eer', 2],
    ['s', 0],
  ] as const)('%j has %i trailing errors', (letters, expected) => {
    expect(trailingErrors(measured(letters))).toBe(expected);
  });
});

describe('analysisPhase: the worst metric wins', () => {
  const cases: readonly [phases: readonly AnalysisPhase[], expected: AnalysisPhase][] = [
    [[], 'successful'],
    [['successful'], 'successful'],
    [['successful', 'successful'], 'successful'],
    [['successful', 'running'], 'running'],
    [['running', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'error'], 'error'],
    [['error', 'failed', 'inconclusive'], 'failed'],
    [['running', 'failed'], 'failed'],
    [['successful', 'error'], 'error'],
  ];
  it.each(cases)('%j → %s', (phases, expected) => {
    expect(analysisPhase(phases)).toBe(expected);
  });
});

describe('nextMeasurementDue', () => {
  const at = new Date('2026-11-26T10:00:00.000Z');
  const plus = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
  const cases: readonly [
    label: string,
    metric: MetricSpec,
    measurements: string,
    expected: Date | null,
  ][] = [
    ['first measurement: at the run start', backgroundSuccessRate, '', at],
    ['next after the interval', backgroundSuccessRate, 'ss', plus(300)],
    ['interval also after an error', backgroundSuccessRate, 'se', plus(300)],
    ['no interval: an error is retried after 10 seconds', inlineSuccessRate, 'e', plus(10)],
    ['count reached: none', fiveSamples, 'sssss', null],
    ['failed: none', inlineSuccessRate, 'f', null],
    ['errored out: none', inlineSuccessRate, 'eeeee', null],
    ['in flight: none', fiveSamples, 'ssr', null],
    ['count > 1 without interval: at once', { ...inlineSuccessRate, count: 3 }, 's', at],
  ];
  it.each(cases)('%s', (_label, metric, letters, expected) => {
    expect(nextMeasurementDue(metric, measured(letters), at)).toEqual(expected);
  });

  it('returns a new Date, never the one passed in', () => {
    const due = nextMeasurementDue(backgroundSuccessRate, [], at);
    expect(due).not.toBe(at);
  });
});
