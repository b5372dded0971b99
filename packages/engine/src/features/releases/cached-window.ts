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
export async function readWindowCached(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions,
  cache: PlanCache,
): Promise<ParsedCommit[]> {
  const key = cacheKey({
    base: query.base,
    firstParent: query.firstParent,
    paths: query.paths ?? [],
  });
  const cached = await cache.readWindow(key);
  if (cached !== null && cached.head === query.head) return cached.commits.map(options.parse);

  const writer = cache.openWindow(key);
  const keep = (raw: RawCommit): ParsedCommit => {
    writer.add(raw);
    return options.parse(raw);
  };
  try {
    let commits: ParsedCommit[] | null = null;
    if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
      const fresh = await readWindow(
        git,
        { ...query, alsoExclude: [cached.head] },
        { ...options, parse: keep },
      );
      // First-parent windows only join when the new commits continue the cached chain.
      const oldest = fresh.at(-1);
      if (!query.firstParent || oldest?.parents[0] === cached.head) {
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
