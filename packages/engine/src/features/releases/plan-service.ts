import type {
  ForgeBreaking,
  FragmentEntry,
  NotesCommit,
  NotesHeading,
  ReleaseNotes,
  PlanCommit,
  SchemeName,
  PackagePlan,
  ParsedCommit,
  PlanWarning,
  ReleasedVersion,
} from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { GitPort, TagRef } from '../../adapters/git/git-port.js';
import type { PackageTarget } from '../../config/index.js';
import { resolvePackages } from '../../config/index.js';
import { planPackages } from './plan-packages.js';
import type { LoadedConfig, SlipwayConfig } from '../../config/index.js';
import { branchRole } from './branch-role.js';
import type { BranchRole } from './branch-role.js';
import { planSinglePackage } from './plan-single-package.js';
import type { PlanCache } from './window-cache.js';

export interface PlanRequest {
  /** `--prerelease <id>`; otherwise the branch's channel decides. */
  readonly prerelease?: string | null;
  /** Overrides the configuration's `first-parent`. */
  readonly firstParent?: boolean;
  /** A monorepo package's key or name. */
  readonly package?: string;
  /**
   * The caller will want the notes (notes, releases): fold the window into the notes and the
   * plan in one read, rather than plan alone and read the window a second time.
   */
  readonly keepCommits?: boolean;
  /**
   * With `keepCommits`: the caller prints the notes as Markdown and reads nothing else of them.
   * The fold then keeps each change's line, not its entry (`windowMarkdown`; ADR 0026), unless
   * news fragments wait (they take over entries).
   */
  readonly markdownOnly?: boolean;
  /**
   * Forge enrichment is on (a token): commits whose pull/merge request declares a breaking
   * change count as breaking. Absent: the plan comes from git alone (no lookups, no extra work).
   */
  readonly forgeBreaking?: ForgeBreakingLookup;
}

/** A window commit and the pull/merge request numbers its message names (this repository's). */
export interface BreakingCandidate {
  readonly sha: string;
  readonly pullRequests: readonly number[];
}

/** The commits among `commits` that their pull/merge request declares breaking, and lookup failures. */
export type ForgeBreakingLookup = (
  config: SlipwayConfig,
  commits: readonly BreakingCandidate[],
) => Promise<{ readonly breaking: readonly ForgeBreaking[]; readonly notes: readonly string[] }>;

/** A plan and everything it was made from, for `plan`, `notes` and later `release`. */
export interface PlanContext {
  readonly plan: PackagePlan;
  /** The window's commits, newest first (reverted pairs not yet removed). Read on demand. */
  loadCommits(): Promise<readonly NotesCommit[]>;
  /**
   * The release notes of the window, given what they say about the release itself; folded while
   * the window streamed (`keepCommits`), else null and the notes come from `loadCommits`.
   */
  readonly windowNotes: ((heading: NotesHeading) => ReleaseNotes) | null;
  /**
   * The notes' Markdown in pieces to write one after another (see renderNotesTextChunks),
   * folded while the window streamed (`markdownOnly`), else null.
   */
  readonly windowMarkdown: ((heading: NotesHeading) => readonly string[]) | null;
  /** `origin`'s URL for the notes' links, read once for every package (see PlanningState). */
  readonly originUrl: Promise<string | null> | null;
  readonly config: SlipwayConfig;
  readonly configSource: string | null;
  readonly topLevel: string;
  readonly head: string;
  readonly branch: string | null;
  readonly base: ReleasedVersion | null;
  /** News fragments waiting for this release, and the directory they are in (from the top level). */
  readonly fragments: readonly FragmentEntry[];
  readonly fragmentDirectory: string;
  /** `[packages.<key>]` key (the package name in a single-package repository). */
  readonly packageKey: string;
  /** The package's directory, relative to the top level (`.` for a single package). */
  readonly packagePath: string;
  /** Internal dependencies released with this plan, whose specifiers the release updates. */
  readonly dependencyUpdates: readonly DependencyUpdate[];
}

/** A dependency (another package of the monorepo) released at a new version. */
export interface DependencyUpdate {
  readonly name: string;
  readonly version: string;
  readonly scheme: SchemeName;
}

export interface PlanServiceDeps {
  readonly git: GitPort;
  readonly loadConfig: (dir: string) => Promise<LoadedConfig>;
  /** Commits at the boundary of a shallow clone, given its git directory. */
  readonly shallowBoundary: (gitDir: string) => Promise<ReadonlySet<string>>;
  /** The project's news fragments (towncrier-compatible), given the top level. */
  readonly readFragments: (topLevel: string) => Promise<ProjectFragments>;
  /** Where parsed windows and finished plans are kept; given the git directory. */
  readonly cache: (gitDir: string) => PlanCache;
}

export interface ProjectFragments {
  readonly entries: readonly FragmentEntry[];
  readonly problems: readonly string[];
  /** The fragment directory, relative to the top level. */
  readonly directory: string;
}

export interface PlanService {
  /** The plan of the only package, or of `request.package` in a monorepo. */
  plan(request?: PlanRequest): Promise<PlanContext>;
  /** Every package's plan (one for a single-package repository). */
  planAll(request?: PlanRequest): Promise<PlanContext[]>;
}

export function createPlanService(deps: PlanServiceDeps): PlanService {
  const planAll = async (request: PlanRequest = {}): Promise<PlanContext[]> => {
    const state = await readRepositoryState(deps, request);
    const targets = await resolvePackages(state.loaded.config, state.topLevel);
    if (state.loaded.config.packages.length === 0) {
      const [target] = targets;
      if (target === undefined) return [];
      return [await planSinglePackage(deps, state, target, request)];
    }
    return planPackages(deps, state, targets, request);
  };
  return {
    planAll,
    async plan(request = {}) {
      const contexts = await planAll(request);
      const wanted = request.package;
      const found =
        wanted === undefined
          ? contexts.length === 1
            ? contexts[0]
            : undefined
          : contexts.find(
              (context) => context.packageKey === wanted || context.config.name === wanted,
            );
      if (found !== undefined) return found;
      const names = contexts.map((context) => context.packageKey).join(', ');
      throw new SlipwayError(
        'USAGE',
        wanted === undefined
          ? `this repository has several packages (${names}); name one with --package`
          : `no package "${wanted}" in this repository (packages: ${names})`,
        { subject: wanted ?? '--package' },
      );
    },
  };
}

/** What every package's plan starts from: one rev-parse, one for-each-ref, the configuration. */
export interface PlanningState {
  readonly topLevel: string;
  readonly gitDir: string;
  readonly head: string;
  readonly branch: string | null;
  readonly allTags: readonly TagRef[];
  readonly loaded: LoadedConfig;
  readonly boundary: ReadonlySet<string>;
  readonly role: BranchRole;
  /**
   * `origin`'s URL, read beside the first reads when the notes are wanted (their links need it),
   * so that the window's read does not wait for one more git process; null when not wanted.
   */
  readonly originUrl: Promise<string | null> | null;
}

async function readRepositoryState(
  deps: PlanServiceDeps,
  request: PlanRequest,
): Promise<PlanningState> {
  const { git } = deps;
  // All start at once; a failure of `repository()` (not a repository) is the one reported.
  const tagsRead = git.tags();
  tagsRead.catch(() => undefined);
  const originUrl = request.keepCommits === true ? git.remoteUrl('origin') : null;
  originUrl?.catch(() => undefined);
  const repository = await git.repository();
  const allTags = await tagsRead;
  const { topLevel, gitDir, head } = repository;
  const [loaded, boundary] = await Promise.all([
    deps.loadConfig(topLevel),
    repository.shallow ? deps.shallowBoundary(gitDir) : Promise.resolve(new Set<string>()),
  ]);
  if (head.sha === null) {
    throw new SlipwayError('GIT_NO_COMMITS', `the repository at ${topLevel} has no commits yet`, {
      hint: 'Commit something first; the first release is planned from the first commits.',
    });
  }
  return {
    topLevel,
    gitDir,
    head: head.sha,
    branch: head.branch,
    allTags,
    loaded,
    boundary,
    role: branchRole(head.branch, loaded.config.branches),
    originUrl,
  };
}

/** The context of one package's plan, with the warnings every plan shares. */
export function contextFor(
  state: PlanningState,
  target: PackageTarget,
  parts: {
    plan: PackagePlan;
    loadCommits: () => Promise<readonly NotesCommit[]>;
    windowNotes?: ((heading: NotesHeading) => ReleaseNotes) | null;
    windowMarkdown?: ((heading: NotesHeading) => readonly string[]) | null;
    base: ReleasedVersion | null;
    fragments: readonly FragmentEntry[];
    fragmentDirectory: string;
    fragmentProblems: readonly string[];
    dependencyUpdates: readonly DependencyUpdate[];
  },
): PlanContext {
  const warnings = [
    ...roleWarnings(state.role, state.branch),
    ...configWarnings(state.loaded),
    ...parts.fragmentProblems.map((message) => ({ code: 'fragment' as const, message })),
  ];
  const { plan } = parts;
  return {
    plan: warnings.length === 0 ? plan : { ...plan, warnings: [...warnings, ...plan.warnings] },
    loadCommits: parts.loadCommits,
    windowNotes: parts.windowNotes ?? null,
    windowMarkdown: parts.windowMarkdown ?? null,
    originUrl: state.originUrl,
    config: target.config,
    configSource: state.loaded.source,
    topLevel: state.topLevel,
    head: state.head,
    branch: state.branch,
    base: parts.base,
    fragments: parts.fragments,
    fragmentDirectory: parts.fragmentDirectory,
    packageKey: target.key,
    packagePath: target.path,
    dependencyUpdates: parts.dependencyUpdates,
  };
}

/**
 * Each change counts once. Walking every parent, the merged branch's own commits are in the window,
 * so a merge commit (whose body repeats the PR title) adds nothing. With --first-parent the merge
 * commit is the only trace of the pull request, and its title is the change.
 */
/** The planner's part of a parsed commit, in new small objects (see PlanCommit). */
export function toPlanCommit(commit: ParsedCommit): PlanCommit {
  return {
    sha: commit.sha,
    committerTime: commit.committerTime,
    header: commit.header,
    conventional: commit.conventional,
    merge: commit.merge,
    changes: commit.changes.map(({ type, scope, breaking, description }) => ({
      type,
      scope,
      breaking,
      description,
    })),
    revert: commit.revert,
    releaseAs: commit.releaseAs,
  };
}

export function countMergeOnce<T extends PlanCommit>(commit: T, firstParent: boolean): T {
  if (firstParent || !commit.merge || commit.changes.length === 0) return commit;
  return { ...commit, changes: [] };
}

function roleWarnings(role: BranchRole, branch: string | null): PlanWarning[] {
  if (role.kind === 'detached') {
    return [
      { code: 'detached-head', message: 'HEAD is detached; planned as a release branch would be' },
    ];
  }
  if (role.kind === 'unconfigured') {
    return [
      {
        code: 'branch-not-configured',
        message: `branch ${branch ?? ''} is not configured to release (branches.release, branches.channels, branches.maintenance); planned as a release branch would be`,
      },
    ];
  }
  return [];
}

function configWarnings(loaded: LoadedConfig): PlanWarning[] {
  return loaded.warnings.map((message) => ({ code: 'config' as const, message }));
}
