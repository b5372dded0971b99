import { describe, expect, it } from 'vitest';
import type { RolloutSpec } from '@slipway/core';
import { testDialects } from '@slipway/test-utils';
import { FakeTrafficRouter, openDatabase } from '../../src/index.js';
import type { Rollout, RolloutService } from '../../src/index.js';
import { actor } from '../deployments/deployment-fixtures.js';
import { canarySpec } from './rollout-fixtures.js';
import { openRolloutTestEnv } from './rollout-test-env.js';
import type { RolloutTestEnv } from './rollout-test-env.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function deploy(env: RolloutTestEnv): Promise<Rollout> {
  await env.deployments.deploy({ service: 'shop', environment: 'prod', ref: '1.1.0' }, actor);
  const [rollout] = await env.rollouts.listRollouts({ service: 'shop' });
  if (rollout === undefined) throw new Error('no rollout');
  return rollout;
}

/**
 * Each service ticks in a loop of its own (a few milliseconds of jitter apart, as servers on
 * timers are) until the rollout ends or the deadline passes.
 */
async function untilDone(
  id: string,
  services: readonly [RolloutService, ...RolloutService[]],
  deadlineMs: number,
): Promise<Rollout> {
  const deadline = Date.now() + deadlineMs;
  const ended = async (): Promise<boolean> =>
    !['progressing', 'paused'].includes((await services[0].getRollout(id)).status);
  await Promise.all(
    services.map(async (service) => {
      while (Date.now() < deadline && !(await ended())) {
        await service.tick();
        await sleep(Math.random() * 8);
      }
    }),
  );
  return services[0].getRollout(id);
}

describe('durable rollouts', () => {
  it('a restarted server resumes a paused rollout from the database file and finishes it', async () => {
    const env = await openRolloutTestEnv('sqlite', { realClock: true });
    await env.shopRunning(canarySpec);
    const rollout = await deploy(env);
    const [paused] = await env.rollouts.tick();
    expect(paused).toMatchObject({ status: 'paused', weight: 20, currentStep: 1 });
    const pausedAt = Date.parse(paused?.updatedAt ?? '');
    expect(Date.parse(paused?.nextActionAt ?? '') - pausedAt).toBe(2_000);
    // The first "server" is gone; a new one opens the same file with its own connection.
    const reopened = await openDatabase({ url: env.database.url });
    try {
      const router = new FakeTrafficRouter();
      const restarted = env.rolloutsOn(reopened.db, router);
      expect(await restarted.tick()).toEqual([]);
      const done = await untilDone(rollout.id, [restarted], 10_000);
      expect(done).toMatchObject({ status: 'succeeded', weight: 100 });
      expect(Date.parse(done.updatedAt) - pausedAt).toBeGreaterThanOrEqual(2_000);
      expect(env.router.weights).toEqual([20]);
      expect(router.weights).toEqual([50, 80, 100]);
      expect(await env.deployments.getDeployment(rollout.deploymentId)).toMatchObject({
        status: 'succeeded',
      });
    } finally {
      await reopened.close();
    }
  });

  const manySteps: RolloutSpec = {
    strategy: {
      kind: 'canary',
      steps: [
        { setWeight: 5 },
        { setWeight: 10 },
        { pause: { seconds: 1 } },
        { setWeight: 25 },
        { setWeight: 40 },
        { pause: { seconds: 1 } },
        { setWeight: 60 },
        { setWeight: 80 },
      ],
    },
    trafficRouter: { kind: 'command', command: ['true'] },
  };

  describe.each(testDialects().filter((dialect) => dialect === 'postgres'))(
    'two servers on one %s database',
    (dialect) => {
      it('run every step once, ticking concurrently', async () => {
        const env = await openRolloutTestEnv(dialect, { realClock: true });
        await env.shopRunning(manySteps);
        const rollout = await deploy(env);
        const other = await openDatabase({ url: env.database.url });
        try {
          const routers = [new FakeTrafficRouter(), new FakeTrafficRouter()] as const;
          const servers = [
            env.rolloutsOn(env.database.db, routers[0]),
            env.rolloutsOn(other.db, routers[1]),
          ] as const;
          const done = await untilDone(rollout.id, servers, 20_000);
          expect(done).toMatchObject({ status: 'succeeded', weight: 100 });
          const seen = [...routers[0].weights, ...routers[1].weights].sort((a, b) => a - b);
          expect(seen).toEqual([5, 10, 25, 40, 60, 80, 100]);
          const { events } = await env.ledger.listEvents({ subject: `rollout:${rollout.id}` });
          const weights = events
            .filter((event) => event.type === 'rollout.weight')
            .map((event) => (event.payload as { weight: number }).weight);
          expect(weights).toEqual([5, 10, 25, 40, 60, 80, 100]);
          const steps = events
            .filter((event) => event.type === 'rollout.step')
            .map((event) => (event.payload as { step: number }).step);
          expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
          expect(events.filter((event) => event.type === 'rollout.succeeded')).toHaveLength(1);
          expect(await env.ledger.verifyLedger()).toMatchObject({ ok: true });
        } finally {
          await other.close();
        }
      }, 30_000);
    },
  );
});
