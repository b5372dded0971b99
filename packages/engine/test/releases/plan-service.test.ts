import { afterEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import type { GitRepo, RepoStep } from '@slipway/test-utils';
import { cleanupTempDirs, cloneShallow, createGitRepo, makeTempDir } from '@slipway/test-utils';
import { createPlanServiceFor } from '../../src/index.js';

afterEach(() => cleanupTempDirs());

function repo(steps: RepoStep[]): GitRepo {
  return createGitRepo(steps);
}

async function plan(dir: string, request = {}) {
  return createPlanServiceFor(dir).plan(request);
}

async function planError(dir: string, request = {}): Promise<SlipwayError> {
  try {
    await plan(dir, request);
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected the plan to fail');
}

describe('plan service on real repositories', () => {
  it('plans a first release from all history', async () => {
    const { dir } = repo([{ commit: 'feat: first feature' }, { commit: 'fix: a bug' }]);
    const { plan: result } = await plan(dir);
    expect(result.currentVersion).toBeNull();
    expect(result.nextVersion).toBe('0.1.0');
    expect(result.commits).toBe(2);
    expect(result.scheme).toBe('semver');
  });

  it('plans from the highest version reachable from HEAD, not the newest tag', async () => {
    const { dir } = repo([
      { commit: 'feat: a' },
      { tag: 'v1.10.0' },
      { commit: 'fix: b' },
      { tag: 'v1.9.0' },
      { commit: 'feat: c' },
    ]);
    const { plan: result } = await plan(dir);
    expect(result.currentTag).toBe('v1.10.0');
    expect(result.nextVersion).toBe('1.11.0');
    expect(result.commits).toBe(2);
  });

  it('ignores tags that are not versions and tags not reachable from HEAD', async () => {
    const { dir } = repo([
      { commit: 'feat: a' },
      { tag: 'v1.0.0', annotated: true, message: 'release 1.0.0' },
      { branch: 'experiment' },
      { commit: 'feat!: rewrite' },
      { tag: 'v9.0.0' },
      { checkout: 'main' },
      { commit: 'fix: b' },
      { tag: 'deploy-prod' },
      { tag: 'latest' },
    ]);
    const { plan: result } = await plan(dir);
    expect(result.currentVersion).toBe('1.0.0');
    expect(result.nextVersion).toBe('1.0.1');
  });

  it('reports nothing to release when only non-releasable commits follow the tag', async () => {
    const { dir } = repo([{ commit: 'feat: a' }, { tag: 'v1.0.0' }, { commit: 'docs: readme' }]);
    const { plan: result } = await plan(dir);
    expect(result.nextVersion).toBeNull();
    expect(result.commits).toBe(1);
  });

  it('counts a merged pull request once, and by its merge commit with --first-parent', async () => {
    const { dir } = repo([
      { commit: 'chore: init' },
      { tag: 'v1.0.0' },
      { branch: 'feature' },
      { commit: 'fix: part one' },
      { commit: 'feat: part two' },
      { checkout: 'main' },
      { commit: 'docs: main moves on' },
      {
        merge: 'feature',
        noFf: true,
        message: 'Merge pull request #7 from acme/feature\n\nfeat: the feature',
      },
    ]);
    const all = await plan(dir);
    expect(all.plan.nextVersion).toBe('1.1.0');
    const reasons = all.plan.reasons.flatMap((reason) => reason.commits.map((c) => c.description));
    expect(reasons.sort()).toEqual(['part one', 'part two']);

    const firstParent = await plan(dir, { firstParent: true });
    expect(firstParent.plan.commits).toBe(2);
    const merged = firstParent.plan.reasons.flatMap((reason) =>
      reason.commits.map((c) => c.description),
    );
    expect(merged).toEqual(['the feature']);
  });

  it('warns on a detached HEAD and still plans', async () => {
    const { dir } = repo([
      { commit: 'feat: a' },
      { tag: 'v1.0.0' },
      { commit: 'fix: b' },
      { tag: 'v1.0.1-pre' },
      { checkout: 'v1.0.1-pre' },
    ]);
    const { plan: result, branch } = await plan(dir);
    expect(branch).toBeNull();
    expect(result.warnings.map((warning) => warning.code)).toContain('detached-head');
    expect(result.nextVersion).toBe('1.0.1');
  });

  it('refuses a shallow clone whose history stops before the last release', async () => {
    const source = repo([
      { commit: 'feat: a' },
      { tag: 'v1.0.0' },
      { commit: 'fix: b' },
      { commit: 'fix: c' },
      { commit: 'fix: d' },
    ]);
    const shallow = cloneShallow(source, 2);
    const error = await planError(shallow.dir);
    expect(error.code).toBe('GIT_SHALLOW');
    expect(error.message).toMatch(/shallow clone/);
    expect(error.hint).toMatch(/git fetch --unshallow --tags/);
  });

  it('accepts a shallow clone that holds the whole window', async () => {
    const source = repo([
      { commit: 'feat: a' },
      { commit: 'feat: b' },
      { tag: 'v1.0.0' },
      { commit: 'fix: c' },
    ]);
    const shallow = cloneShallow(source, 2);
    const { plan: result } = await plan(shallow.dir);
    expect(result.currentVersion).toBe('1.0.0');
    expect(result.nextVersion).toBe('1.0.1');
  });

  it('names the directory when it is not a git repository', async () => {
    const temp = makeTempDir('slipway-not-a-repo-');
    const error = await planError(temp.path);
    expect(error.code).toBe('GIT_NOT_A_REPOSITORY');
    expect(error.message).toContain(temp.path);
  });

  it('says so when the repository has no commits', async () => {
    const { dir } = repo([]);
    const error = await planError(dir);
    expect(error.code).toBe('GIT_NO_COMMITS');
  });

  it('plans pre-releases from --prerelease and counts them up', async () => {
    const { dir } = repo([{ commit: 'feat: a' }, { tag: 'v1.2.3' }, { commit: 'feat: b' }]);
    expect((await plan(dir, { prerelease: 'rc' })).plan.nextVersion).toBe('1.3.0-rc.1');
    const next = repo([
      { commit: 'feat: a' },
      { tag: 'v1.2.3' },
      { commit: 'feat: b' },
      { tag: 'v1.3.0-rc.1' },
      { commit: 'fix: c' },
    ]);
    expect((await plan(next.dir, { prerelease: 'rc' })).plan.nextVersion).toBe('1.3.0-rc.2');
    expect((await plan(next.dir)).plan.nextVersion).toBe('1.3.0');
  });

  it('uses a Python project’s name and PEP 440', async () => {
    const { dir } = repo([
      {
        commit: 'feat: a',
        files: { 'pyproject.toml': '[project]\nname = "acme-tools"\nversion = "1.2.3"\n' },
      },
      { tag: 'v1.2.3' },
      { commit: 'feat: b' },
    ]);
    const { plan: result } = await plan(dir, { prerelease: 'rc' });
    expect(result.name).toBe('acme-tools');
    expect(result.scheme).toBe('pep440');
    expect(result.nextVersion).toBe('1.3.0rc1');
    expect(result.nextTag).toBe('v1.3.0rc1');
  });

  it('takes a branch channel and a tag format from slipway.toml', async () => {
    const config =
      'tag-format = "{name}@{version}"\nname = "svc"\n[branches]\nchannels = { next = "beta" }\n';
    const { dir } = repo([
      { commit: 'feat: a', files: { 'slipway.toml': config } },
      { tag: 'svc@1.0.0' },
      { branch: 'next' },
      { commit: 'feat: b' },
    ]);
    const { plan: result } = await plan(dir);
    expect(result.currentTag).toBe('svc@1.0.0');
    expect(result.nextVersion).toBe('1.1.0-beta.1');
    expect(result.nextTag).toBe('svc@1.1.0-beta.1');
  });

  it('refuses a breaking change on a maintenance branch', async () => {
    const { dir } = repo([
      { commit: 'feat: a' },
      { tag: 'v1.3.0' },
      { branch: '1.x' },
      { commit: 'feat!: incompatible' },
    ]);
    const error = await planError(dir);
    expect(error.code).toBe('VERSION_OUT_OF_RANGE');
    expect(error.message).toMatch(/1\.x/);
  });

  it('warns on a branch not configured to release', async () => {
    const { dir } = repo([{ commit: 'feat: a' }, { branch: 'topic/x' }, { commit: 'fix: b' }]);
    const { plan: result } = await plan(dir);
    expect(result.warnings.map((warning) => warning.code)).toContain('branch-not-configured');
  });
});
