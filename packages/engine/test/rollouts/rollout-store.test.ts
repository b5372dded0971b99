import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import type { RolloutStore } from '../../src/index.js';
import { FakeRolloutStore, KyselyRolloutStore } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { storedRollout, storedRun } from './rollout-fixtures.js';

const now = '2026-05-01T10:00:05.000Z';
const later = '2026-05-01T10:01:00.000Z';

describe.each(['fake', ...testDialects()] as const)('rollout store on %s', (kind) => {
  let store: RolloutStore;

  beforeEach(async () => {
    store =
      kind === 'fake'
        ? new FakeRolloutStore()
        : new KyselyRolloutStore((await openMigratedTestDatabase(kind)).db);
  });

  it('keeps a rollout whole, lists it and finds it by deployment', async () => {
    const rollout = storedRollout({
      pause: { reason: 'step', until: later },
      acceptedRuns: ['3'],
      rollForward: 'ship a fix',
      flagSnapshot: [
        {
          key: 'new-checkout',
          definition: { state: 'ENABLED', variants: { on: true }, defaultVariant: 'on' },
        },
      ],
    });
    await store.transaction((unit) => unit.insert(rollout));
    await store.transaction((unit) =>
      unit.insert(storedRollout({ id: 'r-2', environment: 'staging', createdAt: later })),
    );
    expect(await store.get('r-1')).toEqual(rollout);
    expect(await store.get('nope')).toBeUndefined();
    expect((await store.list({ limit: 10 })).map((r) => r.id)).toEqual(['r-2', 'r-1']);
    expect((await store.list({ limit: 10, environment: 'prod' })).map((r) => r.id)).toEqual([
      'r-1',
    ]);
    expect(await store.list({ limit: 10, status: 'aborted' })).toEqual([]);
    expect((await store.forDeployment('d-1'))?.id).toBe('r-2');
  });

  it('claims once per revision; a live claim hides the rollout from due', async () => {
    await store.transaction((unit) => unit.insert(storedRollout()));
    expect((await store.due(now, 10)).map((r) => r.id)).toEqual(['r-1']);
    const claim = { id: 'r-1', revision: 1, now, until: later };
    const results = await Promise.all([
      store.claim({ ...claim, claimant: 'a' }),
      store.claim({ ...claim, claimant: 'b' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.due(now, 10)).toEqual([]);
    // Once the claim lapses (a crashed server), the rollout is due again.
    expect((await store.due(later, 10)).map((r) => r.revision)).toEqual([2]);
    expect(await store.claim({ ...claim, revision: 2, claimant: 'c' })).toBe(false);
    expect(await store.claim({ ...claim, revision: 2, now: later, claimant: 'c' })).toBe(true);
  });

  it('writes only over the revision it read, and rolls a failed transaction back', async () => {
    await store.transaction((unit) => unit.insert(storedRollout()));
    const moved = storedRollout({ revision: 2, weight: 20, currentStep: 1, status: 'paused' });
    expect(await store.transaction((unit) => unit.update(moved, 1))).toBe(true);
    expect(await store.transaction((unit) => unit.update({ ...moved, weight: 99 }, 1))).toBe(false);
    await expect(
      store.transaction(async (unit) => {
        await unit.update({ ...moved, revision: 3, weight: 50 }, 2);
        await unit.insertRun(storedRun());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.get('r-1')).toMatchObject({ revision: 2, weight: 20, status: 'paused' });
    expect(await store.runs('r-1')).toEqual([]);
  });

  it('keeps analysis runs with their measurements and judgements', async () => {
    await store.transaction(async (unit) => {
      await unit.insert(storedRollout());
      await unit.insertRun(storedRun());
      await unit.insertRun(
        storedRun({ id: 'a-0', origin: 'background', startedAt: '2026-05-01T09:59:00.000Z' }),
      );
    });
    const finished = storedRun({
      phase: 'failed',
      measurements: [{ metric: 'rate', phase: 'failed', value: [0.5], measuredAt: now }],
      judgements: [
        {
          metric: 'latency',
          verdict: 'fail',
          reason: 'canary higher',
          u: 3,
          z: -2.5,
          pValue: 0.01,
          estimate: 12.5,
          confidenceInterval: [3, 20],
          effectSize: 0.8,
          canarySamples: [1, 2],
          baselineSamples: [0, 1],
        },
      ],
      nextMeasurementAt: null,
      finishedAt: now,
    });
    await store.transaction((unit) => unit.updateRun(finished));
    expect(await store.runs('r-1')).toEqual([
      storedRun({ id: 'a-0', origin: 'background', startedAt: '2026-05-01T09:59:00.000Z' }),
      finished,
    ]);
  });
});
