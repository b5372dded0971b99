import { readReleaseWindow } from '../approvals/commit-authors.js';

/**
 * When the oldest commit in `range` (`v1.2.0..HEAD`, or `HEAD` for all) was committed, in UTC:
 * a release's `firstCommitTime`, where DORA lead time starts. Null for an empty range.
 * `slipway push` reads it with the authors in one `git log` (`readReleaseWindow`).
 */
export async function oldestCommitTime(cwd: string, range: string): Promise<string | null> {
  return (await readReleaseWindow(cwd, range)).firstCommitTime;
}
