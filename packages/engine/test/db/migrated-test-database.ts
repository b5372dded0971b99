import { afterAll } from 'vitest';
import { createTestDatabase, dropTestDatabases } from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import { migrateToLatest, openDatabase } from '../../src/index.js';
import type { OpenDatabase } from '../../src/index.js';

/** Prepares a template (PostgreSQL) or a file (SQLite) with the shipped migrations. */
export async function migrateUrl(url: string): Promise<void> {
  const { db, close } = await openDatabase({ url });
  try {
    await migrateToLatest(db);
  } finally {
    await close();
  }
}

export interface MigratedTestDatabase extends OpenDatabase {
  readonly url: string;
}

/** A fresh migrated database of the dialect, closed and dropped after the test file. */
export async function openMigratedTestDatabase(
  dialect: TestDialect,
): Promise<MigratedTestDatabase> {
  const target = await createTestDatabase(dialect, migrateUrl);
  const open = await openDatabase({ url: target.url });
  cleanups.push(async () => {
    await open.close();
    await target.drop();
  });
  return { ...open, url: target.url };
}

const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await dropTestDatabases();
});
