import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_EPOCH_SECONDS,
  DATE_STEP_SECONDS,
  TEST_IDENTITY,
  cleanupTempDirs,
  cloneShallow,
  createGitRepo,
  type RepoStep,
} from '../src/index.js';

afterEach(() => {
  cleanupTempDirs();
});

describe('createGitRepo', () => {
  it('writes linear commits with their messages, files and deletions', () => {
    const repo = createGitRepo([
      { commit: 'feat: first\n\nbody line', files: { 'a.txt': 'A\n', 'dir/b.txt': 'B\n' } },
      { commit: 'fix: second', files: { 'a.txt': null, 'dir/b.txt': 'B2\n' } },
    ]);
    expect(repo.git(['log', '--format=%s', 'HEAD'])).toBe('fix: second\nfeat: first');
    expect(repo.git(['log', '-1', '--format=%B', 'HEAD~1'])).toBe('feat: first\n\nbody line');
    expect(repo.git(['ls-files'])).toBe('dir/b.txt');
    expect(readFileSync(join(repo.dir, 'dir/b.txt'), 'utf8')).toBe('B2\n');
    expect(existsSync(join(repo.dir, 'a.txt'))).toBe(false);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('gives every commit a change even without files', () => {
    const repo = createGitRepo([{ commit: 'chore: one' }, { commit: 'chore: two' }]);
    const changed = repo.git(['log', '--format=', '--name-only', 'HEAD']).split('\n');
    expect(changed.filter((line) => line !== '')).toHaveLength(2);
  });

  it('uses increasing fixed dates and the given authors, so SHAs are reproducible', () => {
    const steps: RepoStep[] = [
      { commit: 'feat: a' },
      { commit: 'feat: b', author: { name: 'Zoë Weiß', email: 'zoe@example.com' } },
      { commit: 'feat: c', date: '2024-01-02T03:04:05Z' },
    ];
    const first = createGitRepo(steps);
    const second = createGitRepo(steps);
    expect(first.head()).toMatch(/^[0-9a-f]{40}$/);
    expect(second.head()).toBe(first.head());
    const lines = first.git(['log', '--reverse', '--format=%at %ct %an <%ae> %cn']).split('\n');
    expect(lines).toEqual([
      `${BASE_EPOCH_SECONDS} ${BASE_EPOCH_SECONDS} ${TEST_IDENTITY.name} <${TEST_IDENTITY.email}> ${TEST_IDENTITY.name}`,
      `${BASE_EPOCH_SECONDS + DATE_STEP_SECONDS} ${BASE_EPOCH_SECONDS + DATE_STEP_SECONDS} Zoë Weiß <zoe@example.com> ${TEST_IDENTITY.name}`,
      `${Date.parse('2024-01-02T03:04:05Z') / 1000} ${Date.parse('2024-01-02T03:04:05Z') / 1000} ${TEST_IDENTITY.name} <${TEST_IDENTITY.email}> ${TEST_IDENTITY.name}`,
    ]);
  });

  it('makes lightweight and annotated tags', () => {
    const repo = createGitRepo([
      { commit: 'feat: a' },
      { tag: 'v1.0.0' },
      { commit: 'feat: b' },
      { tag: 'v1.1.0', annotated: true },
      { tag: 'v1.1.0-notes', message: 'Release notes\n' },
    ]);
    expect(repo.git(['cat-file', '-t', 'refs/tags/v1.0.0'])).toBe('commit');
    expect(repo.git(['cat-file', '-t', 'refs/tags/v1.1.0'])).toBe('tag');
    expect(repo.git(['cat-file', '-t', 'refs/tags/v1.1.0-notes'])).toBe('tag');
    expect(repo.git(['rev-parse', 'v1.1.0^{commit}'])).toBe(repo.head());
    expect(repo.git(['rev-parse', 'v1.0.0'])).toBe(repo.git(['rev-parse', 'HEAD~1']));
    expect(repo.git(['tag', '-l', '--format=%(contents)', 'v1.1.0-notes'])).toBe('Release notes');
  });

  it('branches, checks out and merges with a merge commit', () => {
    const repo = createGitRepo([
      { commit: 'feat: base', files: { 'shared.txt': 'one\n' } },
      { branch: 'next' },
      { commit: 'feat: on next', files: { 'next.txt': 'n\n' } },
      { checkout: 'main' },
      { commit: 'fix: on main', files: { 'main.txt': 'm\n' } },
      { merge: 'next' },
    ]);
    expect(repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    const parents = repo.git(['log', '-1', '--format=%P']).split(' ');
    expect(parents).toEqual([repo.git(['rev-parse', 'HEAD~1']), repo.git(['rev-parse', 'next'])]);
    expect(repo.git(['log', '-1', '--format=%s'])).toBe("Merge branch 'next'");
    expect(repo.git(['ls-files']).split('\n')).toEqual(['main.txt', 'next.txt', 'shared.txt']);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('fast-forwards unless noFf is set', () => {
    const ff = createGitRepo([
      { commit: 'feat: a' },
      { branch: 'next' },
      { commit: 'feat: b' },
      { checkout: 'main' },
      { merge: 'next' },
    ]);
    expect(ff.head()).toBe(ff.git(['rev-parse', 'next']));
    const noFf = createGitRepo([
      { commit: 'feat: a' },
      { branch: 'next' },
      { commit: 'feat: b' },
      { checkout: 'main' },
      { merge: 'next', noFf: true, message: 'Merge pull request #7 from x/next' },
    ]);
    expect(noFf.git(['log', '-1', '--format=%P']).split(' ')).toHaveLength(2);
    expect(noFf.git(['log', '-1', '--format=%s'])).toBe('Merge pull request #7 from x/next');
  });

  it('refuses a merge whose sides change the same file differently', () => {
    expect(() =>
      createGitRepo([
        { commit: 'feat: a', files: { 'x.txt': '1' } },
        { branch: 'next' },
        { commit: 'feat: b', files: { 'x.txt': '2' } },
        { checkout: 'main' },
        { commit: 'feat: c', files: { 'x.txt': '3' } },
        { merge: 'next' },
      ]),
    ).toThrow(/conflicts on x\.txt/);
  });

  it('detaches HEAD when checking out a tag', () => {
    const repo = createGitRepo([
      { commit: 'feat: a' },
      { tag: 'v1.0.0' },
      { commit: 'feat: b' },
      { checkout: 'v1.0.0' },
    ]);
    expect(repo.head()).toBe(repo.git(['rev-parse', 'v1.0.0']));
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('HEAD');
  });

  it('leaves an unborn branch when there are no commits', () => {
    const repo = createGitRepo([]);
    expect(repo.git(['symbolic-ref', 'HEAD'])).toBe('refs/heads/main');
    expect(() => repo.head()).toThrow(/rev-parse/);
    expect(repo.git(['config', 'commit.gpgsign'])).toBe('false');
    expect(repo.git(['config', 'user.email'])).toBe(TEST_IDENTITY.email);
  });

  it('removes the directory on cleanup', () => {
    const repo = createGitRepo([{ commit: 'feat: a' }]);
    expect(existsSync(repo.dir)).toBe(true);
    repo.cleanup();
    expect(existsSync(repo.dir)).toBe(false);
  });

  it('builds a ten-commit repository quickly', () => {
    const steps: RepoStep[] = Array.from({ length: 10 }, (_, i) => ({ commit: `feat: ${i}` }));
    createGitRepo(steps); // warm the file system cache and the git binary
    const started = performance.now();
    const repo = createGitRepo(steps);
    const elapsed = performance.now() - started;
    expect(repo.git(['rev-list', '--count', 'HEAD'])).toBe('10');
    // The goal is < 100 ms; the bound leaves room for a loaded CI machine.
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('cloneShallow', () => {
  it('clones with the given depth over file://', () => {
    const source = createGitRepo([
      { commit: 'feat: a' },
      { commit: 'feat: b' },
      { commit: 'feat: c' },
    ]);
    const clone = cloneShallow(source, 2);
    expect(clone.dir).not.toBe(source.dir);
    expect(clone.git(['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(clone.git(['rev-list', '--count', 'HEAD'])).toBe('2');
    expect(clone.head()).toBe(source.head());
  });
});
