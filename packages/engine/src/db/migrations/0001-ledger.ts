import type { Kysely } from 'kysely';

/** The hash of "nothing before": the previousHash of event 1. */
export const GENESIS_HASH = '0'.repeat(64);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_events')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('sequence', 'bigint', (column) => column.notNull().unique())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('time', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('previous_hash', 'varchar(64)', (column) => column.notNull())
    .addColumn('hash', 'varchar(64)', (column) => column.notNull())
    .execute();
  // Filters of `ledger list`, each followed by the keyset column.
  for (const column of ['subject', 'type', 'actor', 'time'] as const) {
    await db.schema
      .createIndex(`ledger_events_${column}_sequence`)
      .on('ledger_events')
      .columns([column, 'sequence'])
      .execute();
  }
  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('sequence', 'bigint', (column) => column.notNull())
    .addColumn('hash', 'varchar(64)', (column) => column.notNull())
    .execute();
  await (db as Kysely<{ ledger_head: { id: number; sequence: number; hash: string } }>)
    .insertInto('ledger_head')
    .values({ id: 1, sequence: 0, hash: GENESIS_HASH })
    .execute();
}
