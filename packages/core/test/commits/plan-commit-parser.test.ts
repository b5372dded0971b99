import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../../bench/generate-repo.js';
import { seededRandom } from '../../../../tools/test-utils/src/seeded-random.js';
import type { ParsedCommit, PlanCommit } from '../../src/index.js';
import { SlipwayError, createCommitParser, createPlanCommitParser } from '../../src/index.js';
import { raw } from './raw-commit.js';

/** Exactly the planner's fields of a commit, whichever parser made it. */
function planFields(commit: PlanCommit | ParsedCommit) {
  return {
    sha: commit.sha,
    committerTime: commit.committerTime,
    header: commit.header,
    conventional: commit.conventional,
    merge: commit.merge,
    changes: commit.changes.map(({ type, scope, breaking, description }) => ({
      type,
      scope,
      breaking,
      description,
    })),
    revert: commit.revert,
    releaseAs: commit.releaseAs,
  };
}

const tricky = [
  'feat(api)!: drop v1 (#12) (#13)',
  'fix: a\n\nBody text\n\nBREAKING CHANGE: the flag\n  spans lines\nRelease-As: 2.0.0',
  'feat: squash (#40)\n\n* feat(ui): one (#41)\n* fix: two\n\n  BREAKING CHANGE: inside a bullet\n* wip\n\nCo-authored-by: Bo <bo@example.com>\nRelease-As: 3.1.0',
  'Merge pull request #7 from me/branch\n\nfeat: the PR title\n\nCloses #5',
  "Merge branch 'x' into 'main'\n\nfix: gitlab\n\nSee merge request group/proj!12",
  `revert: feat: x\n\nThis reverts commit ${'ab'.repeat(20)}.`,
  'Revert "feat: y"\n\nThis reverts commit abcdef1.',
  'Update README\n\nrelease-as: 1.0.0',
  'feat: crlf\r\n\r\nBREAKING-CHANGE: windows\r\n',
  'docs: see ABC-12 and #4\n\nReviewed-by: Cy <cy@example.com>\nSigned-off-by: Di <di@example.com>',
  '',
  '\n\n',
];

describe('the planner commit parser', () => {
  it("reads the planner's fields as the full parser does", () => {
    const full = createCommitParser({ issuePatterns: ['[A-Z][A-Z0-9]+-\\d+'] });
    const plan = createPlanCommitParser({ issuePatterns: ['[A-Z][A-Z0-9]+-\\d+'] });
    const random = seededRandom(11);
    const messages = [
      ...tricky,
      ...Array.from({ length: 3000 }, (_, i) => commitMessage(random, i)),
    ];
    messages.forEach((message, index) => {
      const parents = index % 7 === 3 ? ['p1', 'p2'] : ['p1'];
      const commit = raw(message, { sha: index.toString(16).padStart(40, '0'), parents });
      expect(planFields(plan(commit))).toEqual(planFields(full(commit)));
    });
  });

  it('refuses an invalid issue pattern as the full parser does', () => {
    expect(() => createPlanCommitParser({ issuePatterns: ['(unclosed'] })).toThrow(SlipwayError);
  });
});
