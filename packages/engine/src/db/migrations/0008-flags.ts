import type { Kysely } from 'kysely';

/**
 * Feature flags per service and environment (flagd flag definitions as JSON text), every
 * version of each flag, and OFREP client keys. `flag_sets` holds one row per service and
 * environment: its revision grows with every change, and writers lock that row first, so two
 * concurrent changes to one environment never hand out the same version. `flag_ramps` holds
 * scheduled rollouts, so the server runs their steps across restarts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('flag_sets')
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('env', 'varchar(63)', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    // Flag-set metadata and shared `$evaluators`, JSON objects as text.
    .addColumn('metadata', 'text', (column) => column.notNull())
    .addColumn('evaluators', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('flag_sets_pk', ['service', 'env'])
    .execute();
  await db.schema
    .createTable('flags')
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('env', 'varchar(63)', (column) => column.notNull())
    .addColumn('key', 'varchar(255)', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('definition', 'text', (column) => column.notNull())
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('flags_pk', ['service', 'env', 'key'])
    .execute();
  await db.schema
    .createTable('flag_versions')
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('env', 'varchar(63)', (column) => column.notNull())
    .addColumn('key', 'varchar(255)', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('definition', 'text', (column) => column.notNull())
    // What changed it: set, import, kill, rollout.
    .addColumn('change', 'varchar(16)', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('time', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('flag_versions_pk', ['service', 'env', 'key', 'version'])
    .execute();
  await db.schema
    .createTable('flag_client_keys')
    .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('prefix', 'varchar(32)', (column) => column.notNull())
    // sha256 (hex) of the key; the key itself is shown once and never stored.
    .addColumn('hash', 'varchar(64)', (column) => column.notNull().unique())
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('env', 'varchar(63)', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('flag_ramps')
    .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('env', 'varchar(63)', (column) => column.notNull())
    .addColumn('key', 'varchar(255)', (column) => column.notNull())
    .addColumn('variant', 'text', (column) => column.notNull())
    // JSON array of { percent, at } in time order.
    .addColumn('steps', 'text', (column) => column.notNull())
    // Index of the next step to run; a step runs once: the runner moves it with a guarded UPDATE.
    .addColumn('next_step', 'integer', (column) => column.notNull())
    // active, done, cancelled, failed.
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    // When the next step is due (copied from steps): what the runner's query looks at.
    .addColumn('due_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('flag_ramps_due')
    .on('flag_ramps')
    .columns(['status', 'due_at'])
    .execute();
}
