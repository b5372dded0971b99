import type { ForgeBreaking, PackagePlan, ParsedCommit, PlanWarning } from '@slipway/core';
import type { SlipwayConfig } from '../../config/index.js';
import type { BreakingCandidate, ForgeBreakingLookup } from './plan-service.js';

/** The window with the commits the forge made breaking marked so. */
export interface ForgeBreakingWindow {
  /** The window's commits, those made breaking with `breaking` changes and the request's texts. */
  readonly commits: readonly ParsedCommit[];
  readonly breaking: readonly ForgeBreaking[];
  /** Lookups that failed: the bump may be missing a breaking change. */
  readonly warnings: readonly PlanWarning[];
}

/**
 * Asks the forge which conventional, not yet breaking commits of the window its pull/merge
 * request declares breaking (a squash merge keeps only the title). Null when none is and no
 * lookup failed: the plan from git alone stands, unchanged.
 */
export async function forgeBreakingWindow(
  lookup: ForgeBreakingLookup,
  config: SlipwayConfig,
  window: readonly ParsedCommit[],
): Promise<ForgeBreakingWindow | null> {
  const candidates: BreakingCandidate[] = window
    .filter((commit) => commit.changes.length > 0 && !commit.changes.some((c) => c.breaking))
    .map((commit) => ({
      sha: commit.sha,
      pullRequests: [
        ...new Set(
          commit.changes.flatMap((change) =>
            change.pullRequests.filter((ref) => ref.repository === null).map((ref) => ref.number),
          ),
        ),
      ],
    }));
  if (candidates.length === 0) return null;
  const found = await lookup(config, candidates);
  const warnings: PlanWarning[] = found.notes.map((message) => ({ code: 'forge', message }));
  if (found.breaking.length === 0 && warnings.length === 0) return null;
  const bySha = new Map(found.breaking.map((entry) => [entry.sha, entry]));
  const commits =
    bySha.size === 0
      ? window
      : window.map((commit) => {
          const entry = bySha.get(commit.sha);
          if (entry === undefined) return commit;
          return {
            ...commit,
            changes: commit.changes.map((change) => ({
              ...change,
              breaking: true,
              breakingNotes: change.breakingNotes.length > 0 ? change.breakingNotes : entry.notes,
            })),
          };
        });
  return { commits, breaking: found.breaking, warnings };
}

/** The plan with the failed lookups' warnings. */
export function withForgeWarnings(
  plan: PackagePlan,
  forged: ForgeBreakingWindow | null,
): PackagePlan {
  if (forged === null || forged.warnings.length === 0) return plan;
  return { ...plan, warnings: [...plan.warnings, ...forged.warnings] };
}
