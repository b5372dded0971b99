import type { RolloutAction } from '../api/api-client.js';
import type { AnalysisRun, Rollout } from '../api/api-types.js';

export interface Progress {
  /** 1-based step shown to people; equals `of` once every step is done. */
  readonly step: number;
  readonly of: number;
  readonly done: boolean;
  /** What the current step does, in words. */
  readonly describe: string;
}

/** Step i of n: canary steps, blue-green's preview then switch, all-at-once's single step. */
export function progressOf(rollout: Rollout): Progress {
  const strategy = rollout.spec.strategy;
  if (strategy.kind === 'canary') {
    const of = strategy.steps.length;
    const done = rollout.currentStep >= of;
    const current = strategy.steps[rollout.currentStep];
    return {
      step: Math.min(rollout.currentStep + 1, of),
      of,
      done,
      describe: done || current === undefined ? 'every step done' : describeStep(current),
    };
  }
  if (strategy.kind === 'blue-green') {
    const done = rollout.currentStep >= 1;
    return {
      step: done ? 2 : 1,
      of: 2,
      done: rollout.status === 'succeeded',
      describe: done ? 'switched to the new version' : 'preview of the new version',
    };
  }
  return {
    step: 1,
    of: 1,
    done: rollout.status === 'succeeded',
    describe: 'all traffic at once',
  };
}

function describeStep(
  step: (Rollout['spec']['strategy'] & { kind: 'canary' })['steps'][number],
): string {
  if ('setWeight' in step) return `set weight ${step.setWeight}%`;
  if ('pause' in step) {
    return step.pause.seconds === undefined
      ? 'pause until promoted'
      : `pause ${step.pause.seconds} s`;
  }
  return `analysis ${step.analysis.templates.join(', ')}`;
}

/**
 * The buttons each status allows (the state machine's own rules, advance-rollout.ts): a frozen
 * rollout may only be promoted fully (accepting the new version, as a roll forward does).
 */
export function actionsFor(rollout: Rollout): RolloutAction[] {
  switch (rollout.status) {
    case 'progressing':
      return ['promote', 'pause', 'abort'];
    case 'paused':
      return ['promote', 'resume', 'abort'];
    case 'aborted':
      return ['retry'];
    case 'frozen':
      return ['promote'];
    case 'succeeded':
      return [];
  }
}

/** A measurement's value as a number for the chart: a number, or the first of a list. */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  if (Array.isArray(value) && value.length > 0) return numericValue(value[0]);
  return null;
}

export interface MetricSeries {
  readonly metric: string;
  readonly points: readonly {
    readonly time: string;
    readonly value: number;
    readonly phase: string;
  }[];
  /** Measurements whose value is not a number (shown in the table only). */
  readonly other: number;
}

/** One series per metric of a run, in measurement order. */
export function seriesOf(run: AnalysisRun): MetricSeries[] {
  const byMetric = new Map<string, { points: MetricSeries['points'][number][]; other: number }>();
  for (const measurement of run.measurements) {
    const entry = byMetric.get(measurement.metric) ?? { points: [], other: 0 };
    const value = numericValue(measurement.value);
    if (value === null) entry.other += 1;
    else entry.points.push({ time: measurement.measuredAt, value, phase: measurement.phase });
    byMetric.set(measurement.metric, entry);
  }
  return [...byMetric.entries()].map(([metric, entry]) => ({ metric, ...entry }));
}
