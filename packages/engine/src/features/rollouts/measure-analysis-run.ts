import type { AnalysisTemplate, MetricSpec, RolloutSpec } from '@slipway/core';
import {
  analysisPhase,
  judgeCanary,
  measurementPhase,
  metricPhase,
  nextMeasurementDue,
  renderMetric,
} from '@slipway/core';
import type { JudgeSamples } from '../../adapters/metrics/create-metrics-provider.js';
import type { MetricsProvider } from './rollout-ports.js';
import type { JudgeRecord, MeasurementRecord } from './rollout-record.js';
import type { StoredAnalysisRun, StoredRollout } from './rollout-store.js';

/**
 * Takes every measurement of a running analysis run that is due at `now` (Argo Rollouts'
 * accounting: interval, count, failure, inconclusive and consecutive error limits), and returns
 * the run with them, its new phase and when its next measurement is due. A provider that fails
 * is a measurement in phase `error`; a judge's verdict is kept whole as evidence.
 */
export async function measureAnalysisRun(
  run: StoredAnalysisRun,
  rollout: StoredRollout,
  provider: MetricsProvider,
  now: Date,
): Promise<StoredAnalysisRun> {
  let metrics: MetricSpec[];
  try {
    metrics = runMetrics(rollout, run);
  } catch (error) {
    const measurement = errorMeasurement('(templates)', now, error);
    return finish(run, [...run.measurements, measurement], run.judgements, 'error', now);
  }
  const measurements = [...run.measurements];
  const judgements = [...run.judgements];
  for (const metric of metrics) {
    const taken = measurements.filter((item) => item.metric === metric.name);
    const lastAt = new Date(taken.at(-1)?.measuredAt ?? run.startedAt);
    const due = nextMeasurementDue(metric, taken, lastAt);
    if (due === null || due.getTime() > now.getTime()) continue;
    const { measurement, judgement } = await measure(metric, provider, now);
    measurements.push(measurement);
    if (judgement !== undefined) judgements.push(judgement);
  }
  const phases = metrics.map((metric) =>
    metricPhase(
      metric,
      measurements.filter((item) => item.metric === metric.name),
    ),
  );
  const phase = analysisPhase(phases);
  if (phase !== 'running') return finish(run, measurements, judgements, phase, now);
  const dues = metrics
    .map((metric) => {
      const taken = measurements.filter((item) => item.metric === metric.name);
      return nextMeasurementDue(metric, taken, new Date(taken.at(-1)?.measuredAt ?? run.startedAt));
    })
    .filter((due): due is Date => due !== null)
    .map((due) => due.getTime());
  const next = dues.length === 0 ? null : new Date(Math.min(...dues)).toISOString();
  return { ...run, measurements, judgements, phase, nextMeasurementAt: next };
}

/** The run's metrics, from its templates, with every `{{args.x}}` filled in. */
function runMetrics(rollout: StoredRollout, run: StoredAnalysisRun): MetricSpec[] {
  const spec: RolloutSpec = rollout.spec;
  const templates = new Map((spec.templates ?? []).map((t) => [t.name, t] as const));
  return run.ref.templates.flatMap((name) => {
    const template = templates.get(name);
    if (template === undefined) throw new Error(`no analysis template named ${name}`);
    const args = {
      ...defaults(template),
      service: rollout.service,
      environment: rollout.environment,
      version: rollout.version,
      stableVersion: rollout.stableVersion ?? '',
      rolloutId: rollout.id,
      ...spec.args,
      ...run.ref.args,
    };
    return template.metrics.map((metric) =>
      renderMetric(metric, args, `analysis ${run.origin} template ${name}`),
    );
  });
}

function defaults(template: AnalysisTemplate): Record<string, string> {
  return Object.fromEntries(
    (template.args ?? []).flatMap((arg) =>
      arg.value === undefined ? [] : [[arg.name, arg.value]],
    ),
  );
}

async function measure(
  metric: MetricSpec,
  provider: MetricsProvider,
  now: Date,
): Promise<{ measurement: MeasurementRecord; judgement?: JudgeRecord }> {
  const measuredAt = now.toISOString();
  const recorded = (value: unknown): MeasurementRecord => ({
    metric: metric.name,
    phase: measurementPhase(metric, value),
    value,
    measuredAt,
  });
  try {
    // A judge source measures as both sides' samples over its window (JudgeSamples).
    const { value } = await provider.measure(metric.source);
    if (!('judge' in metric.source)) return { measurement: recorded(value) };
    const judge = metric.source.judge;
    const { canary, baseline } = value as JudgeSamples;
    const result = judgeCanary(canary, baseline, {
      direction: judge.direction,
      ...(judge.tolerance === undefined ? {} : { tolerance: judge.tolerance }),
      ...(judge.alpha === undefined ? {} : { alpha: judge.alpha }),
      ...(judge.minSamples === undefined ? {} : { minSamples: judge.minSamples }),
    });
    return {
      measurement: {
        ...recorded({ verdict: result.verdict, reason: result.reason }),
        message: result.reason,
      },
      judgement: { metric: metric.name, ...result },
    };
  } catch (error) {
    return { measurement: errorMeasurement(metric.name, now, error) };
  }
}

function errorMeasurement(metric: string, now: Date, error: unknown): MeasurementRecord {
  return {
    metric,
    phase: 'error',
    value: null,
    measuredAt: now.toISOString(),
    message: error instanceof Error ? error.message : String(error),
  };
}

function finish(
  run: StoredAnalysisRun,
  measurements: readonly MeasurementRecord[],
  judgements: readonly JudgeRecord[],
  phase: StoredAnalysisRun['phase'],
  now: Date,
): StoredAnalysisRun {
  return {
    ...run,
    measurements,
    judgements,
    phase,
    nextMeasurementAt: null,
    finishedAt: now.toISOString(),
  };
}
