import type { FragmentEntry } from '../fragments/parse-fragment.js';
import type { Revert } from '../commits/types.js';
import type { BumpLevel, SchemeName, Version, VersionScheme } from '../versions/version.js';
import type { PlanningConfig } from './planning-config.js';

/** The part of a change the planner reads. A `Change` is one. */
export interface PlanChange {
  readonly type: string;
  readonly scope: string | null;
  readonly breaking: boolean;
  readonly description: string;
}

/**
 * The part of a commit the planner reads. A `ParsedCommit` is one; the engine keeps only this
 * much of each commit while planning long windows, so the parsed commit can be collected.
 */
export interface PlanCommit {
  readonly sha: string;
  readonly committerTime: number;
  readonly header: string;
  readonly conventional: boolean;
  readonly merge: boolean;
  readonly changes: readonly PlanChange[];
  readonly revert: Revert | null;
  readonly releaseAs: string | null;
}

/** A version that has a release tag. */
export interface ReleasedVersion {
  readonly version: Version;
  readonly tag: string;
  readonly commit: string;
  /** Reachable from the commit being planned. */
  readonly reachable: boolean;
}

/** A maintenance branch (`1.x`, `1.2.x`) may only release inside its line. */
export interface MaintenanceRange {
  readonly branch: string;
  readonly major: number;
  readonly minor: number | null;
}

export interface PlanInput {
  readonly name: string;
  readonly scheme: VersionScheme;
  readonly tagFormat: string;
  readonly config: PlanningConfig;
  /** The release the window starts after (see selectBaseRelease); null for a first release. */
  readonly base: ReleasedVersion | null;
  /** The commits after `base`, newest first. */
  readonly commits: readonly PlanCommit[];
  /** News fragments waiting for this release; each bumps by its type. */
  readonly fragments?: readonly FragmentEntry[];
  /** Bumps from outside the window: a monorepo package whose dependency is released. */
  readonly extraReasons?: readonly BumpReasons[];
  /** Pre-release identifier (`rc`, `beta`), from `--prerelease` or the branch's channel. */
  readonly prerelease: string | null;
  /** Every release tag known for this package, reachable or not. */
  readonly releases: readonly ReleasedVersion[];
  readonly maintenance: MaintenanceRange | null;
  /**
   * Commits made breaking by their pull/merge request (a squash merge keeps only the title, the
   * request's body says `BREAKING CHANGE:`). The commits given are already marked breaking; the
   * planner names the request beside each, so the version stays explainable. Given only when
   * forge enrichment is on: without it the plan depends on git alone.
   */
  readonly forgeBreaking?: readonly ForgeBreaking[];
}

/** A commit the forge's pull/merge request declares breaking. */
export interface ForgeBreaking {
  readonly sha: string;
  /** `#12` (GitHub) or `!3` (GitLab). */
  readonly pullRequest: string;
  /** The request's `BREAKING CHANGE:` texts; empty when only a `!` in its title marks it. */
  readonly notes: readonly string[];
}

export interface BumpReason {
  /** The commit; empty for a news fragment. */
  readonly sha: string;
  /** The news fragment that caused the bump (relative to the fragment directory). */
  readonly fragment?: string;
  readonly type: string;
  readonly scope: string | null;
  readonly description: string;
  readonly breaking: boolean;
  /** The pull/merge request (`#12`) that made this commit breaking; absent when git says so. */
  readonly breakingFrom?: string;
}

export interface BumpReasons {
  readonly bump: BumpLevel;
  readonly commits: readonly BumpReason[];
}

export type PlanWarningCode =
  | 'non-conventional'
  | 'release-as-invalid'
  | 'release-as-not-greater'
  | 'tag-exists'
  | 'shallow'
  | 'branch-not-configured'
  | 'detached-head'
  | 'config'
  | 'fragment'
  | 'forge';

export interface PlanWarning {
  readonly code: PlanWarningCode;
  readonly message: string;
  /** Commits the warning is about (non-conventional commits, the Release-As commit). */
  readonly commits?: readonly string[];
}

/** The `--json` shape of one package's plan (documented in the README; keep stable). */
export interface PackagePlan {
  readonly name: string;
  readonly scheme: SchemeName;
  readonly currentVersion: string | null;
  readonly currentTag: string | null;
  readonly nextVersion: string | null;
  readonly nextTag: string | null;
  readonly bump: BumpLevel | null;
  readonly prerelease: string | null;
  readonly releaseAs: string | null;
  readonly reasons: readonly BumpReasons[];
  /** Commits in the window. */
  readonly commits: number;
  readonly cancelledReverts: number;
  readonly warnings: readonly PlanWarning[];
  /** Commits made breaking by their pull/merge request; present only when there are some. */
  readonly forgeBreaking?: readonly ForgeBreaking[];
}
