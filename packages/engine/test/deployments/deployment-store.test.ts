import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { actor } from './deployment-fixtures.js';
import { openDeploymentTestEnv } from './deployment-test-env.js';
import type { DeploymentTestEnv } from './deployment-test-env.js';

const rollForward = { reason: 'first launch of the service', steps: ['fix forward with 1.0.1'] };

describe.each(testDialects())('deployments on %s', (dialect) => {
  let env: DeploymentTestEnv;

  beforeEach(async () => {
    env = await openDeploymentTestEnv(dialect);
    await env.addService({ name: 'api' });
    await env.addService({ name: 'web', allowSkip: true });
    await env.addService({ name: 'idle' });
  });

  async function tables(): Promise<unknown[]> {
    const db = env.database.db;
    return Promise.all(
      ['deployments', 'environment_state', 'services'].map(
        async (table) =>
          (await sql`select * from ${sql.table(table)} order by 1, 2`.execute(db)).rows,
      ),
    );
  }

  it('deploys, promotes through the lifecycle and rolls back prod to the previous digests', async () => {
    const { deployments } = env;
    const first = await env.release('api', '1.0.0', { rollForward });
    const second = await env.release('api', '1.1.0');
    const dev = await deployments.deploy(
      { service: 'api', environment: 'dev', ref: '1.0.0' },
      actor,
    );
    expect(dev).toMatchObject({
      status: 'succeeded',
      releaseId: first.id,
      digests: first.artifacts,
    });
    await deployments.promote({ service: 'api', from: 'dev', to: 'staging' }, actor);
    const prod = await deployments.promote({ service: 'api', from: 'staging', to: 'prod' }, actor);
    expect(prod.rollbackPlan).toMatchObject({ kind: 'roll-forward', target: null });
    for (const to of ['dev', 'staging']) {
      await deployments.deploy({ service: 'api', environment: to, ref: '1.1.0' }, actor);
    }
    const next = await deployments.promote(
      { service: 'api', from: 'staging', to: 'prod' },
      { actor: 'carol' },
    );
    expect(next).toMatchObject({
      version: '1.1.0',
      digests: second.artifacts,
      rollbackTarget: { deploymentId: prod.id, version: '1.0.0', digests: first.artifacts },
      rollbackCommand: 'slipway rollback api --env prod',
    });
    expect(
      (await deployments.status({ service: 'api' })).services[0]?.environments['prod'],
    ).toMatchObject({
      version: '1.1.0',
      digests: second.artifacts,
      actor: 'carol',
    });
    const rollback = await deployments.rollback(
      { service: 'api', environment: 'prod' },
      { actor: 'dave' },
    );
    expect(rollback).toMatchObject({ action: 'rollback', version: '1.0.0', status: 'succeeded' });
    expect(await deployments.getDeployment(next.id)).toMatchObject({ status: 'rolled_back' });
    const status = await deployments.status();
    expect(status.services.map((s) => s.name)).toEqual(['api', 'idle', 'web']);
    expect(status.services[0]?.environments).toEqual({
      dev: expect.objectContaining({ version: '1.1.0' }),
      staging: expect.objectContaining({ version: '1.1.0' }),
      prod: {
        version: '1.0.0',
        digests: first.artifacts,
        deployedAt: rollback.finishedAt,
        actor: 'dave',
      },
    });
    expect(Object.keys(status.services[0]?.environments ?? {})).toEqual(['dev', 'staging', 'prod']);
    expect(status.services[1]?.environments).toEqual({});
    const { events } = await env.ledger.listEvents({ subject: `deployment:${next.id}` });
    expect(events.map((e) => e.type)).toEqual([
      'deployment.started',
      'deployment.succeeded',
      'deployment.rolled_back',
    ]);
    expect(events[0]?.payload).toMatchObject({
      service: 'api',
      environment: 'prod',
      version: '1.1.0',
      digests: second.artifacts,
    });
    expect(await env.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('refuses skipping an environment unless the service allows it, changing nothing', async () => {
    await env.release('api', '1.0.0');
    await env.release('web', '1.0.0');
    const before = await tables();
    const eventsBefore = (await env.ledger.listEvents({ limit: 1000 })).events.length;
    await expect(
      env.deployments.deploy({ service: 'api', environment: 'staging', ref: '1.0.0' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('api 1.0.0 has not succeeded in dev'),
    });
    expect(await tables()).toEqual(before);
    const { events } = await env.ledger.listEvents({ type: 'deployment.refused' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: 'service:api', actor: 'alice' });
    expect((await env.ledger.listEvents({ limit: 1000 })).events).toHaveLength(eventsBefore + 1);
    await expect(
      env.deployments.deploy({ service: 'web', environment: 'staging', ref: '1.0.0' }, actor),
    ).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('refuses the last environment without a rollback path or with an unplanned irreversible migration', async () => {
    await env.release('web', '1.0.0');
    const migration = { name: '0007-drop', kind: 'migration', rollback: 'irreversible' } as const;
    await env.release('web', '1.1.0', { components: [migration] });
    await expect(
      env.deployments.deploy({ service: 'web', environment: 'prod', ref: '1.0.0' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('no rollback path'),
    });
    await env.catalog.updateService('web', { lifecycle: ['dev', 'prod'] }, actor);
    await env.deployments.deploy({ service: 'web', environment: 'dev', ref: '1.0.0' }, actor);
    await expect(
      env.deployments.promote({ service: 'web', from: 'dev', to: 'prod' }, actor),
    ).rejects.toMatchObject({ code: 'REFUSED' });
    expect(await env.deployments.history('web', { environment: 'prod' })).toEqual([]);
    await env.release('web', '0.9.0', { rollForward });
    await env.deployments.deploy({ service: 'web', environment: 'prod', ref: '0.9.0' }, actor);
    await env.deployments.deploy({ service: 'web', environment: 'dev', ref: '1.1.0' }, actor);
    await expect(
      env.deployments.promote({ service: 'web', from: 'dev', to: 'prod' }, actor),
    ).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('irreversible migration 0007-drop'),
    });
  });

  it('takes CI reports on in-progress deployments only', async () => {
    await env.release('api', '1.0.0');
    const started = await env.deployments.deploy(
      { service: 'api', environment: 'dev', ref: '1.0.0', awaitReport: true },
      actor,
    );
    expect(started).toMatchObject({ status: 'in_progress', finishedAt: null });
    expect((await env.deployments.status({ service: 'api' })).services[0]?.environments).toEqual(
      {},
    );
    const failed = await env.deployments.reportStatus(
      started.id,
      { status: 'failed', log: 'helm upgrade failed\n' },
      { actor: 'ci' },
    );
    expect(failed).toMatchObject({
      status: 'failed',
      logs: expect.stringContaining('helm upgrade failed'),
    });
    await expect(
      env.deployments.reportStatus(started.id, { status: 'succeeded' }, { actor: 'ci' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await env.deployments.getDeployment(started.id)).toEqual(failed);
    const { events } = await env.ledger.listEvents({ subject: `deployment:${started.id}` });
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['deployment.started', 'alice'],
      ['deployment.failed', 'ci'],
    ]);
  });

  it('lists history newest first, per environment and limited', async () => {
    await env.release('api', '1.0.0');
    await env.release('api', '1.1.0');
    for (const ref of ['1.0.0', '1.1.0']) {
      await env.deployments.deploy({ service: 'api', environment: 'dev', ref }, actor);
    }
    await env.deployments.promote({ service: 'api', from: 'dev', to: 'staging' }, actor);
    const history = await env.deployments.history('api');
    expect(history.map((d) => `${d.environment} ${d.version} ${d.action}`)).toEqual([
      'staging 1.1.0 promote',
      'dev 1.1.0 deploy',
      'dev 1.0.0 deploy',
    ]);
    expect(
      (await env.deployments.history('api', { environment: 'dev', limit: 1 }))[0]?.version,
    ).toBe('1.1.0');
    expect(await env.deployments.getDeployment(history[0]?.id ?? '')).toEqual(history[0]);
    await expect(env.deployments.getDeployment('missing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      env.deployments.deploy({ service: 'api', environment: 'dev', ref: '9.9.9' }, actor),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
