import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { CatalogService } from '@slipway/engine';
import { createCatalogService } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { withDatabase } from './with-database.js';

export interface CatalogDatabaseOptions {
  dataDir?: string;
}

export const dataDirHelp =
  'directory of the embedded database (default .slipway; SLIPWAY_DATABASE_URL wins)';

/** Opens (and migrates) the embedded or shared database for one catalog command. */
export function withCatalog<T>(
  command: Command,
  context: CliContext,
  options: CatalogDatabaseOptions,
  use: (catalog: CatalogService) => Promise<T>,
): Promise<T> {
  return withDatabase(command, context, options, (db) => use(createCatalogService(db)));
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
