import type { Change, ParsedCommit, Person } from '../../src/commits/types.js';
import type { NotesConfig } from '../../src/notes/index.js';
import { defaultNotesConfig } from '../../src/notes/index.js';

/** A Change with defaults; tests override what they are about. */
export function change(overrides: Partial<Change> & Pick<Change, 'type' | 'description'>): Change {
  return {
    scope: null,
    breaking: false,
    breakingNotes: [],
    body: null,
    footers: [],
    pullRequests: [],
    issues: [],
    ...overrides,
  };
}

let counter = 0;

/** A ParsedCommit with a unique, stable-looking sha unless one is given. */
export function commit(
  changes: readonly Change[],
  overrides: Partial<ParsedCommit> & { coAuthors?: readonly Person[] } = {},
): ParsedCommit {
  counter += 1;
  const { coAuthors = [], ...rest } = overrides;
  const first = changes[0];
  return {
    sha: `${counter.toString(16).padStart(4, '0')}${'ab12cd34'.repeat(4)}ef01`,
    parents: ['0'.repeat(40)],
    author: { name: 'Ada Lovelace', email: 'ada@example.com' },
    authorTime: 1_790_000_000,
    committerTime: 1_790_000_000,
    header: first === undefined ? 'update things' : `${first.type}: ${first.description}`,
    conventional: changes.length > 0,
    changes,
    revert: null,
    releaseAs: null,
    trailers: { reviewedBy: [], coAuthoredBy: coAuthors, signedOffBy: [] },
    merge: false,
    ...rest,
  };
}

/** What notes say about the release itself, for tests that fold a window into notes. */
export const heading = {
  version: '2.0.0',
  previousVersion: '1.4.0',
  tag: 'v2.0.0',
  previousTag: 'v1.4.0',
  date: '2026-11-26',
};

/** Types listed twice, listed though hidden, neither listed nor hidden; "other" commits shown. */
export const mixedNotesConfig: NotesConfig = {
  ...defaultNotesConfig,
  sections: [
    { types: ['feat', 'perf'], title: 'Features' },
    { types: ['fix'], title: 'Fixes' },
    { types: ['perf', 'chore'], title: 'Speed and chores' },
  ],
  hidden: ['chore', 'ci', 'docs'],
  showOther: true,
};

/** A towncrier news fragment of type feature, not tied to an issue. */
export const fragment = {
  file: '9.feature.md',
  type: 'feature',
  issue: null,
  text: 'From a fragment.',
  bump: 'minor' as const,
  breaking: false,
};
