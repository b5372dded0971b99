import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BumpSummary, PackagePlan, RawCommit } from '@slipway/core';
import { asBumpSummary } from '@slipway/core';
import { LogRecordParser } from '../../adapters/git/log-record-parser.js';

/** The commits of a window (release base..head) as git gave them, as of one head. */
export interface CachedWindow {
  readonly head: string;
  /** Newest first. */
  readonly commits: readonly RawCommit[];
}

/** Streams a window into the cache; nothing is visible until `commit`. */
export interface WindowWriter {
  add(commit: RawCommit): void;
  /** Appends the records of the cached window `key` as they are (no parsing): the older part. */
  appendCached(key: string): Promise<void>;
  commit(head: string): Promise<void>;
  /** Forgets what was added so far; adding goes on. */
  reset(): void;
  /** Forgets everything; `commit` then publishes nothing. */
  abort(): void;
}

/**
 * Caches under `.git/slipway/cache/`: windows, as the raw records git printed (so a later head
 * only asks git for the commits after the cached one, and a parser change never makes the cache
 * wrong), and finished plans by the fingerprint of everything they were made from, so a repeated
 * plan reads one small file. Everything here is a cache: unreadable or stale entries are misses.
 */
/** A window's bump summary (see BumpSummary), as of one head. */
export interface CachedSummary {
  readonly head: string;
  readonly summary: BumpSummary;
}

export interface PlanCache {
  /**
   * True when windows written through `openWindow` are kept for later reads (then they must
   * hold every field of each commit, as `notes` reads them); false when writes go nowhere.
   */
  readonly keepsWindows: boolean;
  readWindow(key: string): Promise<CachedWindow | null>;
  /** The head of the cached window `key`, without reading its commits. */
  windowHead(key: string): Promise<string | null>;
  openWindow(key: string): WindowWriter;
  /** A window's bump summary: a plan after N new commits parses only those N. */
  readSummary(key: string): Promise<CachedSummary | null>;
  writeSummary(key: string, window: CachedSummary): Promise<void>;
  readPlan(key: string): Promise<PackagePlan | null>;
  writePlan(key: string, plan: PackagePlan): Promise<void>;
}

/** Bump when what is cached changes shape or meaning (plans: planner semantics). */
const cacheFormat = 'slipway-cache-v3';
/** Windows kept per repository; older ones are removed (one per release base is typical). */
const windowsKept = 4;
const plansKept = 32;
const recordsPerBlock = 4096;

export function cacheKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([cacheFormat, parts]))
    .digest('hex')
    .slice(0, 32);
}

/** One commit in `git log -z` record form: what LogRecordParser reads back. */
function record(commit: RawCommit): string {
  return `${commit.sha}\0${commit.parents.join(' ')}\0${commit.authorName}\0${commit.authorEmail}\0${commit.authorTime}\0${commit.committerTime}\0${commit.message}\0`;
}

export function createFilePlanCache(gitDir: string): PlanCache {
  const root = join(gitDir, 'slipway', 'cache');
  const windows = join(root, 'windows');
  const plans = join(root, 'plans');
  return {
    keepsWindows: true,
    async readWindow(key) {
      let bytes: Buffer;
      try {
        bytes = await readFile(join(windows, `${key}.log`));
      } catch {
        return null;
      }
      // The records, then the head after the last record's NUL.
      const end = bytes.lastIndexOf(0) + 1;
      const head = bytes.toString('latin1', end);
      if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(head)) return null;
      const parser = new LogRecordParser();
      const commits: RawCommit[] = [];
      parser.push(bytes.subarray(0, end), commits);
      return parser.finish(commits) ? { head, commits } : null;
    },
    async windowHead(key) {
      let handle: FileHandle | null = null;
      try {
        handle = await open(join(windows, `${key}.log`), 'r');
        const { size } = await handle.stat();
        const tail = Buffer.alloc(Math.min(size, 65));
        await handle.read(tail, 0, tail.length, size - tail.length);
        const head = tail.toString('latin1', tail.lastIndexOf(0) + 1);
        return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(head) ? head : null;
      } catch {
        return null;
      } finally {
        await handle?.close();
      }
    },
    openWindow(key) {
      // Records go to a temporary file in blocks as they come: nothing per commit stays in
      // memory. The head is written last, after the final record, and the rename publishes it.
      const temporary = join(windows, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      let fd: number | null = null;
      let pending: string[] = [];
      let aborted = false;
      const flush = (): void => {
        if (pending.length === 0) return;
        if (fd === null) {
          mkdirSync(windows, { recursive: true });
          fd = openSync(temporary, 'w');
        }
        writeSync(fd, pending.join(''));
        pending = [];
      };
      const close = (): void => {
        if (fd !== null) closeSync(fd);
        fd = null;
      };
      return {
        add(commit) {
          pending.push(record(commit));
          if (pending.length >= recordsPerBlock) flush();
        },
        async appendCached(older) {
          let bytes: Buffer;
          try {
            bytes = await readFile(join(windows, `${older}.log`));
          } catch {
            throw new Error(`the cached window ${older} disappeared`);
          }
          flush();
          if (fd === null) {
            mkdirSync(windows, { recursive: true });
            fd = openSync(temporary, 'w');
          }
          // Everything up to the last record's NUL; the old head after it is not copied.
          writeSync(fd, bytes, 0, bytes.lastIndexOf(0) + 1);
        },
        async commit(head) {
          if (aborted) return;
          try {
            pending.push(head);
            flush();
            close();
            await rename(temporary, join(windows, `${key}.log`));
          } catch (error) {
            close();
            await rm(temporary, { force: true });
            throw error;
          }
          await prune(windows, windowsKept, '.log');
        },
        reset() {
          pending = [];
          close();
          rmSync(temporary, { force: true });
        },
        abort() {
          aborted = true;
          this.reset();
        },
      };
    },
    async readSummary(key) {
      const value = await readJson(join(windows, `${key}.summary.json`));
      if (!isCachedSummary(value)) return null;
      const summary = asBumpSummary(value.summary);
      return summary === null ? null : { head: value.head, summary };
    },
    async writeSummary(key, window) {
      await writeAtomically(windows, `${key}.summary.json`, JSON.stringify(window));
      await prune(windows, windowsKept, '.summary.json');
      // The planner projections of slipway-cache-v2, which nothing reads any more.
      await prune(windows, 0, '.plan.json');
    },
    async readPlan(key) {
      const value = await readJson(join(plans, `${key}.json`));
      return isPlan(value) ? value : null;
    },
    async writePlan(key, plan) {
      await writeAtomically(plans, `${key}.json`, JSON.stringify(plan));
      await prune(plans, plansKept, '.json');
    },
  };
}

/** The fake beside the file cache, for unit tests of the services above it. */
export function createMemoryPlanCache(): PlanCache & { readonly writes: number } {
  const windows = new Map<string, CachedWindow>();
  const summaries = new Map<string, CachedSummary>();
  const plans = new Map<string, PackagePlan>();
  let writes = 0;
  return {
    keepsWindows: true,
    get writes() {
      return writes;
    },
    readWindow: (key) => Promise.resolve(windows.get(key) ?? null),
    windowHead: (key) => Promise.resolve(windows.get(key)?.head ?? null),
    openWindow: (key) => {
      const commits: RawCommit[] = [];
      let aborted = false;
      return {
        add: (commit) => void commits.push(commit),
        appendCached: (older) => {
          commits.push(...(windows.get(older)?.commits ?? []));
          return Promise.resolve();
        },
        commit: (head) => {
          if (aborted) return Promise.resolve();
          writes += 1;
          windows.set(key, { head, commits });
          return Promise.resolve();
        },
        reset: () => void (commits.length = 0),
        abort: () => {
          commits.length = 0;
          aborted = true;
        },
      };
    },
    readSummary: (key) => Promise.resolve(summaries.get(key) ?? null),
    writeSummary: (key, window) => {
      writes += 1;
      summaries.set(key, window);
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
  keepsWindows: false,
  readWindow: () => Promise.resolve(null),
  windowHead: () => Promise.resolve(null),
  openWindow: () => ({
    add: () => undefined,
    appendCached: () => Promise.resolve(),
    commit: () => Promise.resolve(),
    reset: () => undefined,
    abort: () => undefined,
  }),
  readSummary: () => Promise.resolve(null),
  writeSummary: () => Promise.resolve(),
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

async function prune(dir: string, keep: number, extension: string): Promise<void> {
  const names = (await readdir(dir)).filter(
    (name) => name.endsWith(extension) && !name.startsWith('.'),
  );
  if (names.length <= keep) return;
  const aged = await Promise.all(
    names.map(async (name) => ({ name, mtime: (await stat(join(dir, name))).mtimeMs })),
  );
  aged.sort((a, b) => b.mtime - a.mtime);
  await Promise.all(aged.slice(keep).map(({ name }) => rm(join(dir, name), { force: true })));
}

function isCachedSummary(value: unknown): value is { head: string; summary: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { head?: unknown }).head === 'string' &&
    'summary' in value
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
