import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { OpenDatabase } from './open-database.js';
import { SlipwaySqliteDialect } from './sqlite-dialect.js';

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const busyTimeoutMs = 5_000;

/** The embedded default: one file, WAL (readers never block the writer), foreign keys on. */
export async function openSqliteDatabase(path: string): Promise<OpenDatabase> {
  // Loaded on demand so commands that need no database never load the native module.
  const { default: BetterSqlite } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SlipwaySqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
