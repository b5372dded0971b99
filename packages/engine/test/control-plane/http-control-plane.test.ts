import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSlipwayError } from '@slipway/core';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import { HttpControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const adminSecret = 'slw_http-control-plane-test-admin-secret';
const as = { actor: 'ignored: the server names the token' };

/** The rejection of a promise, as the SlipwayError it must be. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isSlipwayError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe.each(testDialects())('HttpControlPlane against slipway serve on %s', (dialect) => {
  let server: RunningServer;
  let admin: HttpControlPlane;
  const dataDir = makeTempDir('slipway-http-');

  beforeAll(async () => {
    const database = await openMigratedTestDatabase(dialect);
    server = await startServer({
      port: 0,
      dataDir: dataDir.path,
      env: { SLIPWAY_DATABASE_URL: database.url, SLIPWAY_ADMIN_TOKEN: adminSecret },
    });
    admin = new HttpControlPlane({ url: server.url, token: adminSecret });
  });

  afterAll(async () => {
    await server.close();
    dataDir.cleanup();
  });

  it('manages the catalog, with the token as the actor', async () => {
    const added = await admin.addService({ name: 'api', owner: 'team-a' }, as);
    expect(added).toMatchObject({
      name: 'api',
      owner: 'team-a',
      lifecycle: ['dev', 'staging', 'prod'],
    });
    expect(await admin.getService('api')).toEqual(added);
    const updated = await admin.updateService('api', { riskTier: 'high' }, as);
    expect(updated.riskTier).toBe('high');
    expect((await admin.listServices({ search: 'API' })).map((service) => service.name)).toEqual([
      'api',
    ]);
    const report = await admin.importCatalog(
      [
        {
          file: 'catalog-info.yaml',
          text: [
            'apiVersion: backstage.io/v1alpha1',
            'kind: Component',
            'metadata:',
            '  name: web',
            'spec:',
            '  type: service',
            '  owner: team-w',
            '  lifecycle: production',
          ].join('\n'),
        },
      ],
      as,
    );
    expect(report).toMatchObject({ applied: true, added: ['web'] });
    const page = await admin.listEvents({ subject: 'service:api' });
    expect(page.events.map((event) => event.type)).toEqual(['service.added', 'service.updated']);
    expect(page.events[0]?.actor).toMatch(/^token:/);
    expect(await admin.verifyLedger()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('registers an artifact, streams its bytes, and records a release', async () => {
    const bytes = Buffer.from('x'.repeat(100_000));
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await admin.registerArtifact(
      {
        digest,
        name: 'api.tar.gz',
        kind: 'file',
        size: bytes.length,
        service: 'api',
        version: '1.0.0',
      },
      as,
    );
    const chunks = [bytes.subarray(0, 40_000), bytes.subarray(40_000)];
    const stored = await admin.uploadArtifact(digest, Readable.from(chunks), as);
    expect(stored).toMatchObject({ digest, stored: true });
    expect(await admin.getArtifact(digest)).toEqual(stored);
    expect((await admin.listArtifacts({ service: 'api' })).map((a) => a.digest)).toEqual([digest]);
    const release = await admin.createRelease(
      { service: 'api', version: '1.0.0', artifacts: [digest] },
      as,
    );
    expect(await admin.getRelease('api', '1.0.0')).toEqual(release);
    expect(await admin.listReleases('api')).toEqual([release]);
    const promised = Buffer.from('promised');
    const other = `sha256:${createHash('sha256').update(promised).digest('hex')}`;
    await admin.registerArtifact({ digest: other, name: 'other', kind: 'file', size: 8 }, as);
    const mismatch = await failure(
      admin.uploadArtifact(other, Readable.from([Buffer.from('imposter')]), as),
    );
    expect(mismatch.code).toBe('DIGEST_MISMATCH');
    expect((await admin.getArtifact(other)).stored).toBe(false);
  });

  it('issues, lists and revokes tokens; a viewer is refused with the server’s words', async () => {
    const { token, secret } = await admin.createToken({ role: 'viewer' }, as);
    expect((await admin.listTokens()).map((listed) => listed.id)).toContain(token.id);
    const viewer = new HttpControlPlane({ url: server.url, token: secret });
    expect(await viewer.getService('api')).toMatchObject({ name: 'api' });
    expect(await failure(viewer.addService({ name: 'nope' }, as))).toEqual({
      code: 'FORBIDDEN',
      message: 'role releaser needed for catalog.write (this token has role viewer)',
    });
    expect((await admin.revokeToken(token.id, as)).revokedAt).not.toBeNull();
    expect(await failure(viewer.listServices())).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'unknown or revoked token',
    });
    expect(await failure(admin.getService('ghost'))).toEqual({
      code: 'NOT_FOUND',
      message: 'no service named ghost',
    });
    await viewer.close();
  });

  it('sends the caller’s idempotency key, so a repeated call acts once', async () => {
    const options = { ...as, idempotencyKey: 'add-once' };
    const first = await admin.addService({ name: 'once' }, options);
    // Adding a service twice is refused; with the same key it is the first answer again.
    expect(await admin.addService({ name: 'once' }, options)).toEqual(first);
    expect((await admin.listEvents({ subject: 'service:once' })).events).toHaveLength(1);
    const other = await failure(admin.addService({ name: 'other' }, options));
    expect(other.code).toBe('CONFLICT');
    expect(other.message).toMatch(/^Idempotency-Key add-once was used/);
  });

  it('retries once when the connection fails, with the same key', async () => {
    const keys: (string | null)[] = [];
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      keys.push(new Headers(init?.headers).get('idempotency-key'));
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return fetch(input, init);
    };
    const client = new HttpControlPlane({ url: server.url, token: adminSecret, fetch: flaky });
    await client.addService({ name: 'retried' }, as);
    expect(calls).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });
});

describe('HttpControlPlane without a server', () => {
  it('names the URL it could not reach, after one retry', async () => {
    const dir = makeTempDir('slipway-gone-');
    // A port that was just free: nothing listens there any more.
    const server = await startServer({ port: 0, dataDir: dir.path, env: {} });
    const url = server.url;
    await server.close();
    dir.cleanup();
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const client = new HttpControlPlane({ url, token: 'slw_whatever', fetch: counting });
    const error = await failure(client.listServices());
    expect(error.message).toBe(`cannot reach the Slipway server at ${url}: ECONNREFUSED`);
    expect(error.code).toBe('UNREACHABLE');
    expect(calls).toBe(2);
  });
});
