import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { oldestCommitTime } from '../../src/index.js';

afterEach(() => cleanupTempDirs());

describe('oldestCommitTime', () => {
  it('is the committer time of the oldest commit in the range, in UTC', async () => {
    const repo = createGitRepo([
      { commit: 'feat: first', files: { 'a.txt': 'a\n' } },
      { tag: 'v1.0.0' },
      { commit: 'feat: second', files: { 'b.txt': 'b\n' } },
      { commit: 'fix: third', files: { 'c.txt': 'c\n' } },
    ]);
    const timeOf = (ref: string): string =>
      new Date(Number(repo.git(['log', '-1', '--format=%ct', ref])) * 1000).toISOString();
    const second = timeOf('HEAD~1');
    expect(second).not.toBe(timeOf('HEAD'));
    expect(await oldestCommitTime(repo.dir, 'v1.0.0..HEAD')).toBe(second);
    expect(await oldestCommitTime(repo.dir, 'HEAD')).toBe(timeOf('v1.0.0'));
    expect(await oldestCommitTime(repo.dir, 'HEAD..HEAD')).toBeNull();
    await expect(oldestCommitTime(repo.dir, 'nope..HEAD')).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: 'git log nope..HEAD failed',
    });
  });
});
