import type { Kysely } from 'kysely';

/**
 * Idempotency keys of mutating API requests, one row per (token, key). The primary key is what
 * makes a reservation exclusive: of two requests with one key, exactly one inserts its row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    // The token id: keys are chosen by clients, so two tokens may pick the same one.
    .addColumn('scope', 'varchar(64)', (column) => column.notNull())
    .addColumn('key', 'varchar(255)', (column) => column.notNull())
    .addColumn('method', 'varchar(10)', (column) => column.notNull())
    .addColumn('path', 'text', (column) => column.notNull())
    // sha256 (hex) of the request body; a reuse of the key with another body is refused.
    .addColumn('fingerprint', 'varchar(64)', (column) => column.notNull())
    // Null while the first request runs (or after it crashed); set once it answered.
    .addColumn('status', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('completed_at', 'text')
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created_at')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}
