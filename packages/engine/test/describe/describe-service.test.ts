import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import { cleanupTempDirs, cloneShallow, createGitRepo, makeTempDir } from '@slipway/test-utils';
import type { DescribeRequest } from '../../src/index.js';
import {
  CliGit,
  FakeGit,
  createDescribeService,
  createDescribeServiceFor,
  loadConfig,
} from '../../src/index.js';

afterEach(() => cleanupTempDirs());

const now = new Date('2024-03-04T05:06:07Z');

function service(git: FakeGit, env: Record<string, string> = {}, configDir?: string) {
  const dir = configDir ?? makeTempDir('slipway-describe-').path;
  return createDescribeService({
    git,
    loadConfig: () => loadConfig(dir),
    env,
    now: () => now,
    cwd: dir,
  });
}

async function failure(run: () => Promise<unknown>): Promise<SlipwayError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a SlipwayError');
}

function released(): FakeGit {
  const git = new FakeGit();
  git.commit('feat: a');
  git.tag('v1.2.3');
  git.commit('fix: b');
  git.commit('fix: c');
  return git;
}

describe('describe service (FakeGit)', () => {
  it('counts from the release tag, with the node of HEAD', async () => {
    const git = released();
    const head = git.resolve('HEAD');
    const result = await service(git).describe();
    expect(result).toEqual({
      version: `1.2.4.dev2+g${head.slice(0, 7)}`,
      scheme: 'pep440',
      tag: 'v1.2.3',
      distance: 2,
      node: `g${head.slice(0, 7)}`,
      dirty: false,
      versionScheme: 'guess-next-dev',
      localScheme: 'node-and-date',
    });
  });

  it('adds the build date to a dirty tree, and SOURCE_DATE_EPOCH replaces the clock', async () => {
    const git = released();
    git.setDirty(true);
    expect((await service(git).describe()).version).toMatch(
      /^1\.2\.4\.dev2\+g[0-9a-f]{7}\.d20240304$/,
    );
    const epoch = String(Date.parse('2021-12-31T23:59:59Z') / 1000);
    const pinned = await service(git, { SOURCE_DATE_EPOCH: epoch }).describe({
      localScheme: 'node-and-timestamp',
    });
    expect(pinned.version).toMatch(/\.d20211231235959$/);
    const bad = await failure(() => service(git, { SOURCE_DATE_EPOCH: 'yesterday' }).describe());
    expect(bad).toMatchObject({ code: 'USAGE', subject: 'SOURCE_DATE_EPOCH' });
  });

  it('takes the highest version reachable from HEAD, not the nearest or an unreachable one', async () => {
    const git = new FakeGit();
    git.commit('feat: a');
    git.tag('v1.10.0');
    git.branch('other');
    git.commit('feat: elsewhere');
    git.tag('v3.0.0');
    git.checkout('main');
    git.commit('fix: b');
    git.tag('v1.9.0');
    git.tag('not-a-version');
    git.commit('fix: c');
    const result = await service(git).describe({ localScheme: 'no-local-version' });
    expect(result).toMatchObject({ tag: 'v1.10.0', distance: 2, version: '1.10.1.dev2' });
  });

  it('is exact on a tagged commit and 0.1.devN without tags', async () => {
    const git = new FakeGit();
    git.commit('feat: a');
    git.commit('feat: b');
    expect((await service(git).describe({ localScheme: 'no-local-version' })).version).toBe(
      '0.1.dev2',
    );
    git.tag('v2.0.0');
    expect((await service(git).describe()).version).toBe('2.0.0');
  });

  it('describes a repository without commits as 0.1.dev0', async () => {
    const result = await service(new FakeGit()).describe();
    expect(result).toMatchObject({ version: '0.1.dev0', tag: null, node: null, distance: 0 });
  });

  it('refuses a shallow clone with what to fetch', async () => {
    const git = new FakeGit({ shallow: true });
    git.commit('feat: a');
    const error = await failure(() => service(git).describe());
    expect(error.code).toBe('GIT_SHALLOW');
    expect(error.hint).toMatch(/git fetch --unshallow --tags/);
  });

  it('checks option names before touching git', async () => {
    const git = new FakeGit({ notARepository: true });
    const requests: DescribeRequest[] = [
      { versionScheme: 'calver' },
      { localScheme: 'node-and-time' },
      { scheme: 'calver' },
    ];
    for (const request of requests) {
      const error = await failure(() => service(git).describe(request));
      expect(error.code).toBe('USAGE');
      expect(error.message).toMatch(/valid: /);
    }
  });

  it('honours pretended versions, per distribution first, even outside a repository', async () => {
    const dir = makeTempDir('slipway-describe-').path;
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "my-dist"\n');
    const git = new FakeGit({ notARepository: true });
    const env = {
      SETUPTOOLS_SCM_PRETEND_VERSION: '1.0.0',
      'SETUPTOOLS_SCM_PRETEND_VERSION_FOR_MY-DIST': '2.0.0rc1',
    };
    expect(await service(git, env, dir).describe()).toMatchObject({
      version: '2.0.0rc1',
      tag: null,
      distance: null,
      dirty: null,
    });
    const semver = await service(git, env, dir).describe({ scheme: 'semver' });
    expect(semver.version).toBe('2.0.0-rc.1');
    const general = { SETUPTOOLS_SCM_PRETEND_VERSION: '1.0.0' };
    expect((await service(git, general, dir).describe()).version).toBe('1.0.0');
  });
});

describe('describe service (real git)', () => {
  it('reads distance, node and dirtiness with git', async () => {
    const repo = createGitRepo([
      { commit: 'feat: a', files: { 'a.txt': 'a\n' } },
      { tag: 'v0.3.0', annotated: true, message: 'release' },
      { commit: 'fix: b' },
    ]);
    const describe = (env: Record<string, string> = {}) =>
      createDescribeServiceFor(repo.dir, { env, now: () => now }).describe();
    const node = `g${repo.git(['rev-parse', '--short', 'HEAD'])}`;
    expect(await describe()).toMatchObject({ version: `0.3.1.dev1+${node}`, dirty: false });
    writeFileSync(join(repo.dir, 'untracked.txt'), 'not tracked\n');
    expect((await describe()).dirty).toBe(false);
    writeFileSync(join(repo.dir, 'a.txt'), 'changed\n');
    expect(await describe()).toMatchObject({
      version: `0.3.1.dev1+${node}.d20240304`,
      dirty: true,
    });
  });

  it('CliGit counts commits in a range and in all history', async () => {
    const repo = createGitRepo([
      { commit: 'a' },
      { tag: 'v1.0.0' },
      { commit: 'b' },
      { commit: 'c' },
    ]);
    const git = new CliGit({ cwd: repo.dir });
    const head = repo.head();
    expect(await git.countCommits(head, repo.git(['rev-parse', 'v1.0.0^{commit}']))).toBe(2);
    expect(await git.countCommits(head, null)).toBe(3);
    expect(await git.shortSha(head)).toBe(head.slice(0, 7));
  });

  it('refuses a real shallow clone', async () => {
    const source = createGitRepo([
      { commit: 'a' },
      { tag: 'v1.0.0' },
      { commit: 'b' },
      { commit: 'c' },
    ]);
    const clone = cloneShallow(source, 1);
    const error = await failure(() => createDescribeServiceFor(clone.dir, { env: {} }).describe());
    expect(error.code).toBe('GIT_SHALLOW');
  });
});
