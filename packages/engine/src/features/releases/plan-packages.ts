import { join } from 'node:path';
import type {
  BumpReasons,
  ForgeBreaking,
  PackagePlan,
  ParsedCommit,
  RawCommit,
  ReleasedVersion,
} from '@slipway/core';
import {
  createCommitParser,
  getVersionScheme,
  planRelease,
  selectBaseRelease,
} from '@slipway/core';
import type { PackageTarget } from '../../config/index.js';
import { forgeBreakingWindow, withForgeWarnings } from './forge-breaking-plan.js';
import { internalDependencies } from './internal-dependencies.js';
import type {
  DependencyUpdate,
  PlanContext,
  PlanRequest,
  PlanServiceDeps,
  PlanningState,
} from './plan-service.js';
import { contextFor, countMergeOnce } from './plan-service.js';
import { markReachable, readReleaseTags } from './read-releases.js';
import { readWindow } from './read-window.js';

interface PackageState {
  readonly target: PackageTarget;
  readonly releases: ReleasedVersion[];
  readonly base: ReleasedVersion | null;
  readonly commits: ParsedCommit[];
  readonly fragments: Awaited<ReturnType<PlanServiceDeps['readFragments']>>;
  plan: PackagePlan;
  dependencyUpdates: DependencyUpdate[];
  releasedDependencies: number;
}

/**
 * A monorepo: every package's window from ONE `git log --name-only` over the union of the
 * windows (from the packages' common base), each commit parsed once and counted for the
 * packages whose paths it touches and whose last release does not contain it. Then a package
 * whose internal dependency is released gets the configured bump and its specifier updated.
 */
export async function planPackages(
  deps: PlanServiceDeps,
  state: PlanningState,
  targets: readonly PackageTarget[],
  request: PlanRequest,
): Promise<PlanContext[]> {
  const { git } = deps;
  const { role } = state;
  const prerelease = request.prerelease ?? (role.kind === 'channel' ? role.prerelease : null);
  const firstParent = request.firstParent ?? state.loaded.config.firstParent;
  const perPackage = await Promise.all(
    targets.map(async (target) => {
      const scheme = getVersionScheme(target.config.scheme);
      const releases = await markReachable(
        git,
        state.head,
        readReleaseTags(target.config, state.allTags),
        scheme,
        {
          exact: role.kind === 'maintenance',
          prerelease: prerelease !== null,
        },
      );
      return { target, releases, base: selectBaseRelease(releases, scheme, prerelease !== null) };
    }),
  );
  const bases = perPackage.map((entry) => entry.base?.commit ?? null);
  const common = bases.includes(null) ? null : await git.mergeBase(bases as string[]);
  const parser = createCommitParser({ issuePatterns: state.loaded.config.issuePatterns });
  const files = new Map<string, readonly string[]>();
  const all = await readWindow(
    git,
    { head: state.head, base: common, firstParent, withFiles: true },
    {
      parse: (raw: RawCommit) => {
        files.set(raw.sha, raw.files ?? []);
        return countMergeOnce(parser(raw), firstParent);
      },
      shallowBoundary: state.boundary,
    },
  );
  const bySha = new Map(all.map((commit) => [commit.sha, commit]));
  // Forge enrichment on: each commit's pull request asked once, for every package it touches.
  const forged =
    request.forgeBreaking === undefined
      ? null
      : await forgeBreakingWindow(request.forgeBreaking, state.loaded.config, all);
  const window = forged?.commits ?? all;
  const forgeBreaking = forged?.breaking ?? [];

  const states: PackageState[] = await Promise.all(
    perPackage.map(async ({ target, releases, base }) => {
      const released = base === null ? new Set<string>() : ancestorsWithin(bySha, base.commit);
      const commits = window.filter(
        (commit) => !released.has(commit.sha) && touches(files.get(commit.sha) ?? [], target.path),
      );
      const fragments = await deps.readFragments(join(state.topLevel, target.path));
      const directory =
        target.path === '.' ? fragments.directory : `${target.path}/${fragments.directory}`;
      return {
        target,
        releases,
        base,
        commits,
        fragments: { ...fragments, directory },
        plan: planFor(
          target,
          releases,
          base,
          commits,
          fragments.entries,
          prerelease,
          [],
          forgeBreaking,
        ),
        dependencyUpdates: [],
        releasedDependencies: 0,
      };
    }),
  );
  applyDependencyBumps(
    states,
    await internalDependencies(state.topLevel, targets),
    state.loaded.config.monorepo,
    prerelease,
    forgeBreaking,
  );

  return states.map((entry) =>
    contextFor(state, entry.target, {
      plan: withForgeWarnings(entry.plan, forged),
      loadCommits: () => Promise.resolve(entry.commits),
      base: entry.base,
      fragments: entry.fragments.entries,
      fragmentDirectory: entry.fragments.directory,
      fragmentProblems: entry.fragments.problems,
      dependencyUpdates: entry.dependencyUpdates,
    }),
  );
}

function planFor(
  target: PackageTarget,
  releases: ReleasedVersion[],
  base: ReleasedVersion | null,
  commits: readonly ParsedCommit[],
  fragments: PackageState['fragments']['entries'],
  prerelease: string | null,
  extraReasons: readonly BumpReasons[],
  forgeBreaking: readonly ForgeBreaking[],
): PackagePlan {
  const { config } = target;
  const shas = forgeBreaking.length === 0 ? null : new Set(commits.map((commit) => commit.sha));
  const own = shas === null ? [] : forgeBreaking.filter((entry) => shas.has(entry.sha));
  return planRelease({
    name: config.name,
    scheme: getVersionScheme(config.scheme),
    tagFormat: config.tagFormat,
    config: { bumps: config.bump, preMajor: config.preMajor, firstRelease: config.firstRelease },
    base,
    commits,
    fragments,
    extraReasons,
    prerelease,
    releases,
    maintenance: null,
    ...(own.length === 0 ? {} : { forgeBreaking: own }),
  });
}

/**
 * Until nothing changes (a dependent's release can release its own dependents): a package whose
 * internal dependencies are released records their new versions and, unless configured off,
 * gets the dependent bump.
 */
function applyDependencyBumps(
  states: PackageState[],
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
  monorepo: {
    readonly updateDependents: boolean;
    readonly dependentBump: 'patch' | 'minor' | 'none';
  },
  prerelease: string | null,
  forgeBreaking: readonly ForgeBreaking[],
): void {
  const byKey = new Map(states.map((entry) => [entry.target.key, entry]));
  for (let round = 0; round < states.length; round++) {
    let changed = false;
    for (const entry of states) {
      const released = [...(dependencies.get(entry.target.key) ?? [])]
        .map((key) => byKey.get(key))
        .filter((dep): dep is PackageState => dep !== undefined && dep.plan.nextVersion !== null);
      const updates = released.map((dep) => ({
        name: dep.target.config.name,
        version: dep.plan.nextVersion ?? '',
        scheme: dep.plan.scheme,
      }));
      if (updates.length === entry.releasedDependencies) continue;
      entry.releasedDependencies = updates.length;
      entry.dependencyUpdates = monorepo.updateDependents ? updates : [];
      if (monorepo.dependentBump !== 'none') {
        const reasons: BumpReasons = {
          bump: monorepo.dependentBump,
          commits: updates.map((update) => ({
            sha: '',
            type: 'deps',
            scope: update.name,
            description: `${update.name} ${update.version}`,
            breaking: false,
          })),
        };
        entry.plan = planFor(
          entry.target,
          entry.releases,
          entry.base,
          entry.commits,
          entry.fragments.entries,
          prerelease,
          [reasons],
          forgeBreaking,
        );
      }
      changed = true;
    }
    if (!changed) return;
  }
}

/** `base` and its ancestors among the walked commits: what the package's last release contains. */
function ancestorsWithin(bySha: ReadonlyMap<string, ParsedCommit>, base: string): Set<string> {
  const seen = new Set<string>();
  const stack = [base];
  for (let sha = stack.pop(); sha !== undefined; sha = stack.pop()) {
    if (seen.has(sha)) continue;
    seen.add(sha);
    const commit = bySha.get(sha);
    if (commit !== undefined) stack.push(...commit.parents);
  }
  return seen;
}

function touches(files: readonly string[], path: string): boolean {
  if (path === '.') return files.length > 0;
  const prefix = `${path}/`;
  return files.some((file) => file === path || file.startsWith(prefix));
}
