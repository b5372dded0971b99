import type { Kysely } from 'kysely';

/**
 * The artifact and release registry. Artifacts are keyed by digest (the same bytes are the same
 * artifact); a release is one version of one service and lists its artifacts in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('artifacts')
    // `sha256:` and 64 hex digits.
    .addColumn('digest', 'varchar(71)', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('kind', 'varchar(16)', (column) => column.notNull())
    // bigint: artifacts may exceed 2 GiB when the limit is raised.
    .addColumn('size', 'bigint', (column) => column.notNull())
    .addColumn('version', 'text')
    // Optional: a file may be registered before anyone says which service built it.
    .addColumn('service', 'varchar(63)', (column) => column.references('services.name'))
    .addColumn('source_commit', 'text')
    // 0 or 1 on both dialects: true once the bytes are in the blob store.
    .addColumn('stored', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('artifacts_service_version')
    .on('artifacts')
    .columns(['service', 'version'])
    .execute();

  await db.schema
    .createTable('releases')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('service', 'varchar(63)', (column) => column.notNull().references('services.name'))
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('tag', 'text')
    .addColumn('commit', 'text')
    .addColumn('notes', 'text')
    // JSON array of components, and the roll-forward plan (JSON) or null.
    .addColumn('components', 'text', (column) => column.notNull())
    .addColumn('roll_forward', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    // Also serves "releases of a service" lookups (leading column).
    .addUniqueConstraint('releases_service_version', ['service', 'version'])
    .execute();
  // History of a service, newest first.
  await db.schema
    .createIndex('releases_service_created_at')
    .on('releases')
    .columns(['service', 'created_at'])
    .execute();

  await db.schema
    .createTable('release_artifacts')
    .addColumn('release_id', 'varchar(36)', (column) => column.notNull().references('releases.id'))
    .addColumn('digest', 'varchar(71)', (column) => column.notNull().references('artifacts.digest'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('release_artifacts_pk', ['release_id', 'position'])
    .execute();
  // "Which release contains this digest?" (rollback targets, `deploy <service> sha256:…`).
  await db.schema
    .createIndex('release_artifacts_digest')
    .on('release_artifacts')
    .column('digest')
    .execute();
}
