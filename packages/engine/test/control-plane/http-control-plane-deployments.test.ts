import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSlipwayError, openPolicy } from '@slipway/core';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { apiRoutes, startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import { HttpControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const adminSecret = 'slw_http-control-plane-deployments-secret';
const as = { actor: 'ignored over HTTP' };

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isSlipwayError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

/** The documented answer of a route (its OpenAPI schema) checks what the engine really sends. */
function expectDocumented(method: string, url: string, answer: unknown): void {
  const route = apiRoutes(new HttpControlPlane({ url: 'http://unused', token: 'x' })).find(
    (candidate) => candidate.method === method && candidate.url === url,
  );
  if (route === undefined) throw new Error(`no route ${method} ${url}`);
  expect(route.response.safeParse(answer).error).toBeUndefined();
}

/** Registers and uploads an artifact, then records a release of it. */
async function release(client: HttpControlPlane, version: string): Promise<string> {
  const bytes = Buffer.from(`api ${version}`);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  await client.registerArtifact(
    { digest, name: `api-${version}.tar.gz`, kind: 'file', size: bytes.length, service: 'api' },
    as,
  );
  await client.uploadArtifact(digest, Readable.from([bytes]), as);
  await client.createRelease(
    {
      service: 'api',
      version,
      artifacts: [digest],
      rollForward: { reason: 'first release', steps: ['fix forward'] },
    },
    as,
  );
  return digest;
}

describe.each(testDialects())('deployments through HttpControlPlane on %s', (dialect) => {
  let server: RunningServer;
  let client: HttpControlPlane;
  const dataDir = makeTempDir('slipway-http-deploy-');

  beforeAll(async () => {
    const database = await openMigratedTestDatabase(dialect);
    server = await startServer({
      port: 0,
      dataDir: dataDir.path,
      env: { SLIPWAY_DATABASE_URL: database.url, SLIPWAY_ADMIN_TOKEN: adminSecret },
    });
    client = new HttpControlPlane({ url: server.url, token: adminSecret });
    await client.addService({ name: 'api' }, as);
    // Not a test of approvals: the open policy lifts the tier defaults (ADR 0024).
    await client.setPolicy(openPolicy, as);
  });

  afterAll(async () => {
    await server.close();
    dataDir.cleanup();
  });

  it('deploys, promotes to prod, rolls back, and reports what runs where', async () => {
    const first = await release(client, '1.0.0');
    const dev = await client.deploy({ service: 'api', environment: 'dev', ref: '1.0.0' }, as);
    expect(dev).toMatchObject({ environment: 'dev', status: 'succeeded', digests: [first] });
    expect(dev.actor).toMatch(/^token:/);
    await client.promote({ service: 'api', from: 'dev', to: 'staging' }, as);
    const prod = await client.promote({ service: 'api', from: 'staging', to: 'prod' }, as);
    expect(prod).toMatchObject({ environment: 'prod', status: 'succeeded', digests: [first] });
    const second = await release(client, '1.1.0');
    await client.deploy({ service: 'api', environment: 'dev', ref: '1.1.0' }, as);
    await client.promote({ service: 'api', from: 'dev', to: 'staging' }, as);
    const plan = await client.planRollback({ service: 'api', environment: 'prod' });
    expect(plan.kind).toBe('rollback');
    expect(plan.target?.digests).toEqual([first]);
    await client.promote({ service: 'api', from: 'staging', to: 'prod' }, as);
    expect(
      (await client.status({ service: 'api' })).services[0]?.environments['prod'],
    ).toMatchObject({ version: '1.1.0', digests: [second] });
    const back = await client.rollback({ service: 'api', environment: 'prod' }, as);
    expect(back).toMatchObject({ action: 'rollback', digests: [first], status: 'succeeded' });
    expect(await client.getDeployment(back.id)).toEqual(back);
    const history = await client.history('api', { environment: 'prod', limit: 2 });
    expect(history.map((deployment) => deployment.action)).toEqual(['rollback', 'promote']);
    expectDocumented('POST', '/api/rollbacks', back);
    expectDocumented('GET', '/api/services/:service/deployments', history);
    expectDocumented('GET', '/api/rollback-plan', plan);
    expectDocumented('GET', '/api/status', await client.status());
    expectDocumented('GET', '/api/services/:service/releases', await client.listReleases('api'));
    expectDocumented('GET', '/api/artifacts', await client.listArtifacts());
    expectDocumented('GET', '/api/services', await client.listServices());
    expectDocumented('GET', '/api/tokens', await client.listTokens());
    expectDocumented('GET', '/api/ledger/events', await client.listEvents());
  });

  it('leaves a deployment for CI to report, and refuses a skipped environment', async () => {
    const pending = await client.deploy(
      { service: 'api', environment: 'dev', ref: '1.1.0', awaitReport: true },
      as,
    );
    expect(pending.status).toBe('in_progress');
    const reported = await client.reportDeployment(
      pending.id,
      { status: 'succeeded', log: 'deployed by CI' },
      as,
    );
    expect(reported.status).toBe('succeeded');
    expect(reported.logs).toContain('deployed by CI');
    await release(client, '2.0.0');
    const skipped = await failure(
      client.deploy({ service: 'api', environment: 'staging', ref: '2.0.0' }, as),
    );
    expect(skipped.code).toBe('REFUSED');
    expect(skipped.message).toMatch(/has not succeeded in dev/);
  });
});
