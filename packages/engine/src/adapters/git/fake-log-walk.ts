import type { RawCommit } from '@slipway/core';

/** A commit in FakeGit's DAG: what git stores, plus the paths it touched. */
export interface FakeCommit extends RawCommit {
  readonly files: readonly string[];
}

export interface WalkQuery {
  readonly to: string;
  readonly exclude: readonly string[];
  readonly firstParent: boolean;
  readonly paths: readonly string[];
}

/** Every commit reachable from `starts`, the starts included. */
export function reachable(
  commits: ReadonlyMap<string, FakeCommit>,
  starts: readonly string[],
): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  for (let sha = stack.pop(); sha !== undefined; sha = stack.pop()) {
    if (seen.has(sha)) continue;
    seen.add(sha);
    stack.push(...(commits.get(sha)?.parents ?? []));
  }
  return seen;
}

/** Commits of the window in commit-date order, newest first, as git's revision walk finds them. */
function dateOrderedWindow(
  commits: ReadonlyMap<string, FakeCommit>,
  query: WalkQuery,
): FakeCommit[] {
  const excluded = reachable(commits, query.exclude);
  const queued = new Set<string>([query.to]);
  // [commit, insertion counter]: git breaks date ties by insertion order.
  const queue: [FakeCommit, number][] = [];
  let counter = 0;
  const enqueue = (sha: string): void => {
    const commit = commits.get(sha);
    if (commit !== undefined) queue.push([commit, counter++]);
  };
  enqueue(query.to);
  const list: FakeCommit[] = [];
  while (queue.length > 0) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const [candidate, order] = queue[i] as [FakeCommit, number];
      const [current, currentOrder] = queue[best] as [FakeCommit, number];
      const newer = candidate.committerTime > current.committerTime;
      const tie = candidate.committerTime === current.committerTime && order < currentOrder;
      if (newer || tie) best = i;
    }
    const [commit] = queue.splice(best, 1)[0] as [FakeCommit, number];
    if (excluded.has(commit.sha)) continue;
    list.push(commit);
    const parents = query.firstParent ? commit.parents.slice(0, 1) : commit.parents;
    for (const parent of parents) {
      if (!queued.has(parent)) {
        queued.add(parent);
        enqueue(parent);
      }
    }
  }
  return list;
}

function touches(commit: FakeCommit, paths: readonly string[]): boolean {
  return commit.files.some((file) =>
    paths.some((path) => {
      const dir = path.replace(/\/+$/, '');
      return dir === '' || dir === '.' || file === dir || file.startsWith(`${dir}/`);
    }),
  );
}

/**
 * The window `to --not exclude...` in git log's default order (commit date, newest first). With paths, only commits that touch
 * them; unlike git's history simplification, merges count only through their own `files`.
 */
export function walkFakeLog(
  commits: ReadonlyMap<string, FakeCommit>,
  query: WalkQuery,
): FakeCommit[] {
  const ordered = dateOrderedWindow(commits, query);
  return query.paths.length === 0 ? ordered : ordered.filter((c) => touches(c, query.paths));
}
