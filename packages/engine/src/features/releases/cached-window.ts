import type { ParsedCommit, RawCommit } from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { ReadWindowOptions, WindowQuery } from './read-window.js';
import { readWindow } from './read-window.js';
import type { PlanCache } from './window-cache.js';
import { cacheKey } from './window-cache.js';

/**
 * The window's parsed commits. The cache keeps each window's commits as git printed them: with
 * the same head, git is not asked at all; when the cached head is an ancestor of this one, git
 * gives only the commits after it (`git log head --not base cached-head`), so a plan after N new
 * commits costs N commits of git's work. Parsing is always redone (it is the cheap part), so a
 * parser change can never leave the cache wrong.
 */
export async function readWindowCached<T = ParsedCommit>(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions<T>,
  cache: PlanCache,
): Promise<T[]> {
  const key = cacheKey({
    base: query.base,
    firstParent: query.firstParent,
    paths: query.paths ?? [],
  });
  const cached = await cache.readWindow(key);
  if (cached !== null && cached.head === query.head) return cached.commits.map(options.parse);

  const writer = cache.openWindow(key);
  const keep = (raw: RawCommit): T => {
    writer.add(raw);
    return options.parse(raw);
  };
  try {
    let commits: T[] | null = null;
    let oldestParent: string | undefined;
    if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
      const fresh = await readWindow(
        git,
        { ...query, alsoExclude: [cached.head] },
        {
          ...options,
          parse: (raw: RawCommit) => {
            oldestParent = raw.parents[0];
            return keep(raw);
          },
        },
      );
      // First-parent windows only join when the new commits continue the cached chain.
      if (!query.firstParent || oldestParent === cached.head) {
        commits = [...fresh, ...cached.commits.map(keep)];
      } else {
        writer.abort();
      }
    }
    commits ??= await readWindow(git, query, { ...options, parse: keep });
    await writer.commit(query.head);
    return commits;
  } catch (error) {
    writer.abort();
    throw error;
  }
}
