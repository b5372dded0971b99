import type { PlanChange, PlanCommit } from '@slipway/core';

/**
 * PlanCommits as JSON tuples rather than objects: a 100,000-commit window is read back on every
 * plan after new commits, and the keys alone were a third of the file.
 */
type ChangeTuple = [type: string, scope: string | null, description: string, breaking: 0 | 1];
type CommitTuple = [
  sha: string,
  committerTime: number,
  header: string,
  flags: number,
  changes: ChangeTuple[],
  revert: [header: string | null, sha: string | null] | 0,
  releaseAs: string | 0,
];

const CONVENTIONAL = 1;
const MERGE = 2;

export function encodePlanCommits(commits: readonly PlanCommit[]): CommitTuple[] {
  return commits.map((commit) => [
    commit.sha,
    commit.committerTime,
    commit.header,
    (commit.conventional ? CONVENTIONAL : 0) | (commit.merge ? MERGE : 0),
    commit.changes.map((change) => [
      change.type,
      change.scope,
      change.description,
      change.breaking ? 1 : 0,
    ]),
    commit.revert === null ? 0 : [commit.revert.header, commit.revert.sha],
    commit.releaseAs ?? 0,
  ]);
}

/** Null when the data is not what `encodePlanCommits` wrote (a cache miss, not an error). */
export function decodePlanCommits(value: unknown): PlanCommit[] | null {
  if (!Array.isArray(value)) return null;
  const commits: PlanCommit[] = [];
  for (const item of value as unknown[]) {
    if (!Array.isArray(item) || item.length !== 7) return null;
    const [sha, committerTime, header, flags, changes, revert, releaseAs] = item as CommitTuple;
    if (typeof sha !== 'string' || typeof committerTime !== 'number' || !Array.isArray(changes))
      return null;
    commits.push({
      sha,
      committerTime,
      header,
      conventional: (flags & CONVENTIONAL) !== 0,
      merge: (flags & MERGE) !== 0,
      changes: changes.map(([type, scope, description, breaking]): PlanChange => ({
        type,
        scope,
        description,
        breaking: breaking === 1,
      })),
      revert: revert === 0 ? null : { header: revert[0], sha: revert[1] },
      releaseAs: releaseAs === 0 ? null : releaseAs,
    });
  }
  return commits;
}
