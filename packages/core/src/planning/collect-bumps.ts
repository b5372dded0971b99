import type { FragmentEntry } from '../fragments/parse-fragment.js';
import type { BumpLevel } from '../versions/version.js';
import { bumpLevelsHighFirst, higherBump } from './bump-level.js';
import type { PlanningConfig } from './planning-config.js';
import type { BumpSummary } from './bump-summary.js';
import type { BumpReason, BumpReasons, PlanCommit } from './plan-types.js';

export interface CollectedBumps {
  readonly bump: BumpLevel | null;
  readonly reasons: BumpReasons[];
  /** Non-conventional commits that are not merges (merges without a title are normal). */
  readonly nonConventional: readonly string[];
  /** The newest `Release-As` in the window, with its commit. */
  readonly releaseAs: { readonly value: string; readonly sha: string } | null;
}

/**
 * What each change bumps, and the highest bump. `preMajor` applies while the current version is
 * 0.x: there a breaking change or a feature bumps what the configuration says.
 */
export function collectBumps(
  commits: readonly PlanCommit[],
  config: PlanningConfig,
  preMajor: boolean,
  fragments: readonly FragmentEntry[] = [],
  extra: readonly BumpReasons[] = [],
): CollectedBumps {
  const byLevel: Record<BumpLevel, BumpReason[]> = { major: [], minor: [], patch: [] };
  const nonConventional: string[] = [];
  let releaseAs: CollectedBumps['releaseAs'] = null;
  let bump: BumpLevel | null = null;

  for (const commit of commits) {
    if (releaseAs === null && commit.releaseAs !== null) {
      releaseAs = { value: commit.releaseAs, sha: commit.sha };
    }
    if (!commit.conventional) {
      if (!commit.merge) nonConventional.push(commit.sha);
      continue;
    }
    for (const change of commit.changes) {
      const level = levelOf(change.type, change.breaking, config, preMajor);
      if (level === null) continue;
      bump = higherBump(bump, level);
      byLevel[level].push({
        sha: commit.sha,
        type: change.type,
        scope: change.scope,
        description: change.description,
        breaking: change.breaking,
      });
    }
  }
  for (const fragment of fragments) {
    if (fragment.bump === null) continue;
    const level = preMajor ? preMajorLevel(fragment.bump, config) : fragment.bump;
    bump = higherBump(bump, level);
    byLevel[level].push({
      sha: '',
      fragment: fragment.file,
      type: fragment.type,
      scope: null,
      description: fragment.text.split('\n', 1)[0] ?? fragment.file,
      breaking: fragment.breaking,
    });
  }
  for (const { bump: level, commits: caused } of extra) {
    if (caused.length === 0) continue;
    bump = higherBump(bump, level);
    byLevel[level].push(...caused);
  }
  const reasons = bumpLevelsHighFirst
    .filter((level) => byLevel[level].length > 0)
    .map((level) => ({ bump: level, commits: byLevel[level] }));
  return { bump, reasons, nonConventional, releaseAs };
}

/**
 * `collectBumps`' answer from a window's summary: the window's reasons, then the news fragments'
 * and the reasons from outside the window (a released internal dependency), as `collectBumps`
 * orders them. The summary's arrays are shared, not copied, where nothing is added to them.
 */
export function withOutsideReasons(
  summary: BumpSummary,
  config: PlanningConfig,
  preMajor: boolean,
  fragments: readonly FragmentEntry[] = [],
  extra: readonly BumpReasons[] = [],
): CollectedBumps {
  const added: Record<BumpLevel, BumpReason[]> = { major: [], minor: [], patch: [] };
  for (const fragment of fragments) {
    if (fragment.bump === null) continue;
    const level = preMajor ? preMajorLevel(fragment.bump, config) : fragment.bump;
    added[level].push({
      sha: '',
      fragment: fragment.file,
      type: fragment.type,
      scope: null,
      description: fragment.text.split('\n', 1)[0] ?? fragment.file,
      breaking: fragment.breaking,
    });
  }
  for (const { bump: level, commits: caused } of extra) {
    if (caused.length > 0) added[level].push(...caused);
  }
  let bump: BumpLevel | null = null;
  const reasons: BumpReasons[] = [];
  for (const level of bumpLevelsHighFirst) {
    const window = summary.reasons[level];
    const more = added[level];
    if (window.length + more.length === 0) continue;
    bump = higherBump(bump, level);
    reasons.push({ bump: level, commits: more.length === 0 ? window : [...window, ...more] });
  }
  return {
    bump,
    reasons,
    nonConventional: summary.nonConventional,
    releaseAs: summary.releaseAs,
  };
}

/** What a change bumps; null when its type releases nothing. */
export function levelOf(
  type: string,
  breaking: boolean,
  config: PlanningConfig,
  preMajor: boolean,
): BumpLevel | null {
  if (breaking) return preMajor ? config.preMajor.breaking : 'major';
  // hasOwn: a commit type such as `constructor` must not find Object.prototype's members.
  const configured = Object.hasOwn(config.bumps, type) ? (config.bumps[type] ?? 'none') : 'none';
  if (configured === 'none') return null;
  return preMajor ? preMajorLevel(configured, config) : configured;
}

/** While 0.x, what a major or minor bump becomes. */
export function preMajorLevel(level: BumpLevel, config: PlanningConfig): BumpLevel {
  if (level === 'major') return config.preMajor.breaking;
  if (level === 'minor') return config.preMajor.feat;
  return level;
}
