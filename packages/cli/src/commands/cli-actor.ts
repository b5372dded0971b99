import { userInfo } from 'node:os';
import { detectCiContext } from '@slipway/engine';

export interface CatalogDatabaseOptions {
  dataDir?: string;
}

export const dataDirHelp =
  'directory of the embedded database (default .slipway; SLIPWAY_DATABASE_URL wins)';

/**
 * Recorded as the ledger actor: SLIPWAY_ACTOR; else, inside a CI run, the CI and who started the
 * run (`github-actions:octocat`); else the login name of the local user.
 */
export function cliActor(env: NodeJS.ProcessEnv): string {
  const fromEnv = env['SLIPWAY_ACTOR'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv.trim();
  const ci = detectCiContext(env);
  if (ci.name !== 'local') return `${ci.name}:${ci.actor ?? 'unknown'}`;
  try {
    return userInfo().username || 'cli';
  } catch {
    // No passwd entry (some containers): still record who, as far as we know.
    return 'cli';
  }
}
