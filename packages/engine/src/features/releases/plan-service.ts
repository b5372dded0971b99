import type {
  FragmentEntry,
  PackagePlan,
  ParsedCommit,
  PlanWarning,
  RawCommit,
  ReleasedVersion,
} from '@slipway/core';
import {
  SlipwayError,
  createCommitParser,
  getVersionScheme,
  planRelease,
  selectBaseRelease,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { LoadedConfig, SlipwayConfig } from '../../config/index.js';
import { branchRole } from './branch-role.js';
import type { BranchRole } from './branch-role.js';
import { readWindowCached } from './cached-window.js';
import { markReachable, readReleaseTags } from './read-releases.js';
import type { PlanCache } from './window-cache.js';
import { cacheKey } from './window-cache.js';

export interface PlanRequest {
  /** `--prerelease <id>`; otherwise the branch's channel decides. */
  readonly prerelease?: string | null;
  /** Overrides the configuration's `first-parent`. */
  readonly firstParent?: boolean;
}

/** A plan and everything it was made from, for `plan`, `notes` and later `release`. */
export interface PlanContext {
  readonly plan: PackagePlan;
  /** The window's commits, newest first (reverted pairs not yet removed). Read on demand. */
  loadCommits(): Promise<readonly ParsedCommit[]>;
  readonly config: SlipwayConfig;
  readonly configSource: string | null;
  readonly topLevel: string;
  readonly head: string;
  readonly branch: string | null;
  readonly base: ReleasedVersion | null;
  /** News fragments waiting for this release, and the directory they are in (from the top level). */
  readonly fragments: readonly FragmentEntry[];
  readonly fragmentDirectory: string;
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
  plan(request?: PlanRequest): Promise<PlanContext>;
}

export function createPlanService(deps: PlanServiceDeps): PlanService {
  return {
    async plan(request = {}) {
      const { git } = deps;
      // Both start at once; a failure of `repository()` (not a repository) is the one reported.
      const tagsRead = git.tags();
      tagsRead.catch(() => undefined);
      const repository = await git.repository();
      const allTags = await tagsRead;
      const { topLevel, gitDir, head } = repository;
      const [loaded, boundary, fragments] = await Promise.all([
        deps.loadConfig(topLevel),
        repository.shallow ? deps.shallowBoundary(gitDir) : Promise.resolve(new Set<string>()),
        deps.readFragments(topLevel),
      ]);
      if (head.sha === null) {
        throw new SlipwayError(
          'GIT_NO_COMMITS',
          `the repository at ${topLevel} has no commits yet`,
          {
            hint: 'Commit something first; the first release is planned from the first commits.',
          },
        );
      }
      const headSha = head.sha;
      const { config } = loaded;
      const scheme = getVersionScheme(config.scheme);
      const role = branchRole(head.branch, config.branches);
      const prerelease = request.prerelease ?? (role.kind === 'channel' ? role.prerelease : null);
      const firstParent = request.firstParent ?? config.firstParent;
      const releases = await markReachable(git, headSha, readReleaseTags(config, allTags), scheme, {
        exact: role.kind === 'maintenance',
        prerelease: prerelease !== null,
      });
      const base = selectBaseRelease(releases, scheme, prerelease !== null);
      const maintenance = role.kind === 'maintenance' ? role.range : null;
      const cache = deps.cache(gitDir);

      let commits: ParsedCommit[] | null = null;
      const loadCommits = async (): Promise<ParsedCommit[]> => {
        if (commits !== null) return commits;
        const parser = createCommitParser({ issuePatterns: config.issuePatterns });
        commits = await readWindowCached(
          git,
          { head: headSha, base: base?.commit ?? null, firstParent },
          {
            parse: (raw: RawCommit) => countMergeOnce(parser(raw), firstParent),
            shallowBoundary: boundary,
          },
          cache,
        );
        return commits;
      };

      // The planner is pure, so a plan is determined by its inputs: the same inputs, the same plan.
      const planKey = cacheKey({
        head: headSha,
        releases: releases.map(({ tag, commit, reachable }) => [tag, commit, reachable]),
        config,
        prerelease,
        firstParent,
        maintenance,
        shallow: boundary.size > 0,
        fragments: fragments.entries,
      });
      let plan = await cache.readPlan(planKey);
      if (plan === null) {
        plan = planRelease({
          name: config.name,
          scheme,
          tagFormat: config.tagFormat,
          config: {
            bumps: config.bump,
            preMajor: config.preMajor,
            firstRelease: config.firstRelease,
          },
          base,
          commits: await loadCommits(),
          fragments: fragments.entries,
          prerelease,
          releases,
          maintenance,
        });
        await cache.writePlan(planKey, plan);
      }
      const warnings = [
        ...roleWarnings(role, head.branch),
        ...configWarnings(loaded),
        ...fragments.problems.map((message) => ({ code: 'fragment' as const, message })),
      ];
      return {
        plan: warnings.length === 0 ? plan : { ...plan, warnings: [...warnings, ...plan.warnings] },
        loadCommits,
        config,
        configSource: loaded.source,
        topLevel,
        head: headSha,
        branch: head.branch,
        base,
        fragments: fragments.entries,
        fragmentDirectory: fragments.directory,
      };
    },
  };
}

/**
 * Each change counts once. Walking every parent, the merged branch's own commits are in the window,
 * so a merge commit (whose body repeats the PR title) adds nothing. With --first-parent the merge
 * commit is the only trace of the pull request, and its title is the change.
 */
function countMergeOnce(commit: ParsedCommit, firstParent: boolean): ParsedCommit {
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
