import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../../bench/generate-repo.js';
import { seededRandom } from '../../../../tools/test-utils/src/seeded-random.js';
import type { NotesParsedCommit, ParsedCommit } from '../../src/index.js';
import { SlipwayError, createCommitParser, createNotesCommitParser } from '../../src/index.js';
import { raw } from './raw-commit.js';

/** Exactly what notes and the planner read of a commit, whichever parser made it. */
function notesFields(commit: NotesParsedCommit | ParsedCommit) {
  return {
    sha: commit.sha,
    committerTime: commit.committerTime,
    header: commit.header,
    conventional: commit.conventional,
    merge: commit.merge,
    changes: commit.changes.map(
      ({ type, scope, breaking, breakingNotes, description, pullRequests, issues }) => ({
        type,
        scope,
        breaking,
        breakingNotes,
        description,
        pullRequests,
        issues,
      }),
    ),
    revert: commit.revert,
    releaseAs: commit.releaseAs,
    author: commit.author,
    coAuthoredBy: commit.trailers.coAuthoredBy,
  };
}

const tricky = [
  'feat(api)!: drop v1 (#12) (#13)',
  'fix: a\n\nBody text, see #3\n\nBREAKING CHANGE: the flag\n  spans lines\nRelease-As: 2.0.0',
  'feat: two notes\n\nBREAKING CHANGE: first\nCloses #9\nBREAKING-CHANGE: second\n\n  more of it',
  'fix: empty note\n\nBREAKING CHANGE:\nReviewed-by: Cy <cy@example.com>',
  'fix: not breaking\n\nBreaking-Change: lower case is a plain footer\nBREAKING CHANGES: neither',
  'feat: inline\n\nSome body.\nBREAKING CHANGE: inside the body paragraph\nRefs #4',
  'feat: squash (#40)\n\n* feat(ui): one (#41)\n* fix: two\n\n  BREAKING CHANGE: inside a bullet\n  Co-authored-by: Al <al@example.com>\n* wip\n\n  Closes #77\n\nCo-authored-by: Bo <bo@example.com>\nCo-authored-by: Al <al@example.com>\nRelease-As: 3.1.0',
  'Merge pull request #7 from me/ABC-12-branch\n\nfeat: the PR title\n\nCloses #5',
  "Merge branch 'x' into 'main'\n\nfix: gitlab\n\nSee merge request group/proj!12",
  `revert: feat: x\n\nThis reverts commit ${'ab'.repeat(20)}.`,
  'Revert "feat: y (#3)"\n\nThis reverts commit abcdef1.',
  'Update README\n\nrelease-as: 1.0.0\nCo-authored-by: <bot@example.com>',
  'feat: crlf\r\n\r\nBREAKING-CHANGE: windows\r\nCo-authored-by: Win Dows <w@example.com>\r\n',
  'docs: see ABC-12 and #4\n\nReviewed-by: Cy <cy@example.com>\nSigned-off-by: Di <di@example.com>\nCo-authored-by: Di',
  '',
  '\n\n',
];

describe('the notes commit parser', () => {
  it('reads what notes and the planner read as the full parser does', () => {
    const full = createCommitParser({ issuePatterns: ['[A-Z][A-Z0-9]+-\\d+'] });
    const notes = createNotesCommitParser({ issuePatterns: ['[A-Z][A-Z0-9]+-\\d+'] });
    const random = seededRandom(23);
    const messages = [
      ...tricky,
      ...Array.from({ length: 3000 }, (_, i) => commitMessage(random, i)),
    ];
    const authors = [
      ['Ada Lovelace', 'ada@example.com'],
      ['Ada Lovelace', 'ada@example.com'],
      ['Grace Hopper', ''],
      ['Ada Lovelace', 'ada@work.example'],
    ] as const;
    messages.forEach((message, index) => {
      const parents = index % 7 === 3 ? ['p1', 'p2'] : ['p1'];
      const [authorName, authorEmail] = authors[index % authors.length] ?? authors[0];
      const sha = index.toString(16).padStart(40, '0');
      const commit = raw(message, { sha, parents, authorName, authorEmail });
      expect(notesFields(notes(commit))).toEqual(notesFields(full(commit)));
    });
  });

  it('gives each author one Person, whoever wrote the commit before', () => {
    const notes = createNotesCommitParser();
    const ada = notes(raw('fix: a')).author;
    const grace = notes(raw('fix: b', { authorName: 'Grace Hopper', authorEmail: '' })).author;
    expect(grace).toEqual({ name: 'Grace Hopper', email: null });
    expect(notes(raw('fix: c')).author).toBe(ada);
    expect(notes(raw('fix: d')).author).toBe(ada);
  });

  it('refuses an invalid issue pattern as the full parser does', () => {
    expect(() => createNotesCommitParser({ issuePatterns: ['(unclosed'] })).toThrow(SlipwayError);
  });
});
