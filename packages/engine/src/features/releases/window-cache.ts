import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackagePlan, ParsedCommit } from '@slipway/core';

/** The parsed commits of a window (release base..head), as of one head. */
export interface CachedWindow {
  readonly head: string;
  readonly commits: readonly ParsedCommit[];
}

/**
 * Caches under `.git/slipway/`: parsed windows, so a plan after N new commits parses N commits,
 * and finished plans by the fingerprint of everything they were made from, so a repeated plan
 * reads one small file. Everything here is a cache: unreadable or stale entries are misses.
 */
export interface PlanCache {
  readWindow(key: string): Promise<CachedWindow | null>;
  writeWindow(key: string, window: CachedWindow): Promise<void>;
  readPlan(key: string): Promise<PackagePlan | null>;
  writePlan(key: string, plan: PackagePlan): Promise<void>;
}

/** Bump when what is cached changes shape or meaning (parser or planner semantics). */
const cacheFormat = 'slipway-cache-v1';
/** Windows kept per repository; older ones are removed (one per release base is typical). */
const windowsKept = 4;
const plansKept = 32;

export function cacheKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([cacheFormat, parts]))
    .digest('hex')
    .slice(0, 32);
}

export function createFilePlanCache(gitDir: string): PlanCache {
  const root = join(gitDir, 'slipway', 'cache');
  const windows = join(root, 'windows');
  const plans = join(root, 'plans');
  return {
    async readWindow(key) {
      const value = await readJson(join(windows, `${key}.json`));
      return isCachedWindow(value) ? value : null;
    },
    async writeWindow(key, window) {
      await writeAtomically(windows, `${key}.json`, JSON.stringify(window));
      await prune(windows, windowsKept);
    },
    async readPlan(key) {
      const value = await readJson(join(plans, `${key}.json`));
      return isPlan(value) ? value : null;
    },
    async writePlan(key, plan) {
      await writeAtomically(plans, `${key}.json`, JSON.stringify(plan));
      await prune(plans, plansKept);
    },
  };
}

/** The fake beside the file cache, for unit tests and `--no-cache` runs that still want reuse. */
export function createMemoryPlanCache(): PlanCache & { readonly writes: number } {
  const windows = new Map<string, CachedWindow>();
  const plans = new Map<string, PackagePlan>();
  let writes = 0;
  return {
    get writes() {
      return writes;
    },
    readWindow: (key) => Promise.resolve(windows.get(key) ?? null),
    writeWindow: (key, window) => {
      writes += 1;
      windows.set(key, window);
      return Promise.resolve();
    },
    readPlan: (key) => Promise.resolve(plans.get(key) ?? null),
    writePlan: (key, plan) => {
      writes += 1;
      plans.set(key, plan);
      return Promise.resolve();
    },
  };
}

/** Caching switched off: every read misses, nothing is written. */
export const noPlanCache: PlanCache = {
  readWindow: () => Promise.resolve(null),
  writeWindow: () => Promise.resolve(),
  readPlan: () => Promise.resolve(null),
  writePlan: () => Promise.resolve(),
};

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

async function writeAtomically(dir: string, name: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, join(dir, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function prune(dir: string, keep: number): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  if (names.length <= keep) return;
  const aged = await Promise.all(
    names.map(async (name) => ({ name, mtime: (await stat(join(dir, name))).mtimeMs })),
  );
  aged.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(aged.slice(keep).map(({ name }) => rm(join(dir, name), { force: true })));
}

function isCachedWindow(value: unknown): value is CachedWindow {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { head?: unknown }).head === 'string' &&
    Array.isArray((value as { commits?: unknown }).commits)
  );
}

function isPlan(value: unknown): value is PackagePlan {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    Array.isArray((value as { reasons?: unknown }).reasons)
  );
}
