import type { RuleFinding } from './guardrail-types.js';

export interface BranchFreshness {
  /** Unix seconds of the oldest commit on the branch that main does not have; null: none. */
  readonly oldestUnmergedTime: number | null;
  /** Commits on the branch and not on main. */
  readonly ahead: number;
  /** Commits on main and not on the branch. */
  readonly behind: number;
}

export interface BranchLimits {
  /** Null: no limit. */
  readonly maxAgeHours: number | null;
  readonly maxAhead: number | null;
  readonly maxBehind: number | null;
}

/**
 * The trunk-based guardrail: work reaches main while it is young and small. The age counts from
 * the oldest unmerged commit's author date, when the work began, not from the last rebase.
 */
export function checkBranchFreshness(
  branch: BranchFreshness,
  limits: BranchLimits,
  nowSeconds: number,
  base: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (limits.maxAgeHours !== null && branch.oldestUnmergedTime !== null) {
    const ageHours = (nowSeconds - branch.oldestUnmergedTime) / 3600;
    if (ageHours > limits.maxAgeHours) {
      findings.push({
        rule: 'branch-age',
        message: `the oldest commit not on ${base} is ${formatHours(ageHours)} old; the limit is ${formatHours(limits.maxAgeHours)}`,
      });
    }
  }
  if (limits.maxAhead !== null && branch.ahead > limits.maxAhead) {
    findings.push({
      rule: 'branch-divergence',
      message: `the branch has ${branch.ahead} commits not on ${base}; the limit is ${limits.maxAhead}`,
    });
  }
  if (limits.maxBehind !== null && branch.behind > limits.maxBehind) {
    findings.push({
      rule: 'branch-divergence',
      message: `the branch is ${branch.behind} commits behind ${base}; the limit is ${limits.maxBehind}`,
    });
  }
  return findings;
}

export function formatHours(hours: number): string {
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${Math.floor(hours)} hours`;
  return `${Math.max(0, Math.floor(hours * 60))} minutes`;
}
