import type { ForgeKind, ReleaseNotes } from '@slipway/core';
import { parseRemoteUrl } from '@slipway/core';
import { forgeAuthFromEnv } from '../../../adapters/forges/forge-api-url.js';
import type { PullRequestForgeKind } from '../../../adapters/forges/forge-port.js';
import type { ForgeEnrichmentPort } from './change-request.js';
import { createForgeEnrichment } from './create-forge-enrichment.js';
import {
  applyEnrichmentToNotes,
  breakingMismatches,
  commitsOfNotes,
} from './enrich-release-notes.js';
import { enrichCommits, offlineEnrichment, type ReleaseEnrichment } from './release-enrichment.js';

export interface EnrichmentSourceOptions {
  /** The release remote's URL; null when the repository has none. */
  readonly remoteUrl: string | null;
  /** `[links] forge`, for hosts whose name does not tell. */
  readonly forge?: ForgeKind | null;
  readonly env: NodeJS.ProcessEnv;
  /** Default: `SLIPWAY_FORGE_API_URL`, else derived from the remote's host. */
  readonly apiUrl?: string;
  readonly cacheFile?: string | null;
}

/** The forge to ask, or why none is asked (a sentence for people). */
export type EnrichmentSource =
  | { readonly kind: PullRequestForgeKind; readonly port: ForgeEnrichmentPort }
  | { readonly kind: null; readonly note: string };

const tokenVariables: Record<PullRequestForgeKind, string> = {
  github: 'GITHUB_TOKEN or GH_TOKEN',
  gitlab: 'GITLAB_TOKEN',
};

export function enrichmentSource(options: EnrichmentSourceOptions): EnrichmentSource {
  const offline = (why: string): EnrichmentSource => ({
    kind: null,
    note: `no forge lookups (${why}): release notes and the change record come from git alone`,
  });
  if (options.remoteUrl === null) return offline('the repository has no remote');
  const remote = parseRemoteUrl(options.remoteUrl);
  const forge = options.forge ?? remote?.forge ?? null;
  if (forge !== 'github' && forge !== 'gitlab') {
    return offline(
      `${remote?.host ?? options.remoteUrl} is not known as GitHub or GitLab; set [links] forge`,
    );
  }
  // GitLab refuses job tokens on its merge request endpoints: asking would only fail.
  if (forge === 'gitlab' && forgeAuthFromEnv(forge, options.env)?.tokenType === 'job-token') {
    return offline('CI_JOB_TOKEN cannot read merge requests; set GITLAB_TOKEN to a read_api token');
  }
  const apiUrl = options.apiUrl ?? nonEmpty(options.env['SLIPWAY_FORGE_API_URL']);
  const port = createForgeEnrichment({
    kind: forge,
    remoteUrl: options.remoteUrl,
    env: options.env,
    cacheFile: options.cacheFile ?? null,
    ...(apiUrl === undefined ? {} : { apiUrl }),
  });
  if (port === null) return offline(`set ${tokenVariables[forge]} to look up pull requests`);
  return { kind: forge, port };
}

export interface EnrichedNotes {
  readonly notes: ReleaseNotes;
  readonly enrichment: ReleaseEnrichment;
}

/**
 * Release notes with the forge's pull request titles, authors and closed issues, and the
 * enrichment itself (reviewers for the change record and approvals). Offline: the notes as
 * they were, and a note saying why.
 */
export async function enrichReleaseNotes(
  notes: ReleaseNotes,
  source: EnrichmentSource,
): Promise<EnrichedNotes> {
  if (source.kind === null) return { notes, enrichment: offlineEnrichment(source.note) };
  const found = await enrichCommits(commitsOfNotes(notes), source.port, source.kind);
  const enrichment = { ...found, notes: [...found.notes, ...breakingMismatches(notes, found)] };
  return { notes: applyEnrichmentToNotes(notes, enrichment), enrichment };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
