import { SlipwayError, type MetricSource } from '@slipway/core';
import type { Measurement, MetricsProvider } from '../../features/rollouts/rollout-ports.js';
import { defaultJudgeWindow, type JudgeSamples } from './create-metrics-provider.js';

export type FakeMetricsCall =
  | { readonly method: 'measure'; readonly key: string; readonly source: MetricSource }
  | {
      readonly method: 'samples';
      readonly address: string;
      readonly query: string;
      readonly window: { readonly seconds: number; readonly stepSeconds: number };
    };

/**
 * Scripted metrics for tests above the MetricsProvider port. Measurements are keyed by the
 * source's query (`prometheus`), URL (`web`); each call takes the next scripted value and the last
 * one repeats; an Error in the script is thrown at that call. A `judge` source measures as the
 * real provider does: the scripted samples of its two queries. Every call is recorded.
 */
export class FakeMetricsProvider implements MetricsProvider {
  readonly calls: FakeMetricsCall[] = [];
  readonly #measurements = new Map<string, { values: unknown[]; next: number }>();
  readonly #samples = new Map<string, readonly number[] | Error>();
  readonly #now: () => Date;

  constructor(options: { readonly now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  /** The key a source's measurements are scripted under: its query or URL. */
  static keyOf(source: MetricSource): string {
    if ('prometheus' in source) return source.prometheus.query;
    if ('web' in source) return source.web.url;
    return source.judge.canaryQuery;
  }

  /** Scripts the values successive `measure` calls give for `key`; an Error is thrown instead. */
  setMeasurements(key: string, values: readonly unknown[]): this {
    if (values.length === 0) throw new Error('FakeMetricsProvider: script at least one value');
    this.#measurements.set(key, { values: [...values], next: 0 });
    return this;
  }

  /** Scripts the samples of a range query (or an Error to reject with). */
  setSamples(query: string, samples: readonly number[] | Error): this {
    this.#samples.set(query, samples instanceof Error ? samples : [...samples]);
    return this;
  }

  async measure(source: MetricSource, signal?: AbortSignal): Promise<Measurement> {
    signal?.throwIfAborted();
    const key = FakeMetricsProvider.keyOf(source);
    this.calls.push({ method: 'measure', key, source });
    const measuredAt = this.#now().toISOString();
    if ('judge' in source) {
      const { address, canaryQuery, baselineQuery, windowSeconds, stepSeconds } = source.judge;
      const window = {
        seconds: windowSeconds ?? defaultJudgeWindow.seconds,
        stepSeconds: stepSeconds ?? defaultJudgeWindow.stepSeconds,
      };
      const value: JudgeSamples = {
        canary: await this.samples(address, canaryQuery, window, signal),
        baseline: await this.samples(address, baselineQuery, window, signal),
      };
      return { value, measuredAt };
    }
    const script = this.#measurements.get(key);
    if (!script) {
      throw new SlipwayError('NOT_FOUND', `FakeMetricsProvider: nothing scripted for ${key}`);
    }
    const value = script.values[Math.min(script.next, script.values.length - 1)];
    script.next += 1;
    if (value instanceof Error) throw value;
    return { value, measuredAt };
  }

  samples(
    address: string,
    query: string,
    window: { readonly seconds: number; readonly stepSeconds: number },
    signal?: AbortSignal,
  ): Promise<readonly number[]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.calls.push({ method: 'samples', address, query, window });
    const samples = this.#samples.get(query);
    if (samples === undefined) {
      return Promise.reject(
        new SlipwayError('NOT_FOUND', `FakeMetricsProvider: no samples scripted for ${query}`),
      );
    }
    return samples instanceof Error ? Promise.reject(samples) : Promise.resolve(samples);
  }
}
