import { afterEach, describe, expect, it } from 'vitest';
import { TEST_IDENTITY, cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { previousTag, readCommitAuthors } from '../../src/index.js';

afterEach(() => cleanupTempDirs());

describe('readCommitAuthors', () => {
  it('names each commit author and co-author once, since the previous tag', async () => {
    const repo = createGitRepo([
      { commit: 'feat: first', files: { 'a.txt': 'a\n' } },
      { tag: 'v1.0.0' },
      {
        commit:
          'feat: second\n\nCo-authored-by: Bob Builder <Bob@Example.com>\nCo-authored-by: Slipway Test <TEST@slipway.invalid>',
        files: { 'b.txt': 'b\n' },
      },
      {
        commit: 'fix: third\n\nco-authored-by: Carol <carol@example.com>',
        files: { 'c.txt': 'c\n' },
        author: { name: 'Dave', email: 'Dave@Example.com' },
      },
    ]);
    expect(await previousTag(repo.dir)).toBe('v1.0.0');
    expect(await readCommitAuthors(repo.dir, 'v1.0.0..HEAD')).toEqual([
      { name: TEST_IDENTITY.name, email: TEST_IDENTITY.email },
      { name: 'Bob Builder', email: 'bob@example.com' },
      { name: 'Dave', email: 'dave@example.com' },
      { name: 'Carol', email: 'carol@example.com' },
    ]);
    await expect(readCommitAuthors(repo.dir, 'nope..HEAD')).rejects.toMatchObject({
      code: 'GIT_FAILED',
    });
  });
});
