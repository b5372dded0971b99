import type { RawCommit } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CliGit, FakeGit, type GitPort, type LogQuery } from '../../../src/adapters/git/index.js';

afterEach(() => {
  cleanupTempDirs();
});

async function messages(git: GitPort, query: LogQuery): Promise<string[]> {
  const out: string[] = [];
  for await (const commit of git.log(query)) out.push(commit.message);
  return out;
}

async function commits(git: GitPort, query: LogQuery): Promise<RawCommit[]> {
  const out: RawCommit[] = [];
  for await (const commit of git.log(query)) out.push(commit);
  return out;
}

describe('FakeGit', () => {
  it('answers the same as CliGit for one small repository with merges and tags', async () => {
    // The same history twice: once as a real repository, once in memory. Each side branch
    // is older than the commit it is merged next to, which is where git's date order shows.
    const real = createGitRepo([
      { commit: 'feat: a', files: { 'a.txt': 'a' } },
      { tag: 'v1.0.0' },
      { branch: 'next' },
      { commit: 'feat(pkg): b', files: { 'pkg/b.txt': 'b' } },
      { checkout: 'main' },
      { commit: 'fix: c', files: { 'c.txt': 'c' } },
      { branch: 'hotfix' },
      { commit: 'fix: d', files: { 'd.txt': 'd' } },
      { checkout: 'next' },
      { commit: 'feat(pkg): e', files: { 'pkg/e.txt': 'e' } },
      { tag: 'pkg-v0.1.0', annotated: true },
      { checkout: 'main' },
      { merge: 'next', noFf: true },
      { merge: 'hotfix', noFf: true },
      { commit: 'docs: f', files: { 'a.txt': 'f' } },
      { tag: 'v1.1.0' },
    ]);
    const fake = new FakeGit();
    fake.commit('feat: a', { files: ['a.txt'] });
    fake.tag('v1.0.0');
    fake.branch('next');
    fake.commit('feat(pkg): b', { files: ['pkg/b.txt'] });
    fake.checkout('main');
    fake.commit('fix: c', { files: ['c.txt'] });
    fake.branch('hotfix');
    fake.commit('fix: d', { files: ['d.txt'] });
    fake.checkout('next');
    fake.commit('feat(pkg): e', { files: ['pkg/e.txt'] });
    fake.tag('pkg-v0.1.0');
    fake.checkout('main');
    fake.merge('next');
    fake.merge('hotfix', "Merge branch 'hotfix'");
    fake.commit('docs: f', { files: ['a.txt'] });
    fake.tag('v1.1.0');
    const cli = new CliGit({ cwd: real.dir });

    const queries: LogQuery[] = [
      { to: 'HEAD', exclude: [] },
      { to: 'HEAD', exclude: ['v1.0.0'] },
      { to: 'HEAD', exclude: ['v1.0.0'], firstParent: true },
      { to: 'main', exclude: ['pkg-v0.1.0'] },
      { to: 'HEAD', exclude: [], paths: ['pkg'] },
    ];
    for (const query of queries) {
      expect(await messages(fake, query), JSON.stringify(query)).toEqual(
        await messages(cli, query),
      );
    }
    // SHAs differ between the two; compare tags and HEAD through the messages they point at.
    const messageOf = async (git: GitPort): Promise<Map<string, string>> =>
      new Map((await commits(git, { to: 'HEAD', exclude: [] })).map((c) => [c.sha, c.message]));
    const describeTags = async (git: GitPort, rev?: string): Promise<string[]> => {
      const bySha = await messageOf(git);
      const tags = rev === undefined ? await git.tags() : await git.tagsMergedInto(rev);
      return tags.map((tag) => `${tag.name} → ${bySha.get(tag.commit) ?? '?'}`);
    };
    expect(await describeTags(fake)).toEqual(await describeTags(cli));
    expect(await describeTags(fake, 'hotfix')).toEqual(await describeTags(cli, 'hotfix'));
    const fakeHead = await fake.head();
    const cliHead = await cli.head();
    expect(fakeHead.branch).toBe(cliHead.branch);
    for (const [a, b] of [
      ['v1.0.0', 'HEAD'],
      ['HEAD', 'v1.0.0'],
      ['next', 'hotfix'],
      ['hotfix', 'main'],
      ['pkg-v0.1.0', 'next'],
    ] as const) {
      expect(await fake.isAncestor(a, b), `${a} ⊑ ${b}`).toBe(await cli.isAncestor(a, b));
    }
    expect(await fake.isAncestor('0'.repeat(40), 'HEAD')).toBe(false);
    expect((await messageOf(fake)).get(fakeHead.sha ?? '')).toBe('docs: f');
    expect((await messageOf(cli)).get(cliHead.sha ?? '')).toBe('docs: f');
  });

  it('starts unborn, detaches on checkout of a tag and resolves abbreviated SHAs', async () => {
    const fake = new FakeGit({ branch: 'trunk' });
    expect(await fake.head()).toEqual({ sha: null, branch: 'trunk' });
    const first = fake.commit('feat: a');
    fake.tag('v1.0.0');
    fake.commit('feat: b');
    fake.checkout('v1.0.0');
    expect(await fake.head()).toEqual({ sha: first, branch: null });
    expect(fake.resolve(first.slice(0, 7))).toBe(first);
    expect(await messages(fake, { to: 'trunk', exclude: [first.slice(0, 8)] })).toEqual([
      'feat: b',
    ]);
  });

  it('reports repository facts from its options and fails like git outside a repository', async () => {
    const fake = new FakeGit({
      topLevel: '/work/app',
      shallow: true,
      remotes: { origin: 'git@github.com:acme/app.git' },
    });
    expect(await fake.topLevel()).toBe('/work/app');
    expect(await fake.gitDir()).toBe('/work/app/.git');
    expect(await fake.isShallow()).toBe(true);
    expect(await fake.remoteUrl()).toBe('git@github.com:acme/app.git');
    expect(await fake.remoteUrl('upstream')).toBeNull();

    const outside = new FakeGit({ notARepository: true, topLevel: '/tmp/plain' });
    await expect(outside.topLevel()).rejects.toMatchObject({
      code: 'GIT_NOT_A_REPOSITORY',
      message: expect.stringContaining('/tmp/plain') as unknown,
    });
    await expect(messages(new FakeGit(), { to: 'HEAD', exclude: [] })).rejects.toBeInstanceOf(
      SlipwayError,
    );
  });
});
