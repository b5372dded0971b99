import { parseRemoteUrl } from '@slipway/core';
import {
  DEFAULT_FORGE_TIMEOUT_MS,
  fetchWithTimeout,
} from '../../../adapters/forges/fetch-with-timeout.js';
import { forgeApiUrl, forgeAuthFromEnv } from '../../../adapters/forges/forge-api-url.js';
import type { PullRequestForgeKind } from '../../../adapters/forges/forge-port.js';
import { CachedEnrichment } from './cached-enrichment.js';
import type { ForgeEnrichmentPort } from './change-request.js';
import { GitHubEnrichment } from './github-enrichment.js';
import { GitLabEnrichment } from './gitlab-enrichment.js';

export interface ForgeEnrichmentOptions {
  readonly kind: PullRequestForgeKind;
  readonly remoteUrl: string;
  readonly env: NodeJS.ProcessEnv;
  /** Default: from the remote's host. */
  readonly apiUrl?: string;
  /** Where answers are kept per SHA across runs; null: memory only. */
  readonly cacheFile: string | null;
  readonly timeoutMs?: number;
}

/**
 * The enrichment for the remote, or null without a token or a network remote: everything then
 * works from git alone.
 */
export function createForgeEnrichment(options: ForgeEnrichmentOptions): ForgeEnrichmentPort | null {
  const remote = parseRemoteUrl(options.remoteUrl);
  const auth = forgeAuthFromEnv(options.kind, options.env);
  if (remote === null || auth === null) return null;
  const apiUrl = options.apiUrl ?? forgeApiUrl(options.kind, remote);
  const fetchImpl = fetchWithTimeout(options.timeoutMs ?? DEFAULT_FORGE_TIMEOUT_MS);
  const inner =
    options.kind === 'github'
      ? new GitHubEnrichment(apiUrl, remote.path, auth.token, fetchImpl)
      : new GitLabEnrichment(apiUrl, remote.path, auth.token, auth.tokenType, fetchImpl);
  return new CachedEnrichment(inner, options.cacheFile);
}
