import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogQuery } from '../../src/index.js';
import {
  FakeGit,
  cacheKey,
  createFilePlanCache,
  createMemoryPlanCache,
  createPlanService,
  createPlanServiceFor,
  defaultConfig,
} from '../../src/index.js';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';

afterEach(() => cleanupTempDirs());

/** FakeGit that records every log query, to see what the cache spared git. */
class CountingGit extends FakeGit {
  readonly queries: LogQuery[] = [];
  override log(query: LogQuery) {
    this.queries.push(query);
    return super.log(query);
  }
}

function serviceOver(git: FakeGit, cache = createMemoryPlanCache()) {
  return createPlanService({
    git,
    loadConfig: async (dir) => ({ config: await defaultConfig(dir), source: null, warnings: [] }),
    shallowBoundary: () => Promise.resolve(new Set()),
    readFragments: () => Promise.resolve({ entries: [], problems: [], directory: 'newsfragments' }),
    cache: () => cache,
  });
}

describe('the plan cache', () => {
  it('answers a repeated plan without asking git for the log', async () => {
    const git = new CountingGit();
    git.commit('feat: a');
    git.tag('v1.0.0');
    git.commit('fix: b');
    const cache = createMemoryPlanCache();
    const first = await serviceOver(git, cache).plan();
    const second = await serviceOver(git, cache).plan();
    expect(second.plan).toEqual(first.plan);
    expect(git.queries).toHaveLength(1);
  });

  it('after new commits asks git only for them and plans as a fresh read would', async () => {
    const git = new CountingGit();
    git.commit('feat: a');
    git.tag('v1.0.0');
    git.commit('fix: b');
    const cache = createMemoryPlanCache();
    await serviceOver(git, cache).plan();
    const before = git.resolve('HEAD');
    git.commit('feat: c');
    git.commit('fix: d');
    const incremental = await serviceOver(git, cache).plan();
    expect(git.queries.at(-1)?.exclude).toContain(before);
    const fresh = await serviceOver(git, createMemoryPlanCache()).plan();
    expect(incremental.plan).toEqual(fresh.plan);
    expect(incremental.plan.commits).toBe(3);
    expect(incremental.plan.nextVersion).toBe('1.1.0');
  });

  it('after a new revert of a cached commit plans as a fresh read would', async () => {
    const git = new CountingGit();
    git.commit('feat: a');
    git.tag('v1.0.0');
    const feature = git.commit('feat: b');
    git.commit('fix: c');
    const cache = createMemoryPlanCache();
    await serviceOver(git, cache).plan();
    git.commit(`revert: feat: b\n\nThis reverts commit ${feature}.`);
    const incremental = await serviceOver(git, cache).plan();
    // Git was asked for the new commit only; the older part came from the cached raw window.
    expect(git.queries).toHaveLength(2);
    const fresh = await serviceOver(git, createMemoryPlanCache()).plan();
    expect(incremental.plan).toEqual(fresh.plan);
    expect(incremental.plan.cancelledReverts).toBe(1);
    expect(incremental.plan.nextVersion).toBe('1.0.1');
  });

  it('after a revert plans again from git when no raw window is cached', async () => {
    const git = new CountingGit();
    git.commit('feat: a');
    git.tag('v1.0.0');
    const feature = git.commit('feat: b');
    const cache = createMemoryPlanCache();
    await serviceOver(git, cache).plan();
    const withoutWindows = { ...cache, windowHead: () => Promise.resolve(null) };
    git.commit(`revert: feat: b\n\nThis reverts commit ${feature}.`);
    const incremental = await serviceOver(git, withoutWindows).plan();
    expect(incremental.plan.nextVersion).toBeNull();
    expect(incremental.plan.cancelledReverts).toBe(1);
    expect(git.queries).toHaveLength(3);
  });

  it('reads the whole window again when the cached head was rewritten away', async () => {
    const git = new CountingGit();
    git.commit('feat: a');
    git.tag('v1.0.0');
    git.commit('fix: b');
    const cache = createMemoryPlanCache();
    await serviceOver(git, cache).plan();
    git.checkout('v1.0.0');
    git.branch('rewritten');
    git.commit('feat!: other history');
    const result = await serviceOver(git, cache).plan();
    expect(result.plan.nextVersion).toBe('2.0.0');
    expect(result.plan.commits).toBe(1);
  });

  it('keeps windows under .git/slipway and gives the same plan as without the cache', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }, { tag: 'v1.0.0' }, { commit: 'fix: b' }]);
    const cached = await createPlanServiceFor(repo.dir).plan();
    repo.git(['commit', '-q', '--allow-empty', '-m', 'feat: c']);
    const incremental = await createPlanServiceFor(repo.dir).plan();
    const uncached = await createPlanServiceFor(repo.dir, { cache: false }).plan();
    expect(cached.plan.nextVersion).toBe('1.0.1');
    expect(incremental.plan).toEqual(uncached.plan);
    const window = await createFilePlanCache(`${repo.dir}/.git`).readWindow(
      cacheKey({
        base: cached.base?.commit ?? null,
        firstParent: false,
        paths: [],
      }),
    );
    expect(window?.head).toBe(repo.head());
    expect(window?.commits.map((commit) => commit.message)).toEqual(['feat: c', 'fix: b']);
  });

  it('removes the planner projections an earlier cache format left', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }, { tag: 'v1.0.0' }, { commit: 'fix: b' }]);
    const windows = join(repo.dir, '.git', 'slipway', 'cache', 'windows');
    mkdirSync(windows, { recursive: true });
    writeFileSync(join(windows, 'old.plan.json'), '{"head":"x","commits":[]}');
    await createPlanServiceFor(repo.dir).plan();
    expect(readdirSync(windows).filter((name) => name.endsWith('.plan.json'))).toEqual([]);
    expect(readdirSync(windows).some((name) => name.endsWith('.summary.json'))).toBe(true);
  });
});
