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
 * A window seen by column rather than as commit objects, so that a long window can be planned
 * without keeping an object per commit (see BumpCollector). Indices are window positions.
 */
export interface RevertTable {
  readonly length: number;
  sha(index: number): string;
  committerTime(index: number): number;
  header(index: number): string;
  revert(index: number): Revert | null;
  /** The positions whose `revert` is not null, in window order. */
  readonly reverts: readonly number[];
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
  const { active, cancelled } = cancelRevertsIn({
    length: commits.length,
    sha: (index) => commits[index]?.sha ?? '',
    committerTime: (index) => commits[index]?.committerTime ?? 0,
    header: (index) => commits[index]?.header ?? '',
    revert: (index) => commits[index]?.revert ?? null,
    reverts,
  });
  return { effective: commits.filter((_, index) => active[index] === 1), cancelled };
}

/** Which positions stay active (1) once every revert is applied, and the pairs that cancelled. */
export function cancelRevertsIn(table: RevertTable): {
  readonly active: Uint8Array;
  readonly cancelled: CancelledPair[];
} {
  const active = new Uint8Array(table.length).fill(1);
  const cancelled: CancelledPair[] = [];
  if (table.reverts.length === 0) return { active, cancelled };

  const bySha = new Map<string, number>();
  for (let index = 0; index < table.length; index++) bySha.set(table.sha(index), index);
  // Oldest first; equal times keep git's order reversed (older entries come later in the log).
  const reverts = [...table.reverts].sort(
    (a, b) => table.committerTime(a) - table.committerTime(b) || b - a,
  );

  // Which commit each cancelling revert switched off, so a revert of that revert can undo it.
  const cancelledBy = new Map<number, number>();
  for (const index of reverts) {
    if (active[index] !== 1) continue;
    const target = findTarget(table, bySha, index);
    if (target === null) continue;
    if (active[target] === 1) {
      active[target] = 0;
      active[index] = 0;
      cancelledBy.set(index, target);
      cancelled.push({ revert: table.sha(index), reverted: table.sha(target) });
    } else {
      // The target is itself a revert that cancelled something: re-instate that original.
      const original = cancelledBy.get(target);
      if (original === undefined) continue;
      active[original] = 1;
      active[index] = 0;
      cancelled.push({ revert: table.sha(index), reverted: table.sha(target) });
    }
  }
  return { active, cancelled };
}

function findTarget(
  table: RevertTable,
  bySha: ReadonlyMap<string, number>,
  revertIndex: number,
): number | null {
  const revert = table.revert(revertIndex);
  const sha = revert?.sha ?? null;
  if (sha !== null) {
    const exact = bySha.get(sha);
    if (exact !== undefined) return exact === revertIndex ? null : exact;
    if (sha.length < 7) return null;
    for (let index = 0; index < table.length; index++) {
      if (index !== revertIndex && table.sha(index).startsWith(sha)) return index;
    }
    return null;
  }
  // No SHA in the message: the nearest older commit with the reverted header.
  const header = revert?.header ?? null;
  if (header === null) return null;
  const time = table.committerTime(revertIndex);
  let best: number | null = null;
  for (let index = 0; index < table.length; index++) {
    if (index === revertIndex || table.header(index) !== header) continue;
    const candidate = table.committerTime(index);
    if (candidate > time) continue;
    if (best === null || candidate >= table.committerTime(best)) best = index;
  }
  return best;
}
