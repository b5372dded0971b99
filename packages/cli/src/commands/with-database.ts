import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Database } from '@slipway/engine';
import { databaseUrlFor, migrateToLatest, openDatabase } from '@slipway/engine';
import type { Kysely } from 'kysely';
import type { CliContext } from '../cli-context.js';
import { globalOptions } from '../cli-context.js';

export interface DatabaseOptions {
  dataDir?: string;
}

/**
 * Opens (and migrates) the embedded database under `--data-dir` (default `.slipway` in `--cwd`),
 * or the shared one of SLIPWAY_DATABASE_URL, for one command, and closes it afterwards.
 */
export async function withDatabase<T>(
  command: Command,
  context: CliContext,
  options: DatabaseOptions,
  use: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const { cwd } = globalOptions(command, context.streams);
  const dataDir = resolve(cwd, options.dataDir ?? '.slipway');
  const { db, close } = await openDatabase({ url: databaseUrlFor(dataDir, context.streams.env) });
  try {
    await migrateToLatest(db);
    return await use(db);
  } finally {
    await close();
  }
}
