import type { Kysely, Migration, MigrationResult } from 'kysely';
import { Migrator } from 'kysely';
import { SlipwayError } from '@slipway/core';
import { migrations as shippedMigrations } from './migrations/index.js';

export interface MigrationReport {
  /** Names of the migrations this run applied, in order. */
  readonly applied: readonly string[];
}

/**
 * Applies every pending migration in one transaction (both dialects have transactional DDL), so
 * a failure leaves the schema as it was; the error names the migration that failed.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>> = shippedMigrations,
): Promise<MigrationReport> {
  const migrator = new Migrator({
    // Migrations see the schema as it was when they were written, not today's Database type.
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    migrationTableName: 'slipway_migrations',
    migrationLockTableName: 'slipway_migrations_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result: MigrationResult) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    // No failed migration: the run could not start (server down, locked, unreadable file).
    if (failed === undefined) {
      throw new SlipwayError('DATABASE', `the database could not be migrated: ${reason}`, {
        cause: error,
      });
    }
    const name = failed.migrationName;
    throw new SlipwayError('DATABASE', `database migration ${name} failed: ${reason}`, {
      cause: error,
      subject: name,
      hint: 'the database was left as it was before the migration run',
    });
  }
  return {
    applied: results
      .filter((result) => result.status === 'Success')
      .map((result) => result.migrationName),
  };
}
