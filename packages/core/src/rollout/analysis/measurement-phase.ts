import { SlipwayError } from '../../errors/slipway-error.js';
import type { MetricSpec } from '../rollout-spec.js';
import { evaluateCondition } from './compile-condition.js';

/** What one measurement says; an `error` (no value could be had) is recorded by the caller. */
export type MeasurementPhase = 'successful' | 'failed' | 'inconclusive';

const verdictPhases: Readonly<Record<string, MeasurementPhase>> = {
  pass: 'successful',
  fail: 'failed',
  inconclusive: 'inconclusive',
};

/**
 * Judges one measured value by the metric's conditions, as Argo Rollouts does:
 *
 * | successCondition | failureCondition | phase                                                   |
 * |------------------|------------------|---------------------------------------------------------|
 * | set              | set              | failure true → failed; else success true → successful; else inconclusive |
 * | set              | absent           | success true → successful, false → failed               |
 * | absent           | set              | failure true → failed, false → successful               |
 * | absent           | absent           | a judge metric: its verdict (`pass`, `fail`, `inconclusive`); otherwise inconclusive (Argo's documented rule: nobody said what good is) |
 *
 * The failure condition is checked first and wins. A condition that cannot be evaluated on the
 * value (an index out of range, a string compared with a number) throws a SlipwayError: the
 * caller records the measurement as `error`, which counts toward `consecutiveErrorLimit`.
 */
export function measurementPhase(metric: MetricSpec, value: unknown): MeasurementPhase {
  const { successCondition, failureCondition } = metric;
  const where = (field: string): string => `metric "${metric.name}" ${field}`;
  const failed =
    failureCondition !== undefined &&
    evaluateCondition(failureCondition, value, where('failureCondition'));
  if (failed) return 'failed';
  if (successCondition !== undefined) {
    if (evaluateCondition(successCondition, value, where('successCondition'))) return 'successful';
    return failureCondition === undefined ? 'failed' : 'inconclusive';
  }
  if (failureCondition !== undefined) return 'successful';
  if ('judge' in metric.source) return judgeVerdict(metric.name, value);
  return 'inconclusive';
}

function judgeVerdict(metric: string, value: unknown): MeasurementPhase {
  const verdict =
    typeof value === 'object' && value !== null
      ? (value as { verdict?: unknown }).verdict
      : undefined;
  const phase =
    typeof verdict === 'string' && Object.hasOwn(verdictPhases, verdict)
      ? verdictPhases[verdict]
      : undefined;
  if (phase === undefined) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `metric "${metric}": a judge measurement needs a verdict of "pass", "fail" or "inconclusive", got ${JSON.stringify(verdict) ?? 'none'}`,
      { subject: metric },
    );
  }
  return phase;
}
