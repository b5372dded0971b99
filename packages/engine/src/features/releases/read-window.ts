import type { ParsedCommit, RawCommit } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { GitPort, LogFields } from '../../adapters/git/git-port.js';

export interface WindowQuery {
  readonly head: string;
  /** The base release's commit; null walks all history (first release). */
  readonly base: string | null;
  readonly firstParent: boolean;
  readonly paths?: readonly string[];
  /** More revisions to leave out (an already-read earlier head). */
  readonly alsoExclude?: readonly string[];
  /** List each commit's changed paths (monorepo attribution). */
  readonly withFiles?: boolean;
  /** `planning`: no author fields (see LogQuery.fields); for folds that only plan. */
  readonly fields?: LogFields;
}

export interface ReadWindowOptions<T = ParsedCommit> {
  readonly parse: (raw: RawCommit) => T;
  /** Boundary commits of a shallow clone (`.git/shallow`); empty for a full clone. */
  readonly shallowBoundary: ReadonlySet<string>;
}

/**
 * Streams the window's commits from one `git log`, parsing each as it arrives. A shallow clone
 * whose window reaches the clone's boundary is refused: its history is cut, and a plan from it
 * would be silently wrong.
 */
export async function readWindow<T = ParsedCommit>(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions<T>,
): Promise<T[]> {
  const commits: T[] = [];
  await streamWindow(git, query, {
    visit: (raw) => void commits.push(options.parse(raw)),
    shallowBoundary: options.shallowBoundary,
  });
  return commits;
}

export interface StreamWindowOptions {
  /** Called for each commit, newest first, as git prints it. */
  readonly visit: (raw: RawCommit) => void;
  readonly shallowBoundary: ReadonlySet<string>;
}

/**
 * `readWindow` without the array: for callers that fold the window as it streams (a bump
 * summary), so that nothing per commit has to outlive its turn. Returns the number of commits.
 */
export async function streamWindow(
  git: GitPort,
  query: WindowQuery,
  options: StreamWindowOptions,
): Promise<number> {
  let count = 0;
  const logQuery = {
    to: query.head,
    exclude: [...(query.base === null ? [] : [query.base]), ...(query.alsoExclude ?? [])],
    firstParent: query.firstParent,
    ...(query.paths === undefined ? {} : { paths: query.paths }),
    ...(query.withFiles === true ? { withFiles: true } : {}),
    ...(query.fields === undefined ? {} : { fields: query.fields }),
  };
  const { shallowBoundary, visit } = options;
  // A full clone has no boundary: no SHA needs hashing to look it up (100,000 on a long window).
  const shallow = shallowBoundary.size > 0;
  for await (const batch of git.logBatches(logQuery)) {
    for (const raw of batch) {
      if (shallow && shallowBoundary.has(raw.sha)) throw shallowError(query.base);
      visit(raw);
    }
    count += batch.length;
  }
  if (query.base === null && query.alsoExclude === undefined && options.shallowBoundary.size > 0) {
    throw shallowError(null);
  }
  return count;
}

function shallowError(base: string | null): SlipwayError {
  const what =
    base === null
      ? 'no release tag is reachable in the fetched history, so earlier releases may be missing'
      : 'the history stops before the last release tag';
  return new SlipwayError('GIT_SHALLOW', `this is a shallow clone and ${what}`, {
    hint: 'Fetch the whole history and the tags: `git fetch --unshallow --tags` (GitHub Actions: actions/checkout with `fetch-depth: 0`; GitLab CI: GIT_DEPTH: 0).',
  });
}
