import { SlipwayError } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import { FakeMetricsProvider } from '../../../src/adapters/metrics/fake-metrics-provider.js';

const now = (): Date => new Date('2026-05-01T00:00:00.000Z');
const source = { prometheus: { address: 'http://prometheus.test', query: 'error_rate' } };

describe('FakeMetricsProvider', () => {
  it('gives the scripted values in order, the last one repeating, and records the calls', async () => {
    const fake = new FakeMetricsProvider({ now }).setMeasurements('error_rate', [[0.01], [0.02]]);
    const values = [];
    for (let i = 0; i < 3; i++) values.push((await fake.measure(source)).value);
    expect(values).toEqual([[0.01], [0.02], [0.02]]);
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[0]).toEqual({ method: 'measure', key: 'error_rate', source });
    expect((await fake.measure(source)).measuredAt).toBe('2026-05-01T00:00:00.000Z');
  });

  it('throws a scripted error at its turn, and NOT_FOUND for an unscripted source', async () => {
    const fake = new FakeMetricsProvider().setMeasurements('http://web.test/ok', [
      new SlipwayError('UNREACHABLE', 'down'),
      { ok: true },
    ]);
    const web = { web: { url: 'http://web.test/ok' } };
    await expect(fake.measure(web)).rejects.toThrow('down');
    expect((await fake.measure(web)).value).toEqual({ ok: true });
    await expect(fake.measure(source)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("measures a judge source as both queries' scripted samples, with the default window", async () => {
    const fake = new FakeMetricsProvider()
      .setSamples('canary_latency', [3, 4, 5])
      .setSamples('stable_latency', [1, 2]);
    const { value } = await fake.measure({
      judge: {
        address: 'http://prometheus.test',
        canaryQuery: 'canary_latency',
        baselineQuery: 'stable_latency',
        direction: 'increase',
      },
    });
    expect(value).toEqual({ canary: [3, 4, 5], baseline: [1, 2] });
    expect(fake.calls.filter((call) => call.method === 'samples')).toEqual([
      {
        method: 'samples',
        address: 'http://prometheus.test',
        query: 'canary_latency',
        window: { seconds: 300, stepSeconds: 15 },
      },
      {
        method: 'samples',
        address: 'http://prometheus.test',
        query: 'stable_latency',
        window: { seconds: 300, stepSeconds: 15 },
      },
    ]);
  });

  it('rejects scripted sample errors, unscripted queries and aborted calls', async () => {
    const window = { seconds: 60, stepSeconds: 5 };
    const fake = new FakeMetricsProvider().setSamples('q', new Error('range query failed'));
    await expect(fake.samples('http://p.test', 'q', window)).rejects.toThrow('range query failed');
    await expect(fake.samples('http://p.test', 'other', window)).rejects.toThrow(
      'FakeMetricsProvider: no samples scripted for other',
    );
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(fake.samples('http://p.test', 'q', window, controller.signal)).rejects.toThrow(
      'stopped',
    );
    await expect(fake.measure(source, controller.signal)).rejects.toThrow('stopped');
  });
});
