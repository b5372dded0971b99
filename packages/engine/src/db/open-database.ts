import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, DatabaseDialectName } from './database.js';
import { openPostgresDatabase } from './open-postgres-database.js';
import type { PostgresOptions } from './open-postgres-database.js';
import { openSqliteDatabase } from './open-sqlite-database.js';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DatabaseDialectName;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions extends PostgresOptions {
  /** `postgres://…` / `postgresql://…`, or an SQLite file (`sqlite:path` or a plain path). */
  readonly url: string;
}

const openers: Record<
  DatabaseDialectName,
  (url: string, options: PostgresOptions) => Promise<OpenDatabase>
> = {
  postgres: openPostgresDatabase,
  sqlite: (url) => openSqliteDatabase(url.replace(/^sqlite:(\/\/)?/, '')),
};

export function dialectOfUrl(url: string): DatabaseDialectName {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const { url, ...rest } = options;
  return openers[dialectOfUrl(url)](url, rest);
}

/** `SLIPWAY_DATABASE_URL` wins; otherwise the embedded file in the data directory. */
export function databaseUrlFor(dataDir: string, env: NodeJS.ProcessEnv): string {
  const fromEnv = env['SLIPWAY_DATABASE_URL'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(dataDir, 'slipway.db');
}
