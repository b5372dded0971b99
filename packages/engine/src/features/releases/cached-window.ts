import type { ParsedCommit } from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { ReadWindowOptions, WindowQuery } from './read-window.js';
import { readWindow } from './read-window.js';
import type { PlanCache } from './window-cache.js';
import { cacheKey } from './window-cache.js';

/**
 * The window's parsed commits, reusing the cached window of an earlier head: when that head is an
 * ancestor of this one, only the commits after it are read and parsed (`git log head --not base
 * earlier-head`), so a plan after N new commits costs about N commits of work.
 */
export async function readWindowCached(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions & { readonly parserKey: unknown },
  cache: PlanCache,
): Promise<ParsedCommit[]> {
  const key = cacheKey({
    base: query.base,
    firstParent: query.firstParent,
    paths: query.paths ?? [],
    parser: options.parserKey,
  });
  const cached = await cache.readWindow(key);
  if (cached !== null && cached.head === query.head) return [...cached.commits];

  let commits: ParsedCommit[] | null = null;
  if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
    const fresh = await readWindow(git, { ...query, alsoExclude: [cached.head] }, options);
    // First-parent windows only join when the new commits continue the cached chain.
    const oldest = fresh.at(-1);
    if (!query.firstParent || oldest?.parents[0] === cached.head) {
      commits = [...fresh, ...cached.commits];
    }
  }
  commits ??= await readWindow(git, query, options);
  await cache.writeWindow(key, { head: query.head, commits });
  return commits;
}
