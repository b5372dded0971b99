import type { ReleaseNotes } from '@slipway/core';
import type { GitPort, ReleaseEnrichment, SlipwayConfig } from '@slipway/engine';
import {
  enrichReleaseNotes,
  enrichmentSource,
  forgeAuthFromEnv,
  offlineEnrichment,
} from '@slipway/engine';
import type { Output } from '../output.js';

const forgeKinds = ['github', 'gitlab'] as const;
const noTokenNote =
  'no forge lookups (no GITHUB_TOKEN, GH_TOKEN or GITLAB_TOKEN): release notes and the change record come from git alone';

/** `--forge` asks the forge and says why it could not; `--no-forge` never asks. */
export type ForgeMode = boolean | undefined;

export interface ForgeNotesEnricher {
  readonly enrich: (notes: ReleaseNotes) => Promise<ReleaseNotes>;
  /** What the last `enrich` found: reviewers and pull requests for the change record. */
  readonly last: () => ReleaseEnrichment | null;
}

/**
 * Whether `forgeNotesEnricher` will ask the forge (or say why it could not): with `--forge`, or
 * by default when a token is set. When not, the notes are exactly what git gives.
 */
export function forgeMayEnrich(env: NodeJS.ProcessEnv, mode: ForgeMode): boolean {
  if (mode !== undefined) return mode;
  return forgeKinds.some((kind) => forgeAuthFromEnv(kind, env) !== null);
}

/**
 * Adds pull request titles, authors and closed issues to release notes when a forge token is
 * set (or `--forge`). Lookup failures and, with `--forge`, the reason nothing was looked up
 * are warnings: the notes from git alone are always complete.
 */
export async function forgeNotesEnricher(
  git: GitPort,
  config: SlipwayConfig,
  env: NodeJS.ProcessEnv,
  output: Output,
  mode: ForgeMode,
): Promise<ForgeNotesEnricher> {
  let last: ReleaseEnrichment | null = null;
  if (mode === false) return { enrich: (notes) => Promise.resolve(notes), last: () => last };
  // Without any token nothing can be looked up: not even the remote is read (notes stay fast).
  if (!forgeMayEnrich(env, mode)) {
    return {
      last: () => last,
      enrich: (notes) => {
        last = offlineEnrichment(noTokenNote);
        return Promise.resolve(notes);
      },
    };
  }
  const remoteUrl = config.links.repositoryUrl ?? (await git.remoteUrl(config.release.remote));
  const source = enrichmentSource({
    remoteUrl,
    ...(config.links.forge === undefined ? {} : { forge: config.links.forge }),
    env,
  });
  return {
    last: () => last,
    enrich: async (notes) => {
      const enriched = await enrichReleaseNotes(notes, source);
      last = enriched.enrichment;
      const quiet = enriched.enrichment.status === 'offline' && mode !== true;
      if (!quiet) for (const note of enriched.enrichment.notes) output.warn(note);
      return enriched.notes;
    },
  };
}
