import { describe, expect, it } from 'vitest';
import { parseCommit } from '../../src/commits/index.js';
import { raw } from './raw-commit.js';

const twoParents = {
  parents: ['1111111111111111111111111111111111111111', '2222222222222222222222222222222222222222'],
};

describe('parseCommit: merge commits', () => {
  it('parses the GitHub pull request title as the header, with the PR number', () => {
    const parsed = parseCommit(
      raw(
        'Merge pull request #123 from octo/feature/login\n\nfeat(auth): add login\n\nCloses #5',
        twoParents,
      ),
    );
    expect(parsed).toMatchObject({
      header: 'Merge pull request #123 from octo/feature/login',
      conventional: true,
      merge: true,
    });
    expect(parsed.changes).toEqual([
      expect.objectContaining({
        type: 'feat',
        scope: 'auth',
        description: 'add login',
        body: null,
        pullRequests: [{ number: 123, sigil: '#', repository: null }],
        issues: [{ id: '5', kind: 'number', repository: null, closing: true }],
      }),
    ]);
  });

  it('joins a title that spans several lines', () => {
    const parsed = parseCommit(
      raw('Merge pull request #7 from o/b\n\nfix: a title\nthat wraps', twoParents),
    );
    expect(parsed.changes[0]?.description).toBe('a title that wraps');
  });

  it('reads GitLab merges and their `See merge request` line', () => {
    const parsed = parseCommit(
      raw(
        "Merge branch 'feature' into 'main'\n\nfix(api): handle timeouts\n\nCloses #9\n\nSee merge request group/proj!123",
        twoParents,
      ),
    );
    expect(parsed.conventional).toBe(true);
    expect(parsed.changes[0]).toMatchObject({
      type: 'fix',
      scope: 'api',
      description: 'handle timeouts',
      pullRequests: [{ number: 123, sigil: '!', repository: 'group/proj' }],
      issues: [{ id: '9', kind: 'number', repository: null, closing: true }],
    });
  });

  it('keeps a merge without a conventional title as merge: true, conventional: false', () => {
    for (const message of [
      "Merge branch 'main' into feature",
      'Merge pull request #8 from o/b',
      'Merge pull request #8 from o/b\n\nUpdate the readme',
      "Merge branch 'x' into 'main'\n\n# Conflicts:\n#\tsrc/a.ts",
    ]) {
      const parsed = parseCommit(raw(message, twoParents));
      expect(parsed).toMatchObject({ conventional: false, merge: true, changes: [] });
    }
  });

  it('finds configured keys in the merged branch name', () => {
    const parsed = parseCommit(
      raw('Merge pull request #9 from o/ABC-12-login\n\nfeat: login', twoParents),
      {
        issuePatterns: ['ABC-\\d+'],
      },
    );
    expect(parsed.changes[0]?.issues).toEqual([
      { id: 'ABC-12', kind: 'key', repository: null, closing: false },
    ]);
  });
});

describe('parseCommit: reverts', () => {
  it('reads `revert: <header>` with `This reverts commit <sha>.`', () => {
    const parsed = parseCommit(
      raw(
        'revert: feat(api): add endpoint\n\nThis reverts commit 676104e6f2bd7e5c5a2b5a4aa3d1f0e6a0c4f8f1.',
      ),
    );
    expect(parsed.conventional).toBe(true);
    expect(parsed.revert).toEqual({
      header: 'feat(api): add endpoint',
      sha: '676104e6f2bd7e5c5a2b5a4aa3d1f0e6a0c4f8f1',
    });
    expect(parsed.changes).toHaveLength(1);
    expect(parsed.changes[0]).toMatchObject({
      type: 'revert',
      description: 'feat(api): add endpoint',
      breaking: false,
    });
  });

  it('reads git’s default `Revert "<header>"` form, with a squash suffix', () => {
    const parsed = parseCommit(
      raw('Revert "feat: add x (#12)" (#15)\n\nThis reverts commit abc1234.'),
    );
    expect(parsed.revert).toEqual({ header: 'feat: add x (#12)', sha: 'abc1234' });
    expect(parsed.changes).toEqual([
      expect.objectContaining({
        type: 'revert',
        scope: null,
        description: 'feat: add x (#12)',
        pullRequests: [{ number: 15, sigil: '#', repository: null }],
        issues: [],
      }),
    ]);
  });

  it('reads a revert of a revert and a revert without sha', () => {
    const nested = parseCommit(raw('Revert "Revert "fix: y""\n\nThis reverts commit 0123abcd.'));
    expect(nested.revert).toEqual({ header: 'Revert "fix: y"', sha: '0123abcd' });
    const bare = parseCommit(raw('Revert: fix: y'));
    expect(bare.revert).toEqual({ header: 'fix: y', sha: null });
    expect(bare.changes[0]?.type).toBe('revert');
  });

  it('does not read bullets of a revert body as squashed changes', () => {
    const parsed = parseCommit(
      raw('Revert "feat: a"\n\n* feat: a\n\nThis reverts commit abcdef0.'),
    );
    expect(parsed.changes).toHaveLength(1);
  });
});
