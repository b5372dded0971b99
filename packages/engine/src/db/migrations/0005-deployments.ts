import type { Kysely } from 'kysely';

/**
 * Deployments and what runs where. `deployments` is the history (one row per attempt);
 * `environment_state` keeps one row per (service, environment): the lock that serializes
 * deployments of that environment, and the current known-good deployment, so `status` is one
 * indexed join whatever the length of the history. Services get their deployer and skip policy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON DeployerConfig, or NULL for the `record` deployer.
  await db.schema.alterTable('services').addColumn('deployer', 'text').execute();
  // 0 or 1 on both dialects: the service may skip environments of its lifecycle.
  await db.schema
    .alterTable('services')
    .addColumn('allow_skip', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('deployments')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('service', 'varchar(63)', (column) => column.notNull().references('services.name'))
    .addColumn('environment', 'varchar(63)', (column) => column.notNull())
    // No foreign key: the deployment keeps version and digests itself, whatever the registry does.
    .addColumn('release_id', 'varchar(36)', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    // JSON arrays and objects as text, one shape on both dialects.
    .addColumn('digests', 'text', (column) => column.notNull())
    .addColumn('action', 'varchar(16)', (column) => column.notNull())
    .addColumn('source_environment', 'varchar(63)')
    .addColumn('strategy', 'varchar(32)', (column) => column.notNull())
    .addColumn('deployer', 'varchar(32)', (column) => column.notNull())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('logs', 'text', (column) => column.notNull())
    .addColumn('rollback_target', 'text')
    .addColumn('rollback_command', 'text')
    .addColumn('rollback_plan', 'text', (column) => column.notNull())
    .execute();
  // `history`, newest first, with or without an environment.
  await db.schema
    .createIndex('deployments_service_environment_created_at')
    .on('deployments')
    .columns(['service', 'environment', 'created_at'])
    .execute();
  await db.schema
    .createIndex('deployments_service_created_at')
    .on('deployments')
    .columns(['service', 'created_at'])
    .execute();
  // "Has this release succeeded in the previous environment?"
  await db.schema
    .createIndex('deployments_release_environment_status')
    .on('deployments')
    .columns(['release_id', 'environment', 'status'])
    .execute();
  // "Is a deployment of this environment in progress?"
  await db.schema
    .createIndex('deployments_status_service_environment')
    .on('deployments')
    .columns(['status', 'service', 'environment'])
    .execute();

  await db.schema
    .createTable('environment_state')
    .addColumn('service', 'varchar(63)', (column) => column.notNull().references('services.name'))
    .addColumn('environment', 'varchar(63)', (column) => column.notNull())
    // NULL until the first deployment succeeds: the row exists to be locked before that.
    .addColumn('deployment_id', 'varchar(36)')
    .addColumn('version', 'text')
    .addColumn('digests', 'text')
    .addColumn('deployed_at', 'text')
    .addColumn('actor', 'text')
    .addPrimaryKeyConstraint('environment_state_pk', ['service', 'environment'])
    .execute();
}
