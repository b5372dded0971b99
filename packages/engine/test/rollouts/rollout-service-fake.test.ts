import { describe, expect, it } from 'vitest';
import type { RolloutSpec } from '@slipway/core';
import {
  FakeMetricsProvider,
  FakeRolloutStore,
  FakeTrafficRouter,
  RolloutService,
  createFakeLedgerService,
  measureAnalysisRun,
} from '../../src/index.js';
import type { Deployment, RolloutLinks, RolloutOutcome } from '../../src/index.js';
import { canarySpec, storedRollout, storedRun } from './rollout-fixtures.js';

const t0 = Date.parse('2026-05-01T10:00:00.000Z');

const deployment: Deployment = {
  id: 'd-1',
  service: 'shop',
  environment: 'prod',
  releaseId: 'rel-2',
  version: '1.1.0',
  digests: [],
  action: 'deploy',
  sourceEnvironment: null,
  strategy: 'canary',
  deployer: 'record',
  status: 'in_progress',
  actor: 'alice',
  createdAt: new Date(t0).toISOString(),
  updatedAt: new Date(t0).toISOString(),
  finishedAt: null,
  logs: '',
  rollbackTarget: { deploymentId: 'd-0', version: '1.0.0', digests: [] },
  rollbackCommand: null,
  rollbackPlan: {
    service: 'shop',
    environment: 'prod',
    kind: 'rollback',
    target: null,
    steps: [],
    command: null,
    notes: [],
  },
};

function setUp(options: { claimWaitMs?: number } = {}) {
  let clock = t0;
  const now = (): Date => new Date(clock);
  const store = new FakeRolloutStore();
  const { service: ledger, store: events } = createFakeLedgerService({ now });
  const router = new FakeTrafficRouter();
  const settled: RolloutOutcome[] = [];
  const links: RolloutLinks = {
    flagSnapshot: () => Promise.resolve([]),
    settle: (_unit, _rollout, outcome) => {
      settled.push(outcome);
      return Promise.resolve([]);
    },
  };
  const service = new RolloutService(store, ledger, {
    metrics: new FakeMetricsProvider({ now }),
    links,
    routerFor: () => router,
    now,
    claimWaitMs: options.claimWaitMs ?? 50,
  });
  return {
    service,
    store,
    router,
    settled,
    types: () => events.events.map((event) => event.type),
    advance: (seconds: number) => {
      clock += seconds * 1000;
    },
  };
}

describe('RolloutService over fakes', () => {
  it('a router that fails gives the step back and tries again later', async () => {
    const { service, router, advance, types } = setUp();
    const { id } = await service.begin(undefined, deployment, canarySpec, 'alice');
    router.failNext(new Error('nginx reload failed'));
    await expect(service.tick()).rejects.toThrow('nginx reload failed');
    expect(await service.getRollout(id)).toMatchObject({
      status: 'progressing',
      weight: 0,
      message: 'step failed, retrying: nginx reload failed',
      nextActionAt: new Date(t0 + 10_000).toISOString(),
    });
    expect(await service.tick()).toEqual([]);
    advance(10);
    expect(await service.tick()).toMatchObject([{ status: 'paused', weight: 20 }]);
    expect(router.weights).toEqual([20]);
    expect(types().filter((type) => type === 'rollout.weight')).toHaveLength(1);
  });

  it('a person waits for a step another server holds, then is told to try again', async () => {
    const { service, store, advance, settled } = setUp();
    const { id } = await service.begin(undefined, deployment, canarySpec, 'alice');
    await service.tick();
    const held = await store.get(id);
    const claim = {
      id,
      revision: held?.revision ?? 0,
      claimant: 'other-server',
      now: new Date(t0).toISOString(),
      until: new Date(t0 + 60_000).toISOString(),
    };
    expect(await store.claim(claim)).toBe(true);
    await expect(service.promoteRollout(id, { actor: 'bob' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // The other server died: its lease runs out and the rollout is free again.
    advance(61);
    expect(await service.promoteRollout(id, { actor: 'bob', full: true })).toMatchObject({
      status: 'succeeded',
    });
    expect(settled).toEqual(['succeeded']);
  });

  it('refuses an action the state does not allow before claiming anything', async () => {
    const { service, store } = setUp();
    const { id } = await service.begin(undefined, deployment, canarySpec, 'alice');
    const before = await store.get(id);
    await expect(service.retryRollout(id, { actor: 'bob' })).rejects.toMatchObject({
      code: 'REFUSED',
    });
    expect(await store.get(id)).toEqual(before);
  });
});

describe('measureAnalysisRun', () => {
  const spec: RolloutSpec = {
    strategy: { kind: 'canary', steps: [] },
    templates: [
      {
        name: 'success-rate',
        args: [{ name: 'host', value: 'default-host' }],
        metrics: [
          {
            name: 'rate',
            source: { prometheus: { address: 'http://p', query: 'rate{host="{{args.host}}"}' } },
            successCondition: 'result[0] > 0.9',
            consecutiveErrorLimit: 1,
            intervalSeconds: 5,
            count: 3,
          },
        ],
      },
    ],
  };
  const rollout = storedRollout({ spec });
  const now = new Date('2026-05-01T10:00:00.000Z');

  it('fills arguments, counts measurements and says when the next is due', async () => {
    const metrics = new FakeMetricsProvider().setMeasurements('rate{host="shop"}', [[0.99]]);
    const run = await measureAnalysisRun(storedRun(), rollout, metrics, now);
    expect(run).toMatchObject({
      phase: 'running',
      measurements: [{ metric: 'rate', phase: 'successful', value: [0.99] }],
      nextMeasurementAt: '2026-05-01T10:00:05.000Z',
      finishedAt: null,
    });
    // Not due yet: nothing is measured.
    expect(await measureAnalysisRun(run, rollout, metrics, now)).toEqual(run);
  });

  it('records provider errors, and errs after more in a row than the limit', async () => {
    const metrics = new FakeMetricsProvider().setMeasurements('rate{host="default-host"}', [
      new Error('connection refused'),
    ]);
    const run = storedRun({ ref: { templates: ['success-rate'] } });
    const first = await measureAnalysisRun(run, rollout, metrics, now);
    expect(first.measurements).toMatchObject([{ phase: 'error', message: 'connection refused' }]);
    expect(first.phase).toBe('running');
    const later = new Date(now.getTime() + 10_000);
    const second = await measureAnalysisRun(first, rollout, metrics, later);
    expect(second).toMatchObject({ phase: 'error', finishedAt: later.toISOString() });
  });

  it('a run naming an unknown template errs at once', async () => {
    const run = storedRun({ ref: { templates: ['nope'] } });
    const result = await measureAnalysisRun(run, rollout, new FakeMetricsProvider(), now);
    expect(result).toMatchObject({
      phase: 'error',
      measurements: [{ metric: '(templates)', message: 'no analysis template named nope' }],
    });
  });
});
