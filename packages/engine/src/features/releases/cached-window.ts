import type { ParsedCommit, PlanCommit, RawCommit } from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { ReadWindowOptions, WindowQuery } from './read-window.js';
import { readWindow } from './read-window.js';
import type { PlanCache, WindowWriter } from './window-cache.js';
import { cacheKey } from './window-cache.js';

export function windowKey(query: WindowQuery): string {
  return cacheKey({ base: query.base, firstParent: query.firstParent, paths: query.paths ?? [] });
}

/**
 * The window's parsed commits (for notes). The cache keeps each window's commits as git printed
 * them: with the same head, git is not asked at all; when the cached head is an ancestor of this
 * one, git gives only the commits after it (`git log head --not base cached-head`). Parsing is
 * redone (the cheap part), so a parser change can never leave the cache wrong.
 */
export async function readWindowCached(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions,
  cache: PlanCache,
): Promise<ParsedCommit[]> {
  const key = windowKey(query);
  const cached = await cache.readWindow(key);
  if (cached !== null && cached.head === query.head) return cached.commits.map(options.parse);
  const writer = cache.openWindow(key);
  return withWriter(writer, query.head, async () => {
    if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
      const fresh = await readAfter(git, query, cached.head, options, writer);
      if (fresh !== null) {
        await writer.appendCached(key);
        return [...fresh, ...cached.commits.map(options.parse)];
      }
    }
    return readWindow(git, query, recording(options, writer));
  });
}

/**
 * What the planner reads of the window's commits. Kept beside the raw window, so that a plan
 * after N new commits asks git for N commits and parses N commits; the earlier part is read back
 * from one JSON file. The raw window is kept up to date on the way, for `notes`.
 */
export async function readPlanWindowCached(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions<PlanCommit> & { readonly parserKey: unknown },
  cache: PlanCache,
): Promise<readonly PlanCommit[]> {
  const key = windowKey(query);
  const planKey = cacheKey({ window: key, parser: options.parserKey });
  const cached = await cache.readPlanCommits(planKey);
  if (cached !== null && cached.head === query.head) return cached.commits;
  const writer = cache.openWindow(key);
  const commits = await withWriter(writer, query.head, async () => {
    if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
      const fresh = await readAfter(git, query, cached.head, options, writer);
      if (fresh !== null) {
        // The raw window follows only when it is the one these plan commits came from.
        if ((await cache.windowHead(key)) === cached.head) await writer.appendCached(key);
        else writer.abort();
        return [...fresh, ...cached.commits];
      }
    }
    return readWindow(git, query, recording(options, writer));
  });
  await cache.writePlanCommits(planKey, { head: query.head, commits });
  return commits;
}

/**
 * The commits after `cachedHead`, recorded into `writer`; null when they do not continue the
 * cached window (first-parent windows join only when the new commits extend the cached chain).
 */
async function readAfter<T>(
  git: GitPort,
  query: WindowQuery,
  cachedHead: string,
  options: ReadWindowOptions<T>,
  writer: WindowWriter,
): Promise<T[] | null> {
  let oldestParent: string | undefined;
  const fresh = await readWindow(
    git,
    { ...query, alsoExclude: [cachedHead] },
    {
      ...options,
      parse: (raw: RawCommit) => {
        oldestParent = raw.parents[0];
        writer.add(raw);
        return options.parse(raw);
      },
    },
  );
  if (!query.firstParent || fresh.length === 0 || oldestParent === cachedHead) return fresh;
  writer.reset();
  return null;
}

function recording<T>(options: ReadWindowOptions<T>, writer: WindowWriter): ReadWindowOptions<T> {
  return {
    ...options,
    parse: (raw: RawCommit) => {
      writer.add(raw);
      return options.parse(raw);
    },
  };
}

async function withWriter<T>(
  writer: WindowWriter,
  head: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    const result = await read();
    await writer.commit(head);
    return result;
  } catch (error) {
    writer.abort();
    throw error;
  }
}
