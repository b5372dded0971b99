import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import { createTestDatabase, dropTestDatabases, testDialects } from '@slipway/test-utils';
import { migrateToLatest, openDatabase } from '../../src/index.js';
import { migrations } from '../../src/db/migrations/index.js';

const leaveEmpty = (): Promise<void> => Promise.resolve();

afterAll(() => dropTestDatabases());

async function tableNames<DB>(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((table) => table.name).sort();
}

describe.each(testDialects())('migrateToLatest on %s', (dialect) => {
  it('applies the shipped migrations once, then nothing', async () => {
    const target = await createTestDatabase(dialect, leaveEmpty);
    const { db, close } = await openDatabase({ url: target.url });
    try {
      expect(await migrateToLatest(db)).toEqual({ applied: Object.keys(migrations) });
      expect(await migrateToLatest(db)).toEqual({ applied: [] });
      expect(await tableNames(db)).toEqual(
        expect.arrayContaining(['ledger_events', 'ledger_head', 'slipway_migrations']),
      );
    } finally {
      await close();
      await target.drop();
    }
  });

  it('a failing migration names itself and leaves the database as it was', async () => {
    const target = await createTestDatabase(dialect, leaveEmpty);
    const { db, close } = await openDatabase({ url: target.url });
    const broken: Migration = {
      async up(migrating: Kysely<unknown>) {
        await migrating.schema
          .createTable('half_done')
          .addColumn('id', 'integer', (column) => column.primaryKey())
          .execute();
        await sql`select * from no_such_table`.execute(migrating);
      },
    };
    try {
      await migrateToLatest(db);
      const before = await tableNames(db);
      const error: unknown = await migrateToLatest(db, {
        ...migrations,
        '9999-broken': broken,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).message).toMatch(/^database migration 9999-broken failed: /);
      expect((error as SlipwayError).subject).toBe('9999-broken');
      expect(await tableNames(db)).toEqual(before);
      const applied = await sql<{ name: string }>`select name from slipway_migrations`.execute(db);
      expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
    } finally {
      await close();
      await target.drop();
    }
  });
});
