import type { MaintenanceRange } from '@slipway/core';
import { escapeRegExp } from '@slipway/core';

export interface BranchRules {
  /** Branches that make final releases; `*` matches any run of characters but `/`. */
  readonly release: readonly string[];
  /** Branch → pre-release identifier. */
  readonly channels: Readonly<Record<string, string>>;
  /** Maintenance branch patterns; the line (`1.x`, `1.2.x`) is read from the branch name. */
  readonly maintenance: readonly string[];
}

export type BranchRole =
  | { readonly kind: 'release' }
  | { readonly kind: 'channel'; readonly prerelease: string }
  | { readonly kind: 'maintenance'; readonly range: MaintenanceRange }
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'detached' };

const maintenanceLine = /^(?:.*\/)?(\d+)\.(?:(\d+)\.)?x$/;

export function branchRole(branch: string | null, rules: BranchRules): BranchRole {
  if (branch === null) return { kind: 'detached' };
  if (rules.release.some((pattern) => globMatches(pattern, branch))) return { kind: 'release' };
  for (const [pattern, prerelease] of Object.entries(rules.channels)) {
    if (globMatches(pattern, branch)) return { kind: 'channel', prerelease };
  }
  if (rules.maintenance.some((pattern) => globMatches(pattern, branch))) {
    const line = maintenanceLine.exec(branch);
    if (line !== null) {
      return {
        kind: 'maintenance',
        range: {
          branch,
          major: Number(line[1]),
          minor: line[2] === undefined ? null : Number(line[2]),
        },
      };
    }
  }
  return { kind: 'unconfigured' };
}

function globMatches(pattern: string, branch: string): boolean {
  if (!pattern.includes('*')) return pattern === branch;
  const source = pattern.split('*').map(escapeRegExp).join('[^/]*');
  return new RegExp(`^${source}$`).test(branch);
}
