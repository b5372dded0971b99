import type { Revert } from '../commits/types.js';

/** What revert cancellation reads of a commit. */
export interface RevertSubject {
  readonly sha: string;
  readonly committerTime: number;
  readonly header: string;
  readonly revert: Revert | null;
}

export interface CancelledPair {
  readonly revert: string;
  readonly reverted: string;
}

export interface RevertResult<T extends RevertSubject> {
  /** The window without the pairs that cancel out, in the input order. */
  readonly effective: T[];
  readonly cancelled: CancelledPair[];
}

/**
 * A revert cancels the reverted commit when both are in the window: neither bumps nor appears in
 * the notes. A revert whose target is outside the window (already released) stays, as a `revert`
 * change. A revert of a revert brings the original back.
 *
 * Order-independent: git's default log order is by date, not topology, so reverts are applied in
 * the order they were made (committer time; a revert names its target's SHA, so it is younger).
 */
export function cancelReverts<T extends RevertSubject>(commits: readonly T[]): RevertResult<T> {
  const reverts: number[] = [];
  commits.forEach((commit, index) => {
    if (commit.revert !== null) reverts.push(index);
  });
  if (reverts.length === 0) return { effective: [...commits], cancelled: [] };

  const bySha = new Map<string, number>();
  commits.forEach((commit, index) => bySha.set(commit.sha, index));
  // Oldest first; equal times keep git's order reversed (older entries come later in the log).
  reverts.sort(
    (a, b) => (commits[a]?.committerTime ?? 0) - (commits[b]?.committerTime ?? 0) || b - a,
  );

  const active = commits.map(() => true);
  // Which commit each cancelling revert switched off, so a revert of that revert can undo it.
  const cancelledBy = new Map<number, number>();
  const cancelled: CancelledPair[] = [];
  for (const index of reverts) {
    const commit = commits[index];
    if (commit === undefined || !active[index]) continue;
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
  commits: readonly RevertSubject[],
  bySha: ReadonlyMap<string, number>,
  revert: RevertSubject,
  revertIndex: number,
): number | null {
  const sha = revert.revert?.sha ?? null;
  if (sha !== null) {
    const exact = bySha.get(sha);
    if (exact !== undefined) return exact === revertIndex ? null : exact;
    if (sha.length < 7) return null;
    const index = commits.findIndex(
      (commit, position) => position !== revertIndex && commit.sha.startsWith(sha),
    );
    return index === -1 ? null : index;
  }
  // No SHA in the message: the nearest older commit with the reverted header.
  const header = revert.revert?.header ?? null;
  if (header === null) return null;
  const time = revert.committerTime;
  let best: number | null = null;
  commits.forEach((commit, index) => {
    if (index === revertIndex || commit.header !== header || commit.committerTime > time) return;
    if (best === null || commit.committerTime >= (commits[best]?.committerTime ?? 0)) best = index;
  });
  return best;
}
