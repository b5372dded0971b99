import type { ForgeBreaking } from '@slipway/core';
import { forgeAuthFromEnv } from '../../../adapters/forges/forge-api-url.js';
import type { GitPort } from '../../../adapters/git/git-port.js';
import type { ForgeBreakingLookup } from '../../releases/plan-service.js';
import { enrichmentSource } from './enrich-release.js';
import type { ReleaseEnrichment } from './release-enrichment.js';
import { enrichCommits } from './release-enrichment.js';

/**
 * What the plan service asks the forge before the bump is computed: the pull/merge requests of
 * the window's commits (found as the notes' enrichment finds them: the number in the message,
 * else the commit's SHA), and which of them declare a breaking change in their body or a `!`
 * in their title. Null without any forge token: nothing is looked up, the plan is git's alone.
 */
export function forgeBreakingLookup(
  git: GitPort,
  env: NodeJS.ProcessEnv,
): ForgeBreakingLookup | null {
  if (forgeAuthFromEnv('github', env) === null && forgeAuthFromEnv('gitlab', env) === null) {
    return null;
  }
  return async (config, commits) => {
    const remoteUrl = config.links.repositoryUrl ?? (await git.remoteUrl(config.release.remote));
    const source = enrichmentSource({
      remoteUrl,
      ...(config.links.forge === undefined ? {} : { forge: config.links.forge }),
      env,
    });
    if (source.kind === null) return { breaking: [], notes: [] };
    const found = await enrichCommits(commits, source.port, source.kind);
    return { breaking: breakingCommits(found), notes: found.notes };
  };
}

/** Each commit of a breaking change request, with the request's `BREAKING CHANGE:` texts. */
export function breakingCommits(enrichment: ReleaseEnrichment): ForgeBreaking[] {
  const sigil = enrichment.forge === 'gitlab' ? '!' : '#';
  const seen = new Set<string>();
  const breaking: ForgeBreaking[] = [];
  for (const request of enrichment.changeRequests) {
    if (!request.breaking) continue;
    for (const sha of request.commits) {
      if (seen.has(sha)) continue;
      seen.add(sha);
      breaking.push({
        sha,
        pullRequest: `${sigil}${request.number}`,
        notes: request.breakingNotes,
      });
    }
  }
  return breaking;
}
