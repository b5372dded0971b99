import { describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { createCatalogService, createLedgerService, openDatabase } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { paymentsCatalog, webCatalog } from './catalog-fixtures.js';

describe.each(testDialects())('concurrent catalog imports on %s', (dialect) => {
  it('add each entity once, whatever the interleaving', async () => {
    const database = await openMigratedTestDatabase(dialect);
    // Separate pools (processes, in production), so PostgreSQL transactions really overlap.
    // One SQLite connection per process: a second one here would block this thread on the lock.
    const others =
      dialect === 'postgres'
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url })))
        : [];
    const importers =
      dialect === 'postgres' ? [database, ...others] : [1, 2, 3, 4].map(() => database);
    try {
      const files = [
        { file: 'payments.yaml', text: paymentsCatalog },
        { file: 'web.yaml', text: webCatalog },
      ];
      const reports = await Promise.all(
        importers.map(({ db }, index) =>
          createCatalogService(db).importCatalogFiles(files, { actor: `importer-${index}` }),
        ),
      );
      const added = reports.flatMap((report) => report.added).sort();
      expect(added).toEqual(['money-utils', 'payments-api', 'storefront']);
      expect(reports.every((report) => report.applied)).toBe(true);
      const catalog = createCatalogService(database.db);
      expect(await catalog.listServices()).toHaveLength(3);
      const ledger = createLedgerService(database.db);
      expect((await ledger.listEvents()).events).toHaveLength(3);
      expect(await ledger.verifyLedger()).toMatchObject({ ok: true, events: 3 });
    } finally {
      for (const other of others) await other.close();
    }
  });
});

describe.each(testDialects())('concurrent service updates on %s', (dialect) => {
  it('apply one after the other: no field update is lost', async () => {
    const database = await openMigratedTestDatabase(dialect);
    const others =
      dialect === 'postgres'
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url })))
        : [];
    try {
      await createCatalogService(database.db).addService({ name: 'api' }, { actor: 'setup' });
      const writers = dialect === 'postgres' ? [database, ...others] : [database, database];
      const patches = [
        { owner: 'team-a' },
        { repository: 'https://git.example.com/api' },
        { riskTier: 'high' as const },
        { lifecycle: ['dev', 'prod'] },
      ];
      await Promise.all(
        patches.map((patch, index) =>
          createCatalogService((writers[index % writers.length] ?? database).db).updateService(
            'api',
            patch,
            { actor: `writer-${index}` },
          ),
        ),
      );
      const stored = await createCatalogService(database.db).getService('api');
      expect(stored).toMatchObject({
        owner: 'team-a',
        repository: 'https://git.example.com/api',
        riskTier: 'high',
        lifecycle: ['dev', 'prod'],
      });
      const ledger = createLedgerService(database.db);
      const updates = await ledger.listEvents({ type: 'service.updated' });
      expect(updates.events).toHaveLength(4);
      expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
    } finally {
      for (const other of others) await other.close();
    }
  });
});
