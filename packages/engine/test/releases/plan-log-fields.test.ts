import { describe, expect, it } from 'vitest';
import type { LogQuery } from '../../src/index.js';
import {
  FakeGit,
  createMemoryPlanCache,
  createPlanService,
  defaultConfig,
  noPlanCache,
} from '../../src/index.js';
import type { PlanCache } from '../../src/index.js';

/** FakeGit that records every log query, to see which fields the planner asked for. */
class CountingGit extends FakeGit {
  readonly queries: LogQuery[] = [];
  override log(query: LogQuery) {
    this.queries.push(query);
    return super.log(query);
  }
}

function serviceOver(git: FakeGit, cache: PlanCache) {
  const fragments = { entries: [], problems: [], directory: 'newsfragments' };
  const config = (dir: string) => defaultConfig(dir);
  return createPlanService({
    git,
    cache: () => cache,
    readFragments: () => Promise.resolve(fragments),
    shallowBoundary: () => Promise.resolve(new Set<string>()),
    loadConfig: async (dir) => ({ config: await config(dir), source: null, warnings: [] }),
  });
}

function history(): CountingGit {
  const git = new CountingGit();
  git.commit('feat: a');
  git.tag('v1.0.0');
  const feature = git.commit('feat: b', { authorName: 'Zoë', authorEmail: 'zoe@example.com' });
  git.commit('fix: c');
  git.commit(`revert: feat: b\n\nThis reverts commit ${feature}.`);
  git.branch('topic');
  git.checkout('topic');
  git.commit('feat!: d\n\nBREAKING CHANGE: e');
  git.checkout('main');
  git.merge('topic');
  return git;
}

describe('the fields plan asks git for', () => {
  it('without a cache: only the planner’s fields, and the same plan as a full read', async () => {
    const lean = history();
    const plan = await serviceOver(lean, noPlanCache).plan();
    expect(lean.queries.map((query) => query.fields)).toEqual(['planning']);
    const full = history();
    const cached = await serviceOver(full, createMemoryPlanCache()).plan();
    expect(full.queries.map((query) => query.fields ?? 'full')).toEqual(['full']);
    expect(plan.plan).toEqual(cached.plan);
    expect(plan.plan.nextVersion).toBe('2.0.0');
  });

  it('with a cache: the whole record, so notes read authors from the window plan wrote', async () => {
    const git = history();
    const cache = createMemoryPlanCache();
    await serviceOver(git, cache).plan();
    const commits = await (await serviceOver(git, cache).plan()).loadCommits();
    expect(git.queries).toHaveLength(1);
    const feature = commits.find((commit) => commit.header === 'feat: b');
    expect(feature?.author).toEqual({ name: 'Zoë', email: 'zoe@example.com' });
    expect(feature?.committerTime).toBeGreaterThan(0);
  });

  it('notes without a cache still read every field', async () => {
    const git = history();
    const context = await serviceOver(git, noPlanCache).plan({ keepCommits: true });
    expect(git.queries.map((query) => query.fields ?? 'full')).toEqual(['full']);
    expect(context.windowNotes).not.toBeNull();
    const commits = await context.loadCommits();
    expect(commits.find((commit) => commit.header === 'feat: b')?.author.name).toBe('Zoë');
  });
});
