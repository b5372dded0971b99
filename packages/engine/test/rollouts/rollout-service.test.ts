import { describe, expect, it } from 'vitest';
import type { RolloutSpec } from '@slipway/core';
import { testDialects } from '@slipway/test-utils';
import { kyselyRolloutLinks } from '../../src/index.js';
import { checkoutFlags } from '../flags/flag-fixtures.js';
import { actor } from '../deployments/deployment-fixtures.js';
import { canarySpec } from './rollout-fixtures.js';
import { openRolloutTestEnv } from './rollout-test-env.js';
import type { RolloutTestEnv } from './rollout-test-env.js';

const prod = { service: 'shop', env: 'prod' };
const bob = { actor: 'bob' };

/** A canary gated by one Prometheus measurement of the success rate. */
const gatedSpec: RolloutSpec = {
  strategy: {
    kind: 'canary',
    steps: [{ setWeight: 20 }, { analysis: { templates: ['success-rate'] } }, { setWeight: 100 }],
  },
  trafficRouter: { kind: 'command', command: ['true'] },
  templates: [
    {
      name: 'success-rate',
      metrics: [
        {
          name: 'success',
          source: {
            prometheus: {
              address: 'http://127.0.0.1:9',
              query: 'success{service="{{args.service}}"}',
            },
          },
          successCondition: 'result[0] >= 0.95',
        },
      ],
    },
  ],
};
const successQuery = 'success{service="shop"}';

async function deployCanary(env: RolloutTestEnv) {
  const deployment = await env.deployments.deploy(
    { service: 'shop', environment: 'prod', ref: '1.1.0' },
    actor,
  );
  const [rollout] = await env.rollouts.listRollouts({ service: 'shop' });
  if (rollout === undefined) throw new Error('no rollout');
  return { deployment, rollout };
}

describe.each(testDialects())('rollouts on %s', (dialect) => {
  it('a canary moves step by step through its pause and succeeds the deployment', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning(canarySpec);
    const { deployment, rollout } = await deployCanary(env);
    expect(deployment).toMatchObject({ status: 'in_progress', strategy: 'canary' });
    expect(rollout).toMatchObject({
      deploymentId: deployment.id,
      version: '1.1.0',
      stableVersion: '1.0.0',
      status: 'progressing',
      weight: 0,
    });
    expect(await env.rollouts.tick()).toMatchObject([{ status: 'paused', weight: 20 }]);
    env.advance(1);
    expect(await env.rollouts.tick()).toEqual([]);
    env.advance(1);
    expect(await env.rollouts.tick()).toMatchObject([{ status: 'succeeded', weight: 100 }]);
    expect(env.router.weights).toEqual([20, 50, 80, 100]);
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({
      status: 'succeeded',
    });
    const status = await env.deployments.status({ service: 'shop' });
    expect(status.services[0]?.environments['prod']?.version).toBe('1.1.0');
    expect(await env.eventTypes('rollout.')).toEqual([
      'rollout.started',
      'rollout.weight',
      'rollout.step',
      'rollout.paused',
      'rollout.step',
      'rollout.weight',
      'rollout.step',
      'rollout.weight',
      'rollout.weight',
      'rollout.succeeded',
    ]);
    const { events } = await env.ledger.listEvents({ type: 'rollout.succeeded' });
    expect(events[0]?.actor).toBe('slipway');
  });

  it('a failed analysis aborts: traffic to stable, deployment failed, flags restored', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning(gatedSpec);
    await env.flags.importFlags(prod, checkoutFlags, actor);
    const { deployment, rollout } = await deployCanary(env);
    // The release turns its flag on and adds another, after the rollout took its snapshot.
    await env.flags.setFlag(prod, 'new-checkout', { defaultVariant: 'on' }, bob);
    await env.flags.setFlag(
      prod,
      'beta',
      { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
      bob,
    );
    env.metrics.setMeasurements(successQuery, [[0.5]]);
    // What the SSE stream of the serving flag service hears.
    const heard: { service: string; env: string }[] = [];
    env.flags.onChange((scope) => heard.push(scope));
    await env.rollouts.tick();
    expect(env.router.weights).toEqual([20]);
    env.advance(1);
    expect(heard).toEqual([]);
    const [aborted] = await env.rollouts.tick();
    expect(aborted).toMatchObject({ status: 'aborted', weight: 0 });
    expect(heard).toEqual([prod]);
    expect(aborted?.analysisRuns).toMatchObject([
      {
        origin: '1',
        phase: 'failed',
        measurements: [{ metric: 'success', phase: 'failed', value: [0.5] }],
      },
    ]);
    expect(env.router.weights).toEqual([20, 0]);
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({ status: 'failed' });
    expect((await env.flags.getFlag(prod, 'new-checkout')).definition).toEqual(
      checkoutFlags.flags['new-checkout'],
    );
    expect((await env.flags.getFlag(prod, 'beta')).definition.state).toBe('DISABLED');
    const status = await env.deployments.status({ service: 'shop' });
    expect(status.services[0]?.environments['prod']?.version).toBe('1.0.0');
    const { events } = await env.ledger.listEvents({ limit: 1000 });
    const tail = events.slice(-6).map((event) => [event.type, event.actor]);
    // The settlement first (flags, deployment), then the rollout's own events: one commit.
    expect(tail).toEqual([
      ['flag.set', 'slipway'],
      ['flag.set', 'slipway'],
      ['deployment.failed', 'slipway'],
      ['rollout.analysis', 'slipway'],
      ['rollout.weight', 'slipway'],
      ['rollout.aborted', 'slipway'],
    ]);
    expect(events.at(-1)?.payload).toMatchObject({
      rollout: rollout.id,
      reason: 'step 1 analysis failed',
      restoredFlags: ['beta', 'new-checkout'],
    });
    // The environment is free again for the next release.
    expect((await env.rollouts.getRollout(rollout.id)).nextActionAt).toBeNull();
  });

  it('abort is one transaction: a failure after the flag restore leaves nothing changed', async () => {
    const env = await openRolloutTestEnv(dialect, {
      links: (db) => {
        const links = kyselyRolloutLinks(db);
        return {
          ...links,
          settle: async (...args) => {
            await links.settle(...args);
            throw new Error('injected failure after the restore');
          },
        };
      },
    });
    await env.shopRunning(gatedSpec);
    await env.flags.importFlags(prod, checkoutFlags, actor);
    const { deployment, rollout } = await deployCanary(env);
    const changed = await env.flags.setFlag(prod, 'new-checkout', { defaultVariant: 'on' }, bob);
    env.metrics.setMeasurements(successQuery, [[0.5]]);
    await env.rollouts.tick();
    const before = await env.ledger.listEvents({ limit: 1000 });
    env.advance(1);
    await expect(env.rollouts.tick()).rejects.toThrow('injected failure after the restore');
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({
      status: 'in_progress',
    });
    expect(await env.flags.getFlag(prod, 'new-checkout')).toEqual(changed);
    expect(await env.rollouts.getRollout(rollout.id)).toMatchObject({
      status: 'progressing',
      weight: 20,
      message: 'step failed, retrying: injected failure after the restore',
    });
    // Traffic went to stable for the abort, then back to where the stored state still is.
    expect(env.router.weights).toEqual([20, 0, 20]);
    const after = await env.ledger.listEvents({ limit: 1000 });
    expect(after.events).toEqual(before.events);
    expect(await env.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('people promote, pause, resume, abort and retry; each is in the ledger under their name', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning({
      strategy: {
        kind: 'canary',
        steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 60 }, { pause: {} }],
      },
      trafficRouter: { kind: 'command', command: ['true'] },
    });
    const { deployment, rollout } = await deployCanary(env);
    await env.rollouts.tick();
    expect(await env.rollouts.getRollout(rollout.id)).toMatchObject({
      status: 'paused',
      message: 'paused at step 1 until promoted',
      nextActionAt: null,
    });
    await expect(env.rollouts.pauseRollout(rollout.id, bob)).rejects.toThrow(/paused/);
    expect(await env.rollouts.promoteRollout(rollout.id, bob)).toMatchObject({
      status: 'paused',
      currentStep: 3,
      weight: 60,
    });
    const aborted = await env.rollouts.abortRollout(rollout.id, { ...bob, reason: 'pager' });
    expect(aborted).toMatchObject({ status: 'aborted', weight: 0, message: 'pager' });
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({ status: 'failed' });
    const retried = await env.rollouts.retryRollout(rollout.id, bob);
    expect(retried).toMatchObject({ status: 'paused', attempt: 2, weight: 10 });
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({
      status: 'in_progress',
    });
    expect(await env.rollouts.promoteRollout(rollout.id, { ...bob, full: true })).toMatchObject({
      status: 'succeeded',
      weight: 100,
    });
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({
      status: 'succeeded',
    });
    await expect(env.rollouts.resumeRollout(rollout.id, bob)).rejects.toThrow(/succeeded/);
    await expect(env.rollouts.getRollout('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { events } = await env.ledger.listEvents({ actor: 'bob', limit: 1000 });
    expect(events.map((event) => event.type).filter((t) => t !== 'rollout.step')).toEqual([
      'rollout.promoted',
      'rollout.weight',
      'rollout.paused',
      'deployment.failed',
      'rollout.weight',
      'rollout.aborted',
      'deployment.progress',
      'rollout.retried',
      'rollout.weight',
      'rollout.paused',
      'deployment.succeeded',
      'rollout.promoted',
      'rollout.weight',
      'rollout.succeeded',
    ]);
    expect(env.router.weights).toEqual([10, 60, 0, 10, 100]);
  });

  it('a release that rolls forward freezes on failure: traffic and flags stay', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning(gatedSpec, { rollForward: true });
    const { deployment, rollout } = await deployCanary(env);
    expect(deployment.rollbackPlan.kind).toBe('roll-forward');
    env.metrics.setMeasurements(successQuery, [[0.1]]);
    await env.rollouts.tick();
    env.advance(1);
    const [frozen] = await env.rollouts.tick();
    expect(frozen).toMatchObject({ status: 'frozen', weight: 20 });
    expect(frozen?.message).toContain('ship a fix release');
    expect(env.router.weights).toEqual([20]);
    expect(await env.deployments.getDeployment(deployment.id)).toMatchObject({ status: 'failed' });
    await expect(env.rollouts.abortRollout(rollout.id, bob)).rejects.toThrow(/frozen/);
    expect((await env.eventTypes('rollout.')).at(-1)).toBe('rollout.frozen');
  });

  it('lists rollouts by service, environment and status', async () => {
    const env = await openRolloutTestEnv(dialect);
    await env.shopRunning(canarySpec);
    const { rollout } = await deployCanary(env);
    expect(await env.rollouts.listRollouts({ status: 'progressing' })).toMatchObject([
      { id: rollout.id },
    ]);
    expect(await env.rollouts.listRollouts({ environment: 'dev' })).toEqual([]);
    expect(await env.rollouts.rolloutOfDeployment(rollout.deploymentId)).toMatchObject({
      id: rollout.id,
    });
    await expect(env.rollouts.listRollouts({ limit: 0 })).rejects.toThrow(/limit/);
  });
});
