import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { RolloutSpec } from '@slipway/core';
import {
  createTestDatabase,
  dropTestDatabases,
  makeTempDir,
  testDialects,
} from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import { HttpControlPlane } from '@slipway/engine';
import type { Rollout } from '@slipway/engine';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';

const adminToken = 'slw_rollouts-two-servers-admin-token';
const actor = { actor: 'ignored-over-http' };
const running: RunningServer[] = [];

afterAll(async () => {
  for (const server of running.splice(0)) await server.close();
  await dropTestDatabases();
});

async function start(
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<{ server: RunningServer; api: HttpControlPlane }> {
  const env: NodeJS.ProcessEnv = { SLIPWAY_ADMIN_TOKEN: adminToken };
  if (databaseUrl !== undefined) env['SLIPWAY_DATABASE_URL'] = databaseUrl;
  const server = await startServer({ port: 0, dataDir, env });
  running.push(server);
  return { server, api: new HttpControlPlane({ url: server.url, token: adminToken }) };
}

/** A canary whose `command` router appends each weight it is given to a file. */
function spec(log: string): RolloutSpec {
  return {
    strategy: {
      kind: 'canary',
      steps: [
        { setWeight: 10 },
        { pause: { seconds: 1 } },
        { setWeight: 30 },
        { pause: { seconds: 1 } },
        { setWeight: 60 },
        { setWeight: 100 },
      ],
    },
    trafficRouter: {
      kind: 'command',
      command: ['sh', '-c', `echo "$SLIPWAY_CANARY_WEIGHT $SLIPWAY_ROLLOUT_ID" >> ${log}`],
    },
  };
}

async function release(api: HttpControlPlane, version: string): Promise<void> {
  const bytes = Buffer.from(`shop ${version}`);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  await api.registerArtifact(
    { digest, name: `shop-${version}.tar.gz`, kind: 'file', size: bytes.length, service: 'shop' },
    actor,
  );
  await api.uploadArtifact(digest, Readable.from([bytes]), actor);
  await api.createRelease({ service: 'shop', version, artifacts: [digest] }, actor);
}

/** Deploys 1.1.0 to dev (1.0.0 all at once first) and waits until its rollout ends. */
async function rollOut(api: HttpControlPlane, log: string): Promise<Rollout> {
  await api.addService(
    { name: 'shop', lifecycle: ['dev', 'prod'], rollout: { environments: { dev: spec(log) } } },
    actor,
  );
  await release(api, '1.0.0');
  await api.deploy(
    { service: 'shop', environment: 'dev', ref: '1.0.0', strategy: 'all-at-once' },
    actor,
  );
  await release(api, '1.1.0');
  const deployment = await api.deploy({ service: 'shop', environment: 'dev', ref: '1.1.0' }, actor);
  expect(deployment).toMatchObject({ status: 'in_progress', strategy: 'canary' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [rollout] = await api.rollouts.listRollouts({ service: 'shop' });
    if (rollout === undefined) throw new Error('no rollout');
    if (!['progressing', 'paused'].includes(rollout.status) || Date.now() > deadline) {
      return rollout;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectEachStepOnce(api: HttpControlPlane, rollout: Rollout, log: string) {
  expect(rollout).toMatchObject({ status: 'succeeded', weight: 100 });
  const applied = readFileSync(log, 'utf8').trim().split('\n');
  expect(applied).toEqual(['10', '30', '60', '100'].map((weight) => `${weight} ${rollout.id}`));
  const { events } = await api.listEvents({ subject: `rollout:${rollout.id}`, limit: 1000 });
  const weights = events
    .filter((event) => event.type === 'rollout.weight')
    .map((event) => (event.payload as { weight: number }).weight);
  expect(weights).toEqual([10, 30, 60, 100]);
  const steps = events
    .filter((event) => event.type === 'rollout.step')
    .map((event) => (event.payload as { step: number }).step);
  expect(steps).toEqual([1, 2, 3, 4, 5]);
  expect((await api.getDeployment(rollout.deploymentId)).status).toBe('succeeded');
}

describe('rollouts run by slipway serve', () => {
  it('one server ticks a canary to the end on its timer', async () => {
    const dir = makeTempDir('slipway-rollout-serve-').path;
    const { api } = await start(join(dir, 'data'), undefined);
    const log = join(dir, 'weights.log');
    await expectEachStepOnce(api, await rollOut(api, log), log);
  }, 30_000);

  describe.each(testDialects().filter((dialect) => dialect === 'postgres'))(
    'two servers on one %s database',
    (dialect: TestDialect) => {
      it('run every step of a rollout once', async () => {
        const database = await createTestDatabase(dialect, () => Promise.resolve());
        const dir = makeTempDir('slipway-rollout-two-').path;
        const first = await start(join(dir, 'a'), database.url);
        await start(join(dir, 'b'), database.url);
        const log = join(dir, 'weights.log');
        await expectEachStepOnce(first.api, await rollOut(first.api, log), log);
      }, 30_000);
    },
  );
});
