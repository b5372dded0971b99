import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dropTestDatabases,
  makeTempDir,
  testDialects,
} from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import { demoServices, migrateToLatest, openDatabase, seedDemoDatabase } from '@slipway/engine';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import type * as Web from '../../web/src/api/api-types.js';
import { doraMetrics } from '../../web/src/metrics/dora-metrics.js';

/**
 * `slipway serve --demo`'s data set: seeded into a fresh database (SQLite, and PostgreSQL when
 * SLIPWAY_TEST_PG_URL is set), then read back through the API of a real server over it, as the
 * dashboard does.
 */
const adminToken = 'demo-seed-admin-0123456789abcdef';
let dataDir = makeTempDir('slipway-demo-');
let env: Record<string, string> = {};
let server: RunningServer;

const migrate = async (url: string): Promise<void> => {
  const { db, close } = await openDatabase({ url });
  await migrateToLatest(db);
  await close();
};

/** The server's environment for a fresh database of the dialect (SQLite: in the data dir). */
async function freshDatabase(dialect: TestDialect): Promise<Record<string, string>> {
  if (dialect === 'sqlite') return {};
  const { url } = await createTestDatabase(dialect, migrate);
  return { SLIPWAY_DATABASE_URL: url };
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Deployment {
  readonly environment: string;
  readonly version: string;
  readonly status: string;
  readonly action: string;
  readonly finishedAt: string | null;
}

afterAll(async () => {
  await dropTestDatabases();
});

describe.each(testDialects())('the demo data set on %s', (dialect) => {
  beforeAll(async () => {
    dataDir = makeTempDir('slipway-demo-');
    env = await freshDatabase(dialect);
    const report = await seedDemoDatabase({ dataDir: dataDir.path, env });
    expect(report).toMatchObject({ seeded: true, services: demoServices.length });
    server = await startServer({
      dataDir: dataDir.path,
      port: 0,
      env: { ...env, SLIPWAY_ADMIN_TOKEN: adminToken },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    dataDir.cleanup();
  });

  it('has a catalog of services with owners, risk tiers and dev → staging → prod', async () => {
    const services =
      await get<{ name: string; owner: string; riskTier: string; lifecycle: string[] }[]>(
        '/api/services',
      );
    expect(services.map((s) => s.name).sort()).toEqual(demoServices.map((s) => s.name).sort());
    expect(new Set(services.map((s) => s.owner)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(services.map((s) => s.riskTier)).size).toBeGreaterThanOrEqual(3);
    for (const service of services) expect(service.lifecycle).toEqual(['dev', 'staging', 'prod']);
  });

  it('has releases with Markdown notes, uploaded artifacts and a fix release', async () => {
    const releases = await get<
      { version: string; notes: string; artifacts: string[]; fixes?: string; createdAt: string }[]
    >('/api/services/search/releases');
    expect(releases.length).toBe(6);
    for (const release of releases) {
      expect(release.notes).toMatch(/\(\[#\d+\]\(https:\/\/git\.example\/.+\/pull\/\d+\)\)/);
      expect(release.artifacts).toHaveLength(1);
    }
    expect(releases.find((r) => r.version === '0.11.1')?.fixes).toBe('0.11.0');
    const digest = releases[0]?.artifacts[0] ?? '';
    const artifact = await get<{ stored: boolean; size: number }>(`/api/artifacts/${digest}`);
    expect(artifact.stored).toBe(true);
    expect(artifact.size).toBeGreaterThan(0);
    // Spread over the past month, not all recorded at seeding time.
    const ages = releases.map((r) => Date.now() - Date.parse(r.createdAt));
    expect(Math.max(...ages)).toBeGreaterThan(20 * 86_400_000);
  });

  it('has deployments over the past 30 days, with one production rollback', async () => {
    const history = await get<Deployment[]>('/api/services/checkout/deployments?limit=1000');
    const prod = history.filter((d) => d.environment === 'prod');
    expect(prod.filter((d) => d.action === 'promote').length).toBeGreaterThanOrEqual(4);
    expect(prod.some((d) => d.status === 'rolled_back' && d.version === '2.6.0')).toBe(true);
    expect(prod.some((d) => d.action === 'rollback' && d.version === '2.5.0')).toBe(true);
    const times = history.flatMap((d) => (d.finishedAt === null ? [] : [Date.parse(d.finishedAt)]));
    expect(Date.now() - Math.min(...times)).toBeGreaterThan(20 * 86_400_000);
    expect(Date.now() - Math.min(...times)).toBeLessThan(31 * 86_400_000);
  });

  it('gives the dashboard DORA figures: a rollback and a fix release as failures', async () => {
    const dora = async (service: string) =>
      doraMetrics({
        productionEnvironment: 'prod',
        deployments: await get<Web.Deployment[]>(`/api/services/${service}/deployments?limit=1000`),
        releases: await get<Web.Release[]>(`/api/services/${service}/releases`),
        now: new Date(),
        windowDays: 30,
      });
    const checkout = await dora('checkout');
    expect(checkout.deployments).toBe(4);
    expect(checkout.failures).toBe(1);
    expect(checkout.restores).toEqual([{ version: '2.6.0', milliseconds: 2 * 3_600_000 }]);
    const search = await dora('search');
    expect(search.failures).toBe(1);
    expect(search.restores.map((sample) => sample.version)).toEqual(['0.11.0']);
    expect(search.leadTimes.every((sample) => sample.from === 'commit')).toBe(true);
    expect(search.weekly.filter((week) => week.deployments > 0).length).toBeGreaterThan(2);
  });

  it('has a change request waiting for approval', async () => {
    const requests = await get<{ service: string; version: string; status: string }[]>(
      '/api/change-requests?status=open',
    );
    expect(requests).toEqual([
      expect.objectContaining({ service: 'notifications', version: '4.2.0', status: 'open' }),
    ]);
  });

  it('has flags in every environment with a fractional rollout in production', async () => {
    const flags = await get<{ key: string; state: string }[]>(
      '/api/services/search/environments/prod/flags',
    );
    expect(flags.map((f) => f.key).sort()).toEqual(['semantic-ranking', 'typo-tolerance']);
    const dev = await get<unknown[]>('/api/services/search/environments/dev/flags');
    expect(dev).toHaveLength(2);
    expect(JSON.stringify(flags)).toContain('25');
  });

  it('has a canary rollout paused at a step', async () => {
    const rollouts = await get<
      { environment: string; status: string; currentStep: number; weight: number }[]
    >('/api/rollouts?service=web-frontend');
    // Step 0 set the canary's weight to 10%; step 1 is the pause until someone promotes it.
    expect(rollouts).toEqual([
      expect.objectContaining({
        environment: 'staging',
        status: 'paused',
        currentStep: 1,
        weight: 10,
      }),
    ]);
  });

  it('is left as it is when seeded again, and refused over a database with other services', async () => {
    expect(await seedDemoDatabase({ dataDir: dataDir.path, env })).toMatchObject({
      seeded: false,
    });
    const other = makeTempDir('slipway-demo-other-');
    const otherEnv = await freshDatabase(dialect);
    const plain = await startServer({
      dataDir: other.path,
      port: 0,
      env: { ...otherEnv, SLIPWAY_ADMIN_TOKEN: adminToken },
    });
    await fetch(`${plain.url}/api/services`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'real-service' }),
    });
    await plain.close();
    await expect(seedDemoDatabase({ dataDir: other.path, env: otherEnv })).rejects.toThrow(
      /--demo seeds an empty database only; this one holds 1 services \(real-service\)/,
    );
    other.cleanup();
  });
});
