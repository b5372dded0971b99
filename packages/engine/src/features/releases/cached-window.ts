import type {
  BumpCollector,
  BumpSummary,
  ParsedCommit,
  PlanCommit,
  RawCommit,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { ReadWindowOptions, WindowQuery } from './read-window.js';
import { streamWindow } from './read-window.js';
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
export async function readWindowCached<T = ParsedCommit>(
  git: GitPort,
  query: WindowQuery,
  options: ReadWindowOptions<T>,
  cache: PlanCache,
): Promise<T[]> {
  const commits: T[] = [];
  await visitWindowCached(
    git,
    query,
    { ...options, visit: (commit) => commits.push(commit) },
    cache,
  );
  return commits;
}

export interface VisitWindowOptions<T> extends ReadWindowOptions<T> {
  /** Called with each parsed commit, newest first. */
  readonly visit: (commit: T) => void;
}

/**
 * `readWindowCached` without the array, for callers that fold the window as it comes (notes
 * and the bump summary together), so no parsed commit has to outlive its turn.
 */
export async function visitWindowCached<T>(
  git: GitPort,
  query: WindowQuery,
  options: VisitWindowOptions<T>,
  cache: PlanCache,
): Promise<void> {
  const key = windowKey(query);
  const cached = await cache.readWindow(key);
  const visitRaw = (raw: RawCommit): void => options.visit(options.parse(raw));
  if (cached !== null && cached.head === query.head) {
    cached.commits.forEach(visitRaw);
    return;
  }
  const writer = cache.openWindow(key);
  await withWriter(writer, query.head, async () => {
    if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
      // Held until the new commits are known to continue the cached window.
      const fresh: T[] = [];
      const joined = await readAfter(git, query, cached.head, options, writer, (raw) =>
        fresh.push(options.parse(raw)),
      );
      if (joined) {
        await writer.appendCached(key);
        fresh.forEach(options.visit);
        cached.commits.forEach(visitRaw);
        return;
      }
    }
    await streamWindow(git, query, {
      visit: (raw) => {
        writer.add(raw);
        visitRaw(raw);
      },
      shallowBoundary: options.shallowBoundary,
    });
  });
}

export interface SummaryOptions {
  /** The planner's parse of one commit (see createPlanCommitParser). */
  readonly parse: (raw: RawCommit) => PlanCommit;
  /** A new, empty collector for this plan's configuration. */
  readonly collector: () => BumpCollector;
  /** Everything the summary depends on besides the window: parser and planning configuration. */
  readonly summaryKey: unknown;
  readonly shallowBoundary: ReadonlySet<string>;
}

/**
 * The window's bump summary, folded as git streams (no object per commit outlives its turn).
 * Cached beside the raw window: when the cached head is an ancestor of this one, git gives only
 * the commits after it, and their summary goes in front of the cached one, so a plan after N new
 * commits reads, parses and summarizes N commits. When the new commits hold a revert (whose
 * target may be older), the older part is parsed again from the raw window. The raw window is
 * kept up to date on the way, for `notes`.
 */
export async function readBumpSummaryCached(
  git: GitPort,
  query: WindowQuery,
  options: SummaryOptions,
  cache: PlanCache,
): Promise<BumpSummary> {
  const key = windowKey(query);
  const summaryKey = cacheKey({ window: key, summary: options.summaryKey });
  const cached = await cache.readSummary(summaryKey);
  if (cached !== null && cached.head === query.head) return cached.summary;
  const writer = cache.openWindow(key);
  const summary = await withWriter(writer, query.head, async () => {
    if (cached !== null && (await git.isAncestor(cached.head, query.head))) {
      const newer = options.collector();
      const joined = await readAfter(git, query, cached.head, options, writer, (raw) =>
        newer.add(options.parse(raw)),
      );
      if (joined) {
        // The raw window follows only when it is the one the cached summary came from.
        const rawFollows = (await cache.windowHead(key)) === cached.head;
        const merged = newer.finishOnto(cached.summary);
        if (merged !== null) {
          if (rawFollows) await writer.appendCached(key);
          else writer.abort();
          return merged;
        }
        const older = rawFollows ? await cache.readWindow(key) : null;
        if (older !== null && older.head === cached.head) {
          for (const raw of older.commits) newer.add(options.parse(raw));
          await writer.appendCached(key);
          return newer.finish();
        }
        writer.reset();
      }
    }
    const collector = options.collector();
    // Without a kept raw window (caching off), git prints only what the planner reads: about
    // half the bytes. A kept window is read by `notes`, which needs the authors and dates.
    const fields = cache.keepsWindows ? 'full' : 'planning';
    await streamWindow(
      git,
      { ...query, fields },
      {
        visit: (raw) => {
          writer.add(raw);
          collector.add(options.parse(raw));
        },
        shallowBoundary: options.shallowBoundary,
      },
    );
    return collector.finish();
  });
  await cache.writeSummary(summaryKey, { head: query.head, summary });
  return summary;
}

/**
 * Visits the commits after `cachedHead`, recording them into `writer`; false when they do not
 * continue the cached window (first-parent windows join only when the new commits extend the
 * cached chain), and then the writer is reset.
 */
async function readAfter(
  git: GitPort,
  query: WindowQuery,
  cachedHead: string,
  options: { readonly shallowBoundary: ReadonlySet<string> },
  writer: WindowWriter,
  visit: (raw: RawCommit) => void,
): Promise<boolean> {
  let oldestParent: string | undefined;
  const count = await streamWindow(
    git,
    { ...query, alsoExclude: [cachedHead] },
    {
      shallowBoundary: options.shallowBoundary,
      visit: (raw) => {
        oldestParent = raw.parents[0];
        writer.add(raw);
        visit(raw);
      },
    },
  );
  if (!query.firstParent || count === 0 || oldestParent === cachedHead) return true;
  writer.reset();
  return false;
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
