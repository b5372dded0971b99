import type { MetricSpec } from '../rollout-spec.js';

/**
 * The state of a metric or of a whole analysis run (Argo Rollouts' phases, lower-cased; Argo's
 * `pending` is `running` here). The same union as the engine's rollout record.
 */
export type AnalysisPhase = 'running' | 'successful' | 'failed' | 'inconclusive' | 'error';

/** A measurement as the accounting needs it; `running` is one still in flight. */
export interface MeasuredPhase {
  readonly phase: AnalysisPhase;
}

/** Argo's default: the fifth error in a row (more than 4) ends the metric as `error`. */
export const defaultConsecutiveErrorLimit = 4;

/** Argo's retry delay after an error when the metric has no interval of its own. */
export const errorRetrySeconds = 10;

/**
 * How many measurements complete a metric: `count` when set; unbounded (null) with an
 * interval and no count (it runs until the analysis is stopped, as background analysis
 * does); otherwise one.
 */
export function effectiveCount(metric: MetricSpec): number | null {
  if (metric.count !== undefined) return metric.count;
  return (metric.intervalSeconds ?? 0) > 0 ? null : 1;
}

/** Errors at the end of the list, after the last measurement that had a value. */
export function trailingErrors(measurements: readonly MeasuredPhase[]): number {
  let errors = 0;
  for (let index = measurements.length - 1; index >= 0; index -= 1) {
    const phase = measurements[index]?.phase;
    if (phase === 'running') continue;
    if (phase !== 'error') break;
    errors += 1;
  }
  return errors;
}

interface Tally {
  /** Measurements with a value (successful, failed or inconclusive); errors do not count. */
  readonly count: number;
  readonly failed: number;
  readonly inconclusive: number;
}

function tally(measurements: readonly MeasuredPhase[]): Tally {
  let count = 0;
  let failed = 0;
  let inconclusive = 0;
  for (const { phase } of measurements) {
    if (phase === 'error' || phase === 'running') continue;
    count += 1;
    if (phase === 'failed') failed += 1;
    if (phase === 'inconclusive') inconclusive += 1;
  }
  return { count, failed, inconclusive };
}

/**
 * The phase of one metric from its measurements, by Argo Rollouts' rules, checked in order:
 *
 * 1. the last measurement still in flight → `running`;
 * 2. failed measurements > `failureLimit` (default 0) → `failed`;
 * 3. inconclusive measurements > `inconclusiveLimit` (default 0) → `inconclusive`;
 * 4. consecutive errors > `consecutiveErrorLimit` (default 4) → `error`;
 * 5. measurements with a value ≥ the effective count → `successful` (failures within the
 *    limit do not fail it);
 * 6. otherwise `running` (more measurements are due).
 *
 * Errors (the provider could not be asked, or the value did not fit the condition) never count
 * toward `count`; `consecutiveErrors` defaults to the errors at the end of `measurements`.
 */
export function metricPhase(
  metric: MetricSpec,
  measurements: readonly MeasuredPhase[],
  consecutiveErrors: number = trailingErrors(measurements),
): AnalysisPhase {
  if (measurements.at(-1)?.phase === 'running') return 'running';
  const { count, failed, inconclusive } = tally(measurements);
  if (failed > (metric.failureLimit ?? 0)) return 'failed';
  if (inconclusive > (metric.inconclusiveLimit ?? 0)) return 'inconclusive';
  if (consecutiveErrors > (metric.consecutiveErrorLimit ?? defaultConsecutiveErrorLimit)) {
    return 'error';
  }
  const wanted = effectiveCount(metric);
  if (wanted !== null && count >= wanted) return 'successful';
  return 'running';
}

/** Worst first: a run is as bad as its worst metric. */
const severity: readonly AnalysisPhase[] = [
  'failed',
  'error',
  'inconclusive',
  'running',
  'successful',
];

/**
 * The phase of an analysis run from its metrics' phases: the worst wins, in the order
 * failed > error > inconclusive > running > successful. A metric that failed decides the run
 * at once, without waiting for the others (Argo stops a run when a metric fails, errors or is
 * inconclusive); the run is successful only when every metric is. No metrics: successful.
 */
export function analysisPhase(metricPhases: readonly AnalysisPhase[]): AnalysisPhase {
  for (const phase of severity) {
    if (metricPhases.includes(phase)) return phase;
  }
  return 'successful';
}

/**
 * When the metric's next measurement is due, or null when none is (the metric is decided, or a
 * measurement is in flight). `lastAt` is when the last measurement finished, or when the run
 * started if none has been taken (the first measurement is due then). After a measurement the
 * next one waits `intervalSeconds`; after an error with no interval, 10 seconds (Argo's retry).
 */
export function nextMeasurementDue(
  metric: MetricSpec,
  measurements: readonly MeasuredPhase[],
  lastAt: Date,
): Date | null {
  if (metricPhase(metric, measurements) !== 'running') return null;
  const last = measurements.at(-1);
  if (last === undefined) return new Date(lastAt.getTime());
  if (last.phase === 'running') return null;
  const interval = metric.intervalSeconds ?? 0;
  const wait = interval > 0 ? interval : last.phase === 'error' ? errorRetrySeconds : 0;
  return new Date(lastAt.getTime() + wait * 1000);
}
