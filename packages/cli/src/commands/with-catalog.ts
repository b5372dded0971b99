import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CatalogService } from '@slipway/engine';
import {
  createCatalogService,
  databaseUrlFor,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions } from '../cli-context.js';

export interface CatalogDatabaseOptions {
  dataDir?: string;
}

export const dataDirHelp =
  'directory of the embedded database (default .slipway; SLIPWAY_DATABASE_URL wins)';

/** Opens (and migrates) the embedded or shared database for one catalog command. */
export async function withCatalog<T>(
  command: Command,
  context: CliContext,
  options: CatalogDatabaseOptions,
  use: (catalog: CatalogService) => Promise<T>,
): Promise<T> {
  const { cwd } = globalOptions(command, context.streams);
  const dataDir = resolve(cwd, options.dataDir ?? '.slipway');
  const { db, close } = await openDatabase({ url: databaseUrlFor(dataDir, context.streams.env) });
  try {
    await migrateToLatest(db);
    return await use(createCatalogService(db));
  } finally {
    await close();
  }
}

/** Recorded as the ledger actor: SLIPWAY_ACTOR, else the login name of the local user. */
export function cliActor(env: NodeJS.ProcessEnv): string {
  const fromEnv = env['SLIPWAY_ACTOR'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  try {
    return userInfo().username || 'cli';
  } catch {
    // No passwd entry (some containers): still record who, as far as we know.
    return 'cli';
  }
}
