import type { Kysely } from 'kysely';

/** The service catalog: one row per service or library, keyed by its name. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('name', 'varchar(63)', (column) => column.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('repository', 'text')
    .addColumn('kind', 'varchar(16)', (column) => column.notNull())
    .addColumn('risk_tier', 'varchar(16)', (column) => column.notNull())
    // JSON array of environment names, in promotion order.
    .addColumn('lifecycle', 'text', (column) => column.notNull())
    // Backstage `kind:namespace/name`; unique when set (both dialects allow many NULLs).
    .addColumn('entity_ref', 'text', (column) => column.unique())
    // Backstage's `spec.lifecycle` (experimental, production, …): a stage, not environments.
    .addColumn('stage', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('services_owner').on('services').column('owner').execute();
}
