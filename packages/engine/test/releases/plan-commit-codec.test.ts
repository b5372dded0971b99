import { describe, expect, it } from 'vitest';
import { parseCommit } from '@slipway/core';
import { decodePlanCommits, encodePlanCommits, toPlanCommit } from '../../src/index.js';

function planCommit(message: string, sha: string) {
  return toPlanCommit(
    parseCommit({
      sha,
      parents: ['p'],
      authorName: 'A',
      authorEmail: 'a@example.com',
      authorTime: 1,
      committerTime: 2,
      message,
    }),
  );
}

describe('the plan-commit codec', () => {
  it('round-trips every field the planner reads', () => {
    const commits = [
      planCommit('feat(api)!: new\n\nBREAKING CHANGE: gone\n\nRelease-As: 2.0.0', 'a'.repeat(40)),
      planCommit(`revert: feat: x\n\nThis reverts commit ${'b'.repeat(40)}.`, 'c'.repeat(40)),
      planCommit('Update README', 'd'.repeat(40)),
    ];
    const decoded = decodePlanCommits(JSON.parse(JSON.stringify(encodePlanCommits(commits))));
    expect(decoded).toEqual(commits);
  });

  it('treats anything else as a cache miss', () => {
    expect(decodePlanCommits({ commits: [] })).toBeNull();
    expect(decodePlanCommits([[1, 2, 3]])).toBeNull();
  });
});
