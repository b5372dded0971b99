import type { BumpLevel } from '../versions/version.js';
import type { BumpReason } from './plan-types.js';

/** A revert in a summarized window, as much as a newer commit needs to know about it. */
export interface RevertMark {
  readonly sha: string | null;
  readonly header: string | null;
  readonly committerTime: number;
}

/**
 * What the planner needs of a window of commits, once reverts are applied: each level's bump
 * reasons in window order, and the rest of `collectBumps`' answer. Plain data, so it can be
 * cached, and mergeable: the summary of newer commits goes in front of an older one's (see
 * `BumpCollector.finishOnto`), so a plan after N new commits reads and parses N commits.
 *
 * The reasons depend on the planning configuration and on whether the current version is 0.x:
 * a summary is only valid for the ones it was collected with.
 */
export interface BumpSummary {
  /** Commits in the window, reverted pairs included. */
  readonly commits: number;
  readonly cancelledReverts: number;
  readonly reasons: Readonly<Record<BumpLevel, readonly BumpReason[]>>;
  /** Non-conventional commits that are not merges, in window order. */
  readonly nonConventional: readonly string[];
  /** The newest `Release-As` in the window, with its commit. */
  readonly releaseAs: { readonly value: string; readonly sha: string } | null;
  /** Every revert in the window: a newer commit they could name stops a merge. */
  readonly reverts: readonly RevertMark[];
}

/** A summary as read back from a cache: null when it is not one (a miss, not an error). */
export function asBumpSummary(value: unknown): BumpSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const summary = value as Partial<Record<keyof BumpSummary, unknown>>;
  const reasons = summary.reasons as Partial<Record<BumpLevel, unknown>> | undefined;
  const valid =
    typeof summary.commits === 'number' &&
    typeof summary.cancelledReverts === 'number' &&
    typeof reasons === 'object' &&
    reasons !== null &&
    Array.isArray(reasons.major) &&
    Array.isArray(reasons.minor) &&
    Array.isArray(reasons.patch) &&
    Array.isArray(summary.nonConventional) &&
    Array.isArray(summary.reverts) &&
    (summary.releaseAs === null || typeof summary.releaseAs === 'object');
  return valid ? (value as BumpSummary) : null;
}
