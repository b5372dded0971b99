import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError, type RawCommit } from '@slipway/core';
import {
  BASE_EPOCH_SECONDS,
  TEST_IDENTITY,
  cleanupTempDirs,
  cloneShallow,
  createGitRepo,
  makeTempDir,
  type GitRepo,
} from '@slipway/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CliGit } from '../../../src/adapters/git/index.js';
import type { LogQuery } from '../../../src/adapters/git/index.js';

afterEach(() => {
  cleanupTempDirs();
});

async function collect(git: CliGit, query: LogQuery): Promise<RawCommit[]> {
  const commits: RawCommit[] = [];
  for await (const commit of git.log(query)) commits.push(commit);
  return commits;
}

async function subjects(repo: GitRepo, query: LogQuery): Promise<string[]> {
  const commits = await collect(new CliGit({ cwd: repo.dir }), query);
  return commits.map((commit) => commit.message.split('\n')[0] ?? '');
}

async function failure(promise: Promise<unknown>): Promise<SlipwayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a SlipwayError');
}

/** main: a ← b(tag v1) ← c ← M(merge of next: d ← e) ← f; next touches only pkg/. */
function mergedRepo(): GitRepo {
  return createGitRepo([
    { commit: 'feat: a', files: { 'README.md': 'a\n' } },
    { commit: 'fix: b', files: { 'src/b.ts': 'b\n' } },
    { tag: 'v1.0.0' },
    { commit: 'feat: c', files: { 'src/c.ts': 'c\n' } },
    { branch: 'next' },
    { commit: 'feat(pkg): d', files: { 'pkg/d.ts': 'd\n' } },
    { commit: 'fix(pkg): e', files: { 'pkg/e.ts': 'e\n' } },
    { tag: 'pkg-v0.1.0', annotated: true },
    { checkout: 'main' },
    { merge: 'next', noFf: true, message: 'Merge pull request #9 from team/next' },
    { commit: 'docs: f', files: { 'README.md': 'f\n' } },
  ]);
}

describe('CliGit.log', () => {
  it('streams every field of every commit, newest first', async () => {
    const repo = createGitRepo([{ commit: 'feat: one\n\nbody' }, { commit: 'fix: two' }]);
    const commits = await collect(new CliGit({ cwd: repo.dir }), { to: 'HEAD', exclude: [] });
    const parent = repo.git(['rev-parse', 'HEAD~1']);
    expect(commits).toEqual([
      {
        sha: repo.head(),
        parents: [parent],
        authorName: TEST_IDENTITY.name,
        authorEmail: TEST_IDENTITY.email,
        authorTime: BASE_EPOCH_SECONDS + 60,
        committerTime: BASE_EPOCH_SECONDS + 60,
        message: 'fix: two',
      },
      {
        sha: parent,
        parents: [],
        authorName: TEST_IDENTITY.name,
        authorEmail: TEST_IDENTITY.email,
        authorTime: BASE_EPOCH_SECONDS,
        committerTime: BASE_EPOCH_SECONDS,
        message: 'feat: one\n\nbody',
      },
    ]);
  });

  it('limits the window to commits not reachable from the excluded tag', async () => {
    const repo = mergedRepo();
    expect(await subjects(repo, { to: 'HEAD', exclude: ['v1.0.0'] })).toEqual([
      'docs: f',
      'Merge pull request #9 from team/next',
      'fix(pkg): e',
      'feat(pkg): d',
      'feat: c',
    ]);
    expect(await subjects(repo, { to: 'HEAD', exclude: ['v1.0.0', 'next'] })).toEqual([
      'docs: f',
      'Merge pull request #9 from team/next',
    ]);
  });

  it('follows only first parents when asked', async () => {
    const repo = mergedRepo();
    const query = { to: 'HEAD', exclude: ['v1.0.0'], firstParent: true };
    expect(await subjects(repo, query)).toEqual([
      'docs: f',
      'Merge pull request #9 from team/next',
      'feat: c',
    ]);
  });

  it('limits the walk to paths', async () => {
    const repo = mergedRepo();
    expect(await subjects(repo, { to: 'HEAD', exclude: [], paths: ['pkg'] })).toEqual([
      'fix(pkg): e',
      'feat(pkg): d',
    ]);
    expect(await subjects(repo, { to: 'HEAD', exclude: [], paths: ['README.md'] })).toEqual([
      'docs: f',
      'feat: a',
    ]);
  });

  it('decodes UTF-8 messages and names, and keeps CRLF inside messages', async () => {
    const messages = [
      'feat: 🚀 launch\n\n絵文字と日本語のメッセージ。中文提交信息。',
      'fix: windows line endings\r\n\r\nbody line one\r\nbody line two\r\n',
      `docs: long body\n\n${'ü€𝄞 '.repeat(40_000)}`,
    ];
    const repo = createGitRepo(
      messages.map((commit) => ({ commit, author: { name: '山田 太郎', email: 'taro@例え.jp' } })),
    );
    const commits = await collect(new CliGit({ cwd: repo.dir }), { to: 'HEAD', exclude: [] });
    expect(commits.map((c) => c.message)).toEqual([
      `docs: long body\n\n${'ü€𝄞 '.repeat(40_000)}`,
      'fix: windows line endings\r\n\r\nbody line one\r\nbody line two',
      messages[0],
    ]);
    expect(
      commits.every((c) => c.authorName === '山田 太郎' && c.authorEmail === 'taro@例え.jp'),
    ).toBe(true);
  });

  it('throws GIT_FAILED with git’s stderr for an unknown revision', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }]);
    const error = await failure(
      collect(new CliGit({ cwd: repo.dir }), { to: 'nope', exclude: [] }),
    );
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toContain('git log');
    expect(error.message).toContain(repo.dir);
    expect(error.message).toMatch(/bad revision|unknown revision/);
  });

  it('refuses revisions that look like options instead of passing them to git', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }]);
    const git = new CliGit({ cwd: repo.dir });
    const error = await failure(collect(git, { to: 'HEAD', exclude: ['--output=/tmp/x'] }));
    expect(error.code).toBe('USAGE');
    expect((await failure(git.tagsMergedInto('--all'))).code).toBe('USAGE');
  });
});

describe('CliGit tags', () => {
  it('peels annotated tags, keeps lightweight ones and skips tags of trees', async () => {
    const repo = mergedRepo();
    repo.git(['tag', 'tree-tag', 'HEAD^{tree}']);
    const tags = await new CliGit({ cwd: repo.dir }).tags();
    expect(tags).toEqual([
      { name: 'pkg-v0.1.0', commit: repo.git(['rev-parse', 'next']) },
      { name: 'v1.0.0', commit: repo.git(['rev-parse', 'HEAD~3']) },
    ]);
    expect(repo.git(['cat-file', '-t', 'pkg-v0.1.0'])).toBe('tag');
  });

  it('lists only the tags merged into a revision', async () => {
    const repo = mergedRepo();
    repo.git(['tag', 'v2.0.0-wip', 'HEAD']);
    repo.git(['checkout', '-q', '-b', 'side', 'HEAD~1']);
    repo.git(['commit', '-q', '--allow-empty', '-m', 'feat: side']);
    repo.git(['tag', 'side-tag']);
    const git = new CliGit({ cwd: repo.dir });
    const names = async (rev: string): Promise<string[]> =>
      (await git.tagsMergedInto(rev)).map((tag) => tag.name);
    expect(await names('main')).toEqual(['pkg-v0.1.0', 'v1.0.0', 'v2.0.0-wip']);
    expect(await names('v1.0.0')).toEqual(['v1.0.0']);
    expect(await names('side')).toEqual(['pkg-v0.1.0', 'side-tag', 'v1.0.0']);
  });
});

describe('CliGit repository state', () => {
  it('reports branch and SHA, an unborn branch and a detached HEAD', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }, { tag: 'v1.0.0' }, { commit: 'feat: b' }]);
    const git = new CliGit({ cwd: repo.dir });
    expect(await git.head()).toEqual({ sha: repo.head(), branch: 'main' });
    repo.git(['checkout', '-q', 'v1.0.0']);
    expect(await git.head()).toEqual({ sha: repo.git(['rev-parse', 'v1.0.0']), branch: null });

    const empty = createGitRepo({ defaultBranch: 'trunk' });
    expect(await new CliGit({ cwd: empty.dir }).head()).toEqual({ sha: null, branch: 'trunk' });
  });

  it('finds the top level and git dir from a subdirectory', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }]);
    const sub = join(repo.dir, 'deep', 'er');
    mkdirSync(sub, { recursive: true });
    const git = new CliGit({ cwd: sub });
    expect(await git.topLevel()).toBe(repo.dir);
    expect(await git.gitDir()).toBe(join(repo.dir, '.git'));
    expect(await git.isShallow()).toBe(false);
  });

  it('recognises a shallow clone', async () => {
    const source = createGitRepo([{ commit: 'a' }, { commit: 'b' }, { commit: 'c' }]);
    const clone = cloneShallow(source, 1);
    const git = new CliGit({ cwd: clone.dir });
    expect(await git.isShallow()).toBe(true);
    const commits = await collect(git, { to: 'HEAD', exclude: [] });
    expect(commits.map((c) => c.message)).toEqual(['c']);
  });

  it('answers ancestry, and no for commits it does not have', async () => {
    const repo = mergedRepo();
    const git = new CliGit({ cwd: repo.dir });
    expect(await git.isAncestor('v1.0.0', 'HEAD')).toBe(true);
    expect(await git.isAncestor('HEAD', 'HEAD')).toBe(true);
    expect(await git.isAncestor('HEAD', 'v1.0.0')).toBe(false);
    expect(await git.isAncestor('next', 'main')).toBe(true);
    expect(await git.isAncestor('main', 'next')).toBe(false);
    expect(await git.isAncestor('f'.repeat(40), 'HEAD')).toBe(false);
    const outside = new CliGit({ cwd: makeTempDir('slipway-plain-').path });
    expect((await failure(outside.isAncestor('HEAD', 'HEAD'))).code).toBe('GIT_NOT_A_REPOSITORY');
  });

  it('reads remote URLs and answers null when unset', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }]);
    repo.git(['remote', 'add', 'origin', 'git@github.com:acme/widgets.git']);
    repo.git(['remote', 'add', 'upstream', 'https://gitlab.com/acme/widgets.git']);
    const git = new CliGit({ cwd: repo.dir });
    expect(await git.remoteUrl()).toBe('git@github.com:acme/widgets.git');
    expect(await git.remoteUrl('upstream')).toBe('https://gitlab.com/acme/widgets.git');
    expect(await git.remoteUrl('fork')).toBeNull();
  });

  it('names the directory when it is not a repository', async () => {
    const temp = makeTempDir('slipway-plain-');
    const git = new CliGit({ cwd: temp.path });
    const attempts = [
      () => git.topLevel(),
      () => git.gitDir(),
      () => git.head(),
      () => git.tags(),
      () => collect(git, { to: 'HEAD', exclude: [] }),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.code).toBe('GIT_NOT_A_REPOSITORY');
      expect(error.message).toContain(temp.path);
    }
    const missing = new CliGit({ cwd: join(temp.path, 'missing') });
    expect((await failure(missing.topLevel())).code).toBe('GIT_NOT_A_REPOSITORY');
  });

  it('reports a missing git binary as GIT_FAILED naming the command', async () => {
    const repo = createGitRepo([{ commit: 'feat: a' }]);
    const git = new CliGit({ cwd: repo.dir, gitBinary: join(repo.dir, 'no-such-git') });
    const error = await failure(git.topLevel());
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toContain('git rev-parse --show-toplevel');
    expect((await failure(collect(git, { to: 'HEAD', exclude: [] }))).code).toBe('GIT_FAILED');
  });
});

describe('CliGit.log iterator protocol', () => {
  it('serves next() calls made without awaiting each one, in order', async () => {
    const repo = createGitRepo([{ commit: 'a' }, { commit: 'b' }, { commit: 'c' }]);
    const commits = new CliGit({ cwd: repo.dir }).log({ to: 'HEAD', exclude: [] });
    const iterator = commits[Symbol.asyncIterator]();
    const results = await Promise.all([1, 2, 3, 4].map(() => iterator.next()));
    expect(results.map((r) => (r.done === true ? null : r.value.message))).toEqual([
      'c',
      'b',
      'a',
      null,
    ]);
  });
});
