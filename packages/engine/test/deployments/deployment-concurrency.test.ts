import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { openDatabase } from '../../src/index.js';
import type { Deployment, DeploymentService, OpenDatabase } from '../../src/index.js';
import { actor } from './deployment-fixtures.js';
import { openDeploymentTestEnv } from './deployment-test-env.js';
import type { DeploymentTestEnv } from './deployment-test-env.js';

const rollForward = { reason: 'first launch', steps: ['fix forward'] };

/** Deployment services on separate pools (PostgreSQL) or the one connection (SQLite). */
async function deployers(
  env: DeploymentTestEnv,
  count: number,
): Promise<{ services: DeploymentService[]; pools: OpenDatabase[] }> {
  if (env.database.dialect !== 'postgres') {
    return { services: Array.from({ length: count }, () => env.deployments), pools: [] };
  }
  const pools = await Promise.all(
    Array.from({ length: count }, () => openDatabase({ url: env.database.url })),
  );
  return { services: pools.map((pool) => env.deploymentsOn(pool.db)), pools };
}

/** Each deployment's rollback target is the one before it: one chain, nothing lost. */
function expectOneChain(deployments: readonly Deployment[]): Deployment {
  const targets = deployments.map((d) => d.rollbackTarget?.deploymentId ?? null);
  expect(targets.filter((target) => target === null)).toHaveLength(1);
  expect(new Set(targets).size).toBe(deployments.length);
  const last = deployments.find((d) => !targets.includes(d.id));
  expect(last).toBeDefined();
  return last as Deployment;
}

describe.each(testDialects())('concurrent deployments on %s', (dialect) => {
  it('serialize two record deployments to one environment without a lost update', async () => {
    const env = await openDeploymentTestEnv(dialect);
    await env.addService({ name: 'api' });
    await env.release('api', '1.0.0');
    await env.release('api', '1.1.0');
    const { services, pools } = await deployers(env, 2);
    try {
      const results = await Promise.all(
        ['1.0.0', '1.1.0'].map((ref, index) =>
          services[index]?.deploy({ service: 'api', environment: 'dev', ref }, actor),
        ),
      );
      const done = results.filter((d): d is Deployment => d !== undefined);
      expect(done.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
      const last = expectOneChain(done);
      const status = await env.deployments.status({ service: 'api' });
      expect(status.services[0]?.environments['dev']?.version).toBe(last.version);
    } finally {
      for (const pool of pools) await pool.close();
    }
  });

  it('serialize command deployments: the second waits for the first to finish', async () => {
    const env = await openDeploymentTestEnv(dialect);
    // Fails if another run of the script is inside its critical section at the same time.
    const script = join(env.dir, 'deploy.sh');
    writeFileSync(
      script,
      '#!/bin/sh\nmkdir "$PWD/busy-$SLIPWAY_ENVIRONMENT" || exit 9\nsleep 0.3\nrmdir "$PWD/busy-$SLIPWAY_ENVIRONMENT"\necho "deployed $SLIPWAY_VERSION"\n',
    );
    chmodSync(script, 0o755);
    await env.addService({ name: 'api', deployer: { kind: 'command', command: [script] } });
    await env.release('api', '1.0.0');
    await env.release('api', '1.1.0');
    const { services, pools } = await deployers(env, 2);
    try {
      const results = await Promise.all(
        ['1.0.0', '1.1.0'].map((ref, index) =>
          services[index]?.deploy({ service: 'api', environment: 'dev', ref }, actor),
        ),
      );
      const done = results.filter((d): d is Deployment => d !== undefined);
      expect(done.map((d) => [d.status, d.deployer])).toEqual([
        ['succeeded', 'command'],
        ['succeeded', 'command'],
      ]);
      const last = expectOneChain(done);
      expect(last.logs).toBe(`deployed ${last.version}\n`);
      const status = await env.deployments.status({ service: 'api' });
      expect(status.services[0]?.environments['dev']?.version).toBe(last.version);
    } finally {
      for (const pool of pools) await pool.close();
    }
  });

  it('keep one chain per environment under a burst across environments', async () => {
    const env = await openDeploymentTestEnv(dialect);
    await env.addService({ name: 'web', allowSkip: true });
    await env.release('web', '1.0.0', { rollForward });
    const { services, pools } = await deployers(env, 4);
    const environments = ['dev', 'staging', 'prod'];
    try {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          services[index % services.length]?.deploy(
            { service: 'web', environment: environments[index % 3] ?? 'dev', ref: '1.0.0' },
            { actor: `user-${index}` },
          ),
        ),
      );
      const done = results.filter((d): d is Deployment => d !== undefined);
      expect(done.every((d) => d.status === 'succeeded')).toBe(true);
      const status = await env.deployments.status({ service: 'web' });
      for (const environment of environments) {
        const last = expectOneChain(done.filter((d) => d.environment === environment));
        expect(status.services[0]?.environments[environment]?.actor).toBe(last.actor);
      }
      const { events } = await env.ledger.listEvents({ type: 'deployment.succeeded', limit: 1000 });
      expect(events).toHaveLength(30);
      expect(await env.ledger.verifyLedger()).toMatchObject({ ok: true });
    } finally {
      for (const pool of pools) await pool.close();
    }
  });
});
