import type { ParsedCommit } from '../commits/types.js';

export interface CancelledPair {
  readonly revert: string;
  readonly reverted: string;
}

export interface RevertResult {
  /** The window without the pairs that cancel out, in the input order. */
  readonly effective: ParsedCommit[];
  readonly cancelled: CancelledPair[];
}

/**
 * A revert cancels the reverted commit when both are in the window: neither bumps nor appears in
 * the notes. A revert whose target is outside the window (already released) stays, as a `revert`
 * change. A revert of a revert brings the original back. Commits arrive newest first (git's order).
 */
export function cancelReverts(commits: readonly ParsedCommit[]): RevertResult {
  const bySha = new Map<string, number>();
  let hasRevert = false;
  commits.forEach((commit, index) => {
    bySha.set(commit.sha, index);
    if (commit.revert !== null) hasRevert = true;
  });
  if (!hasRevert) return { effective: [...commits], cancelled: [] };

  const active = commits.map(() => true);
  // Which commit each cancelling revert switched off, so a revert of that revert can undo it.
  const cancelledBy = new Map<number, number>();
  const cancelled: CancelledPair[] = [];

  for (let index = commits.length - 1; index >= 0; index--) {
    const commit = commits[index];
    if (commit?.revert == null) continue;
    const target = findTarget(commits, bySha, commit, index);
    if (target === null) continue;
    if (active[target] === true) {
      active[target] = false;
      active[index] = false;
      cancelledBy.set(index, target);
      cancelled.push({ revert: commit.sha, reverted: commits[target]?.sha ?? '' });
    } else {
      // The target is itself a revert that cancelled something: re-instate that original.
      const original = cancelledBy.get(target);
      if (original === undefined) continue;
      active[original] = true;
      active[index] = false;
      cancelled.push({ revert: commit.sha, reverted: commits[target]?.sha ?? '' });
    }
  }
  return { effective: commits.filter((_, index) => active[index] === true), cancelled };
}

function findTarget(
  commits: readonly ParsedCommit[],
  bySha: ReadonlyMap<string, number>,
  revert: ParsedCommit,
  revertIndex: number,
): number | null {
  const sha = revert.revert?.sha ?? null;
  if (sha !== null) {
    const exact = bySha.get(sha);
    if (exact !== undefined) return exact > revertIndex ? exact : null;
    if (sha.length >= 7) {
      for (let index = revertIndex + 1; index < commits.length; index++) {
        if (commits[index]?.sha.startsWith(sha) === true) return index;
      }
    }
    return null;
  }
  // No sha in the message: the nearest older commit with the reverted header.
  const header = revert.revert?.header ?? null;
  if (header === null) return null;
  for (let index = revertIndex + 1; index < commits.length; index++) {
    if (commits[index]?.header === header) return index;
  }
  return null;
}
