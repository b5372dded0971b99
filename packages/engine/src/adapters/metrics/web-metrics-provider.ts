import { SlipwayError, type MetricSource } from '@slipway/core';
import type { Measurement, MetricsProvider } from '../../features/rollouts/rollout-ports.js';
import { excerpt, fetchMetricsJson } from './fetch-metrics-json.js';
import { wrongSource } from './wrong-source.js';
import { compileJsonPath, selectJsonPath } from './json-path.js';

export interface WebMetricsProviderOptions {
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** When the source gives no `timeoutSeconds`; default 10. */
  readonly defaultTimeoutSeconds?: number;
}

/**
 * Measurements from any HTTP endpoint answering JSON (Argo Rollouts' `web` provider): the value
 * is the document, or what `jsonPath` selects in it (a list when the path has a wildcard). A
 * non-2xx answer, a body that is not JSON, a timeout or a path that selects nothing fails the
 * measurement with a SlipwayError naming the URL.
 */
export class WebMetricsProvider implements MetricsProvider {
  readonly #fetch: typeof fetch;
  readonly #now: () => Date;
  readonly #defaultTimeoutSeconds: number;

  constructor(options: WebMetricsProviderOptions = {}) {
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? (() => new Date());
    this.#defaultTimeoutSeconds = options.defaultTimeoutSeconds ?? 10;
  }

  async measure(source: MetricSource, signal?: AbortSignal): Promise<Measurement> {
    if (!('web' in source)) {
      throw wrongSource('web', source);
    }
    const { url, method = 'GET', headers, body, jsonPath, timeoutSeconds } = source.web;
    // Checked before any request: a bad path is configuration, not a failed measurement.
    const path = jsonPath === undefined ? undefined : compileJsonPath(jsonPath);
    if (!/^https?:\/\/[^/]/.test(url)) {
      throw new SlipwayError('CONFIG_INVALID', `web metric url is not an http(s) URL: ${url}`, {
        subject: 'url',
      });
    }
    const measuredAt = this.#now().toISOString();
    const what = `web metric ${method} ${url}`;
    const answer = await fetchMetricsJson(
      url,
      {
        method,
        headers: { accept: 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
      },
      {
        fetch: this.#fetch,
        timeoutMs: (timeoutSeconds ?? this.#defaultTimeoutSeconds) * 1000,
        signal,
        what,
      },
    );
    if (answer.status < 200 || answer.status > 299) {
      throw new SlipwayError(
        'UNREACHABLE',
        `${what} failed: HTTP ${answer.status}, ${excerpt(answer.text) || 'empty body'}`,
        { subject: 'url' },
      );
    }
    if (answer.json === undefined) {
      throw new SlipwayError(
        'UNREACHABLE',
        `${what} did not answer JSON: ${excerpt(answer.text)}`,
        {
          subject: 'url',
        },
      );
    }
    if (path === undefined) return { value: answer.json, measuredAt };
    const selected = selectJsonPath(path, answer.json);
    if (path.multiple) return { value: selected, measuredAt };
    if (selected.length === 0) {
      throw new SlipwayError(
        'NOT_FOUND',
        `jsonPath ${path.source} selects nothing in the answer of ${what}: ${excerpt(answer.text)}`,
        { subject: 'jsonPath' },
      );
    }
    return { value: selected[0], measuredAt };
  }

  samples(): Promise<readonly number[]> {
    return Promise.reject(
      new SlipwayError(
        'CONFIG_INVALID',
        'the web metrics provider has no samples: judge metrics read Prometheus range queries',
        { subject: 'source' },
      ),
    );
  }
}
