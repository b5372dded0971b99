import type { Kysely } from 'kysely';

/**
 * The evidence bundle of each release, as uploaded and verified by the server: one row per
 * release (a newer upload replaces it, and the ledger keeps both digests). The bundle is the
 * POSIX tar `slipway evidence export --out x.tar` writes, kept as base64 text so that both
 * dialects store it the same way; its manifest is kept beside it, readable without unpacking.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_bundles')
    .addColumn('release_id', 'varchar(36)', (column) =>
      column.primaryKey().references('releases.id'),
    )
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    // sha256 of the tar bytes: `sha256:<hex>`.
    .addColumn('digest', 'varchar(71)', (column) => column.notNull())
    .addColumn('size', 'bigint', (column) => column.notNull())
    .addColumn('manifest', 'text', (column) => column.notNull())
    // Key id (sha256 of the SPKI DER) of the trusted key the bundle verified with.
    .addColumn('key_id', 'varchar(71)', (column) => column.notNull())
    .addColumn('content', 'text', (column) => column.notNull())
    .addColumn('uploaded_at', 'text', (column) => column.notNull())
    .addColumn('uploaded_by', 'text', (column) => column.notNull())
    .execute();
}
