import type { Change, ParsedCommit } from '@slipway/core';

/**
 * What planning and notes keep of a commit. Bodies and footers are dropped after parsing: at
 * 100,000 commits they are most of the memory, and nothing downstream reads them (breaking-change
 * texts and references were extracted already).
 */
export function slimCommit(commit: ParsedCommit): ParsedCommit {
  return { ...commit, changes: commit.changes.map(slimChange) };
}

function slimChange(change: Change): Change {
  return { ...change, body: null, footers: [] };
}
