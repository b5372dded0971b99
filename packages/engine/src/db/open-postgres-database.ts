import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './database.js';
import type { OpenDatabase } from './open-database.js';

/** pg type id of int8: returned as text by default; sequences stay far below 2^53. */
const int8TypeId = 20;

export interface PostgresOptions {
  /** Connections in the pool (pg's default is 10). */
  readonly maxConnections?: number;
}

/** Scale-out: several processes share one PostgreSQL database. */
export async function openPostgresDatabase(
  url: string,
  options: PostgresOptions = {},
): Promise<OpenDatabase> {
  // Loaded on demand so commands that need no database never load the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: {
      getTypeParser: ((id: number, format?: 'text' | 'binary') =>
        id === int8TypeId
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(id, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
