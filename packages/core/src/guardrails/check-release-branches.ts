import { formatHours } from './check-branch-freshness.js';
import type { RuleFinding } from './guardrail-types.js';

export interface UnportedCommit {
  readonly sha: string;
  readonly header: string;
}

export interface ReleaseBranchState {
  readonly name: string;
  /**
   * Commits on the branch whose change (patch-id) is not on main: a cherry-pick to main counts
   * as ported. Release commits are left out by the caller.
   */
  readonly unported: readonly UnportedCommit[];
  /** Unix seconds when the branch left main: its oldest own commit, else the fork point. */
  readonly cutTime: number;
}

/**
 * Short-lived release branches: a fix made on a release branch must reach main (or the next
 * release regresses), and a release branch must not outlive its window.
 */
export function checkReleaseBranches(
  branches: readonly ReleaseBranchState[],
  windowDays: number | null,
  nowSeconds: number,
  base: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const branch of branches) {
    for (const commit of branch.unported) {
      findings.push({
        rule: 'release-fixes',
        branch: branch.name,
        commit: commit.sha,
        message: `${commit.sha.slice(0, 7)} "${commit.header}" on ${branch.name} is not on ${base}`,
      });
    }
    if (windowDays === null) continue;
    const ageHours = (nowSeconds - branch.cutTime) / 3600;
    if (ageHours > windowDays * 24) {
      findings.push({
        rule: 'release-age',
        branch: branch.name,
        message: `release branch ${branch.name} is ${formatHours(ageHours)} old; its window is ${windowDays} days`,
      });
    }
  }
  return findings;
}
