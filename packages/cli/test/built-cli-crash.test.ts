import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createTestDatabase,
  dropTestDatabases,
  makeTempDir,
  testDialects,
} from '@slipway/test-utils';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

const adminToken = 'slw_crash-admin-token-chosen-by-the-test';
const burst = 500;
const servers: BuiltServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop('SIGKILL');
  cleanupTempDirs();
});
afterAll(() => dropTestDatabases());

async function api(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok<T>(response: Response | Promise<Response>): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${answer.status} ${text}`);
  return JSON.parse(text) as T;
}

describe.each(testDialects())('kill -9 during a burst of deployments (%s)', (dialect) => {
  it('keeps the event of every answered request, and the chain verifies', async () => {
    const dataDir = makeTempDir('slipway-crash-').path;
    // The server migrates the database itself; the test only provides an empty one.
    const database = await createTestDatabase(dialect, async () => undefined);
    const env = {
      SLIPWAY_ADMIN_TOKEN: adminToken,
      SLIPWAY_DATABASE_URL: dialect === 'postgres' ? database.url : undefined,
    };
    const first = await startBuiltServer(dataDir, env);
    servers.push(first);
    const base = first.url;
    await ok(api(base, 'POST', '/api/services', { name: 'burst', lifecycle: ['dev', 'prod'] }));
    const digest = `sha256:${'ab'.repeat(32)}`;
    await ok(
      api(base, 'POST', '/api/artifacts', {
        digest,
        name: 'burst-1.0.0.whl',
        kind: 'wheel',
        size: 1234,
        service: 'burst',
        version: '1.0.0',
      }),
    );
    await ok(
      api(base, 'POST', '/api/releases', {
        service: 'burst',
        version: '1.0.0',
        artifacts: [digest],
      }),
    );

    // 500 deployments at once; the server dies (SIGKILL) once the first answers arrive.
    const answered: string[] = [];
    let killed = false;
    const requests = Array.from({ length: burst }, async () => {
      try {
        const response = await api(base, 'POST', '/api/deployments', {
          service: 'burst',
          environment: 'dev',
          ref: '1.0.0',
        });
        if (response.status >= 200 && response.status < 300) {
          answered.push(((await response.json()) as { id: string }).id);
          if (!killed && answered.length >= 25) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } else await response.arrayBuffer();
      } catch {
        // The connection died with the server: not answered, so nothing is promised.
      }
    });
    await Promise.all(requests);
    if (!killed) first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(answered.length).toBeGreaterThanOrEqual(25);
    expect(answered.length).toBeLessThan(burst);

    const second = await startBuiltServer(dataDir, env);
    servers.push(second);
    for (const id of answered) {
      const deployment = await ok<{ status: string }>(
        api(second.url, 'GET', `/api/deployments/${id}`),
      );
      expect(deployment.status).toBe('succeeded');
      const page = await ok<{ events: { type: string }[] }>(
        api(
          second.url,
          'GET',
          `/api/ledger/events?subject=${encodeURIComponent(`deployment:${id}`)}`,
        ),
      );
      expect(page.events.map((event) => event.type)).toContain('deployment.succeeded');
    }
    const verification = await ok<{ ok: boolean; events: number }>(
      api(second.url, 'GET', '/api/ledger/verify'),
    );
    expect(verification.ok).toBe(true);
    // Deployments after the restart still work on the recovered state.
    const after = await ok<{ status: string }>(
      api(second.url, 'POST', '/api/deployments', {
        service: 'burst',
        environment: 'dev',
        ref: '1.0.0',
      }),
    );
    expect(after.status).toBe('succeeded');
    await database.drop();
  }, 120_000);
});
