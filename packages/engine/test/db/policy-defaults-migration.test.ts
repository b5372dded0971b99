import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dropTestDatabases,
  makeTempDir,
  testDialects,
} from '@slipway/test-utils';
import { createEmbeddedControlPlane, migrateToLatest, openDatabase } from '../../src/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { as, release, throughStaging } from '../approvals/policy-flow-fixtures.js';

const leaveEmpty = (): Promise<void> => Promise.resolve();
const before0016 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0016'));
const dataDir = makeTempDir('slipway-policy-migration-');

afterAll(async () => {
  await dropTestDatabases();
  dataDir.cleanup();
});

/** A database migrated up to 0015 that `use` fills, then migrated to the latest. */
async function upgraded(
  dialect: 'sqlite' | 'postgres',
  use: (plane: ReturnType<typeof createEmbeddedControlPlane>) => Promise<void>,
) {
  const target = await createTestDatabase(dialect, leaveEmpty);
  const database = await openDatabase({ url: target.url });
  await migrateToLatest(database.db, before0016);
  const blobDir = join(dataDir.path, `${dialect}-${Math.random().toString(36).slice(2)}`);
  await use(createEmbeddedControlPlane({ db: database.db, blobDir }));
  const report = await migrateToLatest(database.db);
  const plane = createEmbeddedControlPlane({ db: database.db, blobDir });
  return {
    plane,
    report,
    close: async () => {
      await database.close();
      await target.drop();
    },
  };
}

describe.each(testDialects())('migration 0016 (policy defaults) on %s', (dialect) => {
  it('keeps a database that already deployed without a policy deploying as before', async () => {
    const { plane, report, close } = await upgraded(dialect, async (old) => {
      await old.addService({ name: 'api' }, as('admin'));
      await release(old, 'api', '1.0.0');
      await throughStaging(old, 'api', '1.0.0');
    });
    try {
      expect(report.applied).toEqual(['0016-policy-defaults']);
      const policy = await plane.getPolicy();
      expect(policy).toMatchObject({ version: 1, createdBy: 'migration:0016-policy-defaults' });
      const deployed = await plane.deploy(
        { service: 'api', environment: 'prod', ref: '1.0.0' },
        as('rita'),
      );
      expect(deployed.status).toBe('succeeded');
      // The next stored policy replaces it: the tier defaults then hold prod again.
      await plane.setPolicy({ overrides: [] }, as('admin'));
      await release(plane, 'api', '1.1.0');
      await throughStaging(plane, 'api', '1.1.0');
      const verdict = await plane.checkPolicy({
        service: 'api',
        ref: '1.1.0',
        environment: 'prod',
      });
      expect(verdict).toMatchObject({ policyVersion: 2, verdict: { decision: 'deny' } });
    } finally {
      await close();
    }
  });

  it('gives a database that never deployed the tier defaults', async () => {
    const { plane, close } = await upgraded(dialect, async (old) => {
      await old.addService({ name: 'api' }, as('admin'));
    });
    try {
      expect((await plane.getPolicy()).version).toBe(0);
      await release(plane, 'api', '1.0.0');
      await throughStaging(plane, 'api', '1.0.0');
      const verdict = await plane.checkPolicy({
        service: 'api',
        ref: '1.0.0',
        environment: 'prod',
      });
      expect(verdict.verdict.unmet.map((rule) => rule.rule)).toEqual([
        'required-checks',
        'required-approvals',
      ]);
    } finally {
      await close();
    }
  });
});
