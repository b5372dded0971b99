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
