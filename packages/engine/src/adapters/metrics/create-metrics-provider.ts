import type { MetricSource } from '@slipway/core';
import type { Measurement, MetricsProvider } from '../../features/rollouts/rollout-ports.js';
import { PrometheusMetricsProvider } from './prometheus-metrics-provider.js';
import { WebMetricsProvider } from './web-metrics-provider.js';

export interface MetricsProviderOptions {
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** Per Prometheus request; default 10 s (web sources carry their own `timeoutSeconds`). */
  readonly prometheusTimeoutMs?: number;
}

/** The window a judge source reads when it names none (`windowSeconds`, `stepSeconds`). */
export const defaultJudgeWindow = { seconds: 300, stepSeconds: 15 } as const;

/** A judge source's raw measurement: both sides' samples, for the judge to compare. */
export interface JudgeSamples {
  readonly canary: readonly number[];
  readonly baseline: readonly number[];
}

export type MetricSourceKind = 'prometheus' | 'web' | 'judge';

export function metricSourceKind(source: MetricSource): MetricSourceKind {
  if ('prometheus' in source) return 'prometheus';
  if ('web' in source) return 'web';
  return 'judge';
}

/**
 * The metrics provider of a composition root: one provider per source kind, in a plain map.
 * `prometheus` and `web` sources are measured by their providers; a `judge` source's
 * measurement is both sides' samples over its window (Prometheus range queries, `NaN` dropped),
 * which is also what `samples()` gives for one query.
 */
export function createMetricsProvider(options: MetricsProviderOptions = {}): MetricsProvider {
  const prometheus = new PrometheusMetricsProvider({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.prometheusTimeoutMs === undefined
      ? {}
      : { timeoutMs: options.prometheusTimeoutMs }),
  });
  const web = new WebMetricsProvider({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const now = options.now ?? (() => new Date());

  const measureJudge = async (source: MetricSource, signal?: AbortSignal): Promise<Measurement> => {
    if (!('judge' in source)) throw new TypeError('not a judge source');
    const { address, canaryQuery, baselineQuery, windowSeconds, stepSeconds } = source.judge;
    const window = {
      seconds: windowSeconds ?? defaultJudgeWindow.seconds,
      stepSeconds: stepSeconds ?? defaultJudgeWindow.stepSeconds,
    };
    const measuredAt = now().toISOString();
    const [canary, baseline] = await Promise.all([
      prometheus.samples(address, canaryQuery, window, signal),
      prometheus.samples(address, baselineQuery, window, signal),
    ]);
    const value: JudgeSamples = { canary, baseline };
    return { value, measuredAt };
  };

  const measurers: Record<
    MetricSourceKind,
    (source: MetricSource, signal?: AbortSignal) => Promise<Measurement>
  > = {
    prometheus: (source, signal) => prometheus.measure(source, signal),
    web: (source, signal) => web.measure(source, signal),
    judge: measureJudge,
  };

  return {
    measure: (source, signal) => measurers[metricSourceKind(source)](source, signal),
    samples: (address, query, window, signal) => prometheus.samples(address, query, window, signal),
  };
}
