import type { BumpLevel } from '../versions/version.js';

/** A commit type's effect on the version. `none`: the change is noted but releases nothing. */
export type TypeBump = BumpLevel | 'none';

export interface PlanningConfig {
  /** Commit type → bump. Breaking changes are always `major` (before pre-1.0 rules). */
  readonly bumps: Readonly<Record<string, TypeBump>>;
  /** While the current major version is 0. */
  readonly preMajor: {
    /** What a breaking change bumps while 0.x: `minor` (the SemVer habit) or `major` (leave 0.x). */
    readonly breaking: 'minor' | 'major';
    /** What a feature bumps while 0.x. */
    readonly feat: 'minor' | 'patch';
  };
  /** The version of the first release, when no release tag exists. */
  readonly firstRelease: string;
}

export const defaultPlanningConfig: PlanningConfig = {
  bumps: { feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch' },
  preMajor: { breaking: 'minor', feat: 'minor' },
  firstRelease: '0.1.0',
};
