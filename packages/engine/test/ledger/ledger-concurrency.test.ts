import { describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { createLedgerService, openDatabase } from '../../src/index.js';
import type { LedgerService, OpenDatabase } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const appends = 200;

interface Writer {
  readonly pool: OpenDatabase;
  readonly ledger: LedgerService;
}

describe.each(testDialects())('concurrent appends on %s', (dialect) => {
  it(`${appends} appends from separate transactions form one gapless chain`, async () => {
    const database = await openMigratedTestDatabase(dialect);
    // PostgreSQL: two pools, as two server processes would have. SQLite: one connection per
    // process by design (better-sqlite3 is synchronous), so one Kysely instance.
    const second = dialect === 'postgres' ? await openDatabase({ url: database.url }) : database;
    const writers: [Writer, Writer] = [
      { pool: database, ledger: createLedgerService(database.db) },
      { pool: second, ledger: createLedgerService(second.db) },
    ];
    try {
      const results = await Promise.all(
        Array.from({ length: appends }, (_, index) => {
          const { pool, ledger } = index % 2 === 0 ? writers[0] : writers[1];
          return pool.db.transaction().execute((trx) =>
            ledger.appendEvent(trx, {
              type: 'load.test',
              subject: `subject/${index % 7}`,
              actor: `writer-${index % 2}`,
              payload: { index },
            }),
          );
        }),
      );
      const sequences = results.map((event) => event.sequence).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: appends }, (_, index) => index + 1));
      const verification = await writers[0].ledger.verifyLedger({ pageSize: 64 });
      expect(verification).toEqual({ ok: true, events: appends, firstBroken: null });
    } finally {
      if (second !== database) await second.close();
    }
  });
});
