import { SlipwayError, type MetricSource } from '@slipway/core';
import type { Measurement, MetricsProvider } from '../../features/rollouts/rollout-ports.js';
import { excerpt, fetchMetricsJson } from './fetch-metrics-json.js';
import { wrongSource } from './wrong-source.js';

export interface PrometheusMetricsProviderOptions {
  /** Per request, body included; default 10 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

/** One series of a range query: its labels and its values in time order. */
export interface PrometheusSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly number[];
}

interface PrometheusAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

/** Prometheus sample values are strings: numbers, `NaN`, `+Inf`, `-Inf`. */
export function parsePrometheusValue(value: unknown): number {
  if (value === '+Inf' || value === 'Inf') return Number.POSITIVE_INFINITY;
  if (value === '-Inf') return Number.NEGATIVE_INFINITY;
  if (value === 'NaN') return Number.NaN;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (Number.isNaN(number)) {
    throw new SlipwayError(
      'UNREACHABLE',
      `prometheus returned a sample value that is not a number: ${JSON.stringify(value)}`,
    );
  }
  return number;
}

const sampleValue = (sample: unknown): number =>
  parsePrometheusValue(Array.isArray(sample) ? sample[1] : undefined);

/**
 * Measurements from the Prometheus HTTP API. An instant query (`/api/v1/query`) gives numbers:
 * a vector's values in the order Prometheus returns its series, a scalar as one element, a
 * matrix (a range selector) flattened series by series; `NaN` (0/0, no traffic) is kept, so a
 * condition sees it and fails, as in Argo Rollouts. `samples()` runs a range query
 * (`/api/v1/query_range`) over the window ending now, for the canary judge, and drops `NaN`.
 */
export class PrometheusMetricsProvider implements MetricsProvider {
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #now: () => Date;

  constructor(options: PrometheusMetricsProviderOptions = {}) {
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#now = options.now ?? (() => new Date());
  }

  async measure(source: MetricSource, signal?: AbortSignal): Promise<Measurement> {
    if (!('prometheus' in source)) {
      throw wrongSource('prometheus', source);
    }
    const measuredAt = this.#now().toISOString();
    const value = await this.query(source.prometheus.address, source.prometheus.query, signal);
    return { value, measuredAt };
  }

  /** An instant query's numbers, evaluated now. */
  async query(address: string, query: string, signal?: AbortSignal): Promise<number[]> {
    const data = await this.#call(address, '/api/v1/query', { query }, signal);
    switch (data.resultType) {
      case 'scalar':
        return [sampleValue(data.result)];
      case 'vector':
        return asArray(data.result).map((item) => sampleValue((item as { value?: unknown }).value));
      case 'matrix':
        return asArray(data.result).flatMap((item) =>
          asArray((item as { values?: unknown }).values).map(sampleValue),
        );
      default:
        throw new SlipwayError(
          'CONFIG_INVALID',
          `prometheus query ${query} at ${address} gave a ${String(data.resultType)}, not numbers`,
          { subject: 'query' },
        );
    }
  }

  /** A range query's series, from `start` to `end` every `stepSeconds`. */
  async queryRange(
    address: string,
    query: string,
    range: { readonly start: Date; readonly end: Date; readonly stepSeconds: number },
    signal?: AbortSignal,
  ): Promise<PrometheusSeries[]> {
    const data = await this.#call(
      address,
      '/api/v1/query_range',
      {
        query,
        start: (range.start.getTime() / 1000).toFixed(3),
        end: (range.end.getTime() / 1000).toFixed(3),
        step: String(range.stepSeconds),
      },
      signal,
    );
    return asArray(data.result).map((item) => {
      const series = item as { metric?: Record<string, string>; values?: unknown };
      return { metric: series.metric ?? {}, values: asArray(series.values).map(sampleValue) };
    });
  }

  async samples(
    address: string,
    query: string,
    window: { readonly seconds: number; readonly stepSeconds: number },
    signal?: AbortSignal,
  ): Promise<readonly number[]> {
    if (!(window.seconds > 0 && window.stepSeconds > 0)) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `judge window must be positive: windowSeconds ${window.seconds}, stepSeconds ${window.stepSeconds}`,
        { subject: 'windowSeconds' },
      );
    }
    const end = this.#now();
    const start = new Date(end.getTime() - window.seconds * 1000);
    const series = await this.queryRange(
      address,
      query,
      { start, end, stepSeconds: window.stepSeconds },
      signal,
    );
    return series.flatMap((one) => one.values).filter((value) => !Number.isNaN(value));
  }

  async #call(
    address: string,
    path: string,
    parameters: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ resultType?: string; result?: unknown }> {
    const base = address.replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/.test(base)) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `prometheus address is not an http(s) URL: ${address}`,
        {
          subject: 'address',
        },
      );
    }
    const what = `prometheus query ${parameters.query ?? ''} at ${base}`;
    // POST with a form body, as the API allows: long PromQL does not hit URL length limits.
    const answer = await fetchMetricsJson(
      `${base}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(parameters).toString(),
      },
      { fetch: this.#fetch, timeoutMs: this.#timeoutMs, signal, what },
    );
    const json = answer.json as PrometheusAnswer | undefined;
    if (answer.status >= 200 && answer.status < 300 && json?.status === 'success' && json.data) {
      return json.data;
    }
    const detail =
      json?.status === 'error'
        ? `${json.errorType ?? 'error'}: ${json.error ?? ''}`
        : excerpt(answer.text) || 'empty body';
    // 400 and 422 are the query's fault (bad_data, execution errors); the rest is the server's.
    const code = answer.status === 400 || answer.status === 422 ? 'CONFIG_INVALID' : 'UNREACHABLE';
    throw new SlipwayError(code, `${what} failed: HTTP ${answer.status}, ${detail}`, {
      subject: 'query',
    });
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
