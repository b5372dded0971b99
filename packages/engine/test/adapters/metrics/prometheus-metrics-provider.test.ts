import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { judgeCanary, SlipwayError } from '@slipway/core';
import {
  serveMetrics,
  startPrometheus,
  type MetricsEndpoint,
  type PrometheusServer,
} from '@slipway/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsProvider } from '../../../src/adapters/metrics/create-metrics-provider.js';
import { PrometheusMetricsProvider } from '../../../src/adapters/metrics/prometheus-metrics-provider.js';

// A real Prometheus (/usr/bin/prometheus) scraping a loopback /metrics every second. The counter
// grows by 10 per second of wall time, so its rate is 10 whatever the scrape moments are.
const startedAt = Date.now();
let endpoint: MetricsEndpoint;
let prometheus: PrometheusServer;
const provider = new PrometheusMetricsProvider({ timeoutMs: 5_000 });

function exposition(): string {
  const total = Math.round(((Date.now() - startedAt) / 1000) * 10);
  return [
    '# TYPE demo_requests_total counter',
    `demo_requests_total{code="200"} ${total}`,
    `demo_requests_total{code="500"} ${Math.floor(total / 10)}`,
    '# TYPE demo_ratio gauge',
    'demo_ratio 0.25',
    'demo_latency_seconds{version="stable"} 0.1',
    'demo_latency_seconds{version="canary"} 0.3',
  ].join('\n');
}

beforeAll(async () => {
  endpoint = await serveMetrics(exposition);
  prometheus = await startPrometheus({
    scrapeTargets: [{ address: endpoint.hostPort, labels: { service: 'demo' } }],
    scrapeIntervalSeconds: 1,
  });
  await prometheus.waitForTargets(15_000);
  // A rate is only near its true value once scrapes cover its whole window (here 5 s): wait for 7.
  await prometheus.waitForQuery('rate(demo_requests_total{code="200"}[5s])', {
    timeoutMs: 15_000,
  });
  await prometheus.waitForQuery('count_over_time(demo_ratio[10s]) >= 7', { timeoutMs: 15_000 });
});

afterAll(async () => {
  await prometheus?.stop();
  await endpoint?.stop();
});

describe('PrometheusMetricsProvider against a real Prometheus', () => {
  it('measures a counter rate: an instant vector of one series', async () => {
    const measurement = await provider.measure({
      prometheus: { address: prometheus.url, query: 'rate(demo_requests_total{code="200"}[5s])' },
    });
    const value = measurement.value as number[];
    expect(value).toHaveLength(1);
    expect(value[0]).toBeGreaterThan(8);
    expect(value[0]).toBeLessThan(12);
    expect(Date.parse(measurement.measuredAt)).toBeGreaterThanOrEqual(startedAt);
  });

  it('gives every series of a vector, and the share of errors', async () => {
    const rates = await provider.query(
      prometheus.url,
      'sum by (code) (rate(demo_requests_total[10s]))',
    );
    expect(rates).toHaveLength(2);
    const [share] = await provider.query(
      prometheus.url,
      'sum(rate(demo_requests_total{code="500"}[10s])) / sum(rate(demo_requests_total[10s]))',
    );
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.12);
  });

  it('gives a scalar as one number, NaN kept, and an empty vector as []', async () => {
    expect(await provider.query(prometheus.url, 'scalar(demo_ratio) * 4')).toEqual([1]);
    const [nan] = await provider.query(prometheus.url, '0 / 0');
    expect(nan).toBeNaN();
    expect(await provider.query(prometheus.url, 'demo_ratio{job="none"}')).toEqual([]);
  });

  it('runs a range query: series with their labels, one value per step', async () => {
    const end = new Date();
    const series = await provider.queryRange(prometheus.url, 'demo_latency_seconds', {
      start: new Date(end.getTime() - 4_000),
      end,
      stepSeconds: 1,
    });
    expect(series.map((one) => one.metric.version).sort()).toEqual(['canary', 'stable']);
    for (const one of series) {
      expect(one.metric.service).toBe('demo');
      expect(one.values.length).toBeGreaterThanOrEqual(3);
    }
    const samples = await provider.samples(prometheus.url, 'demo_ratio', {
      seconds: 4,
      stepSeconds: 1,
    });
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(new Set(samples)).toEqual(new Set([0.25]));
  });

  it('names the query and the status when Prometheus refuses the query', async () => {
    const failure = provider.query(prometheus.url, 'rate(demo_requests_total[10s]');
    await expect(failure).rejects.toThrow(SlipwayError);
    await expect(failure).rejects.toMatchObject({ code: 'CONFIG_INVALID', subject: 'query' });
    await expect(failure).rejects.toThrow(
      /^prometheus query rate\(demo_requests_total\[10s\] at http:\/\/127\.0\.0\.1:\d+ failed: HTTP 400, bad_data: .*parse error/,
    );
  });

  it('refuses a source of another kind and an address that is not a URL', async () => {
    await expect(provider.measure({ web: { url: 'http://127.0.0.1:1/' } })).rejects.toThrow(
      'the prometheus metrics provider cannot measure a web source',
    );
    await expect(provider.query('127.0.0.1:9090', 'up')).rejects.toThrow(
      'prometheus address is not an http(s) URL: 127.0.0.1:9090',
    );
  });
});

describe('startPrometheus', () => {
  it('takes new scrape targets while it runs', async () => {
    const second = await serveMetrics(() => 'demo_second 7');
    try {
      prometheus.setScrapeTargets([
        { address: endpoint.hostPort, labels: { service: 'demo' } },
        { address: second.hostPort, labels: { service: 'second' } },
      ]);
      await prometheus.waitForTargets(15_000);
      await prometheus.waitForQuery('demo_second', { timeoutMs: 15_000 });
      expect(await provider.query(prometheus.url, 'demo_second{service="second"}')).toEqual([7]);
      expect(second.scrapes()).toBeGreaterThan(0);
    } finally {
      prometheus.setScrapeTargets([{ address: endpoint.hostPort, labels: { service: 'demo' } }]);
      await second.stop();
    }
  });
});

describe('createMetricsProvider with a real Prometheus', () => {
  const metrics = createMetricsProvider();

  it('measures a prometheus source', async () => {
    const measurement = await metrics.measure({
      prometheus: { address: prometheus.url, query: 'demo_ratio' },
    });
    expect(measurement.value).toEqual([0.25]);
  });

  it("measures a judge source as both sides' range-query samples, which the judge can use", async () => {
    const measurement = await metrics.measure({
      judge: {
        address: prometheus.url,
        canaryQuery: 'demo_latency_seconds{version="canary"}',
        baselineQuery: 'demo_latency_seconds{version="stable"}',
        direction: 'increase',
        windowSeconds: 4,
        stepSeconds: 1,
      },
    });
    const { canary, baseline } = measurement.value as { canary: number[]; baseline: number[] };
    expect(canary.length).toBeGreaterThanOrEqual(3);
    expect(new Set(canary)).toEqual(new Set([0.3]));
    expect(new Set(baseline)).toEqual(new Set([0.1]));
    const verdict = judgeCanary(canary, baseline, { direction: 'increase', minSamples: 3 });
    expect(verdict.verdict).toBe('fail');
    expect(verdict.estimate).toBeCloseTo(0.2, 12);
  });

  it('gives samples() from a range query, NaN (0/0) dropped', async () => {
    const window = { seconds: 4, stepSeconds: 1 };
    expect(await metrics.samples(prometheus.url, 'demo_ratio / 0 * 0', window)).toEqual([]);
    const values = await metrics.samples(prometheus.url, 'demo_ratio * 2', window);
    expect(values.length).toBeGreaterThanOrEqual(3);
  });
});

describe('PrometheusMetricsProvider failures without a Prometheus', () => {
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('times out with the query in the message', async () => {
    const quick = new PrometheusMetricsProvider({ timeoutMs: 200 });
    const started = Date.now();
    await expect(quick.query(silentUrl, 'up')).rejects.toThrow(
      `prometheus query up at ${silentUrl}: timed out after 0.2 s`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes the caller abort on as it is', async () => {
    const controller = new AbortController();
    const failure = provider.query(silentUrl, 'up', controller.signal);
    controller.abort(new Error('analysis stopped'));
    await expect(failure).rejects.toThrow('analysis stopped');
  });

  it('is UNREACHABLE when nothing listens', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    await expect(provider.query(`http://127.0.0.1:${closed}`, 'up')).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringContaining(
        `prometheus query up at http://127.0.0.1:${closed}: fetch failed`,
      ),
    });
  });
});
