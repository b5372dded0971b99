import { SlipwayError } from '../errors/slipway-error.js';
import {
  bumpVersion,
  isPrerelease,
  makeVersion,
  prereleaseLabelsMatch,
  withPrerelease,
} from '../versions/index.js';
import type { BumpLevel, Version, VersionScheme } from '../versions/version.js';
import { BumpCollector } from './bump-collector.js';
import type { BumpSummary } from './bump-summary.js';
import { withOutsideReasons } from './collect-bumps.js';
import type {
  BumpReasons,
  ForgeBreaking,
  PackagePlan,
  PlanInput,
  PlanWarning,
  ReleasedVersion,
} from './plan-types.js';
import { formatTag } from './tag-format.js';

/**
 * The pure planner: (window of commits, releases, configuration) → the next version and why.
 * No I/O: the engine gathers the inputs, the CLI shows the result.
 */
export function planRelease(input: PlanInput): PackagePlan {
  const collector = new BumpCollector(input.config, isPreMajor(input));
  for (const commit of input.commits) collector.add(commit);
  return planFromSummary({ ...input, summary: collector.finish() });
}

/** A plan's input with the window already summarized (cached, or collected while streaming). */
export type SummaryPlanInput = Omit<PlanInput, 'commits'> & {
  /** Collected with `input.config` and `isPreMajor(input)`. */
  readonly summary: BumpSummary;
};

/** True while the current version is 0.x (what the pre-1.0 rules and a summary depend on). */
export function isPreMajor(input: Pick<PlanInput, 'base' | 'releases' | 'scheme'>): boolean {
  const lastFinal = highestFinal(input.releases, input.scheme);
  return ((lastFinal ?? input.base?.version)?.release[0] ?? 0) === 0;
}

/** `planRelease` from a summary of the window: the same plan as from its commits. */
export function planFromSummary(input: SummaryPlanInput): PackagePlan {
  const { scheme, base, summary } = input;
  const lastFinal = highestFinal(input.releases, scheme);
  const collected = withOutsideReasons(
    summary,
    input.config,
    isPreMajor(input),
    input.fragments ?? [],
    input.extraReasons ?? [],
  );
  const warnings: PlanWarning[] = [];

  if (collected.nonConventional.length > 0) {
    const count = collected.nonConventional.length;
    warnings.push({
      code: 'non-conventional',
      message: `${count} commit${count === 1 ? '' : 's'} not following Conventional Commits (listed as "other", no bump)`,
      commits: collected.nonConventional,
    });
  }

  let next: Version | null = null;
  let releaseAs: string | null = null;
  if (collected.releaseAs !== null) {
    const forced = scheme.parse(collected.releaseAs.value);
    if (forced === null) {
      warnings.push({
        code: 'release-as-invalid',
        message: `Release-As "${collected.releaseAs.value}" in commit ${collected.releaseAs.sha.slice(0, 7)} is not a valid ${scheme.name} version; ignored`,
        commits: [collected.releaseAs.sha],
      });
    } else {
      releaseAs = scheme.format(forced);
      if (base !== null && scheme.compare(forced, base.version) <= 0) {
        warnings.push({
          code: 'release-as-not-greater',
          message: `Release-As ${releaseAs} is not greater than the current version ${scheme.format(base.version)}`,
          commits: [collected.releaseAs.sha],
        });
      }
      next = input.prerelease === null ? forced : nextPrerelease(input, forced);
    }
  }
  if (next === null && collected.bump !== null) {
    next = nextFromBump(input, collected.bump, lastFinal);
  }
  if (next !== null && input.maintenance !== null) checkMaintenanceRange(input, next);

  const nextVersion = next === null ? null : scheme.format(next);
  const nextTag = nextVersion === null ? null : formatTag(input.tagFormat, input.name, nextVersion);
  if (nextTag !== null && input.releases.some((release) => release.tag === nextTag)) {
    warnings.push({ code: 'tag-exists', message: `tag ${nextTag} already exists` });
  }
  return {
    name: input.name,
    scheme: scheme.name,
    currentVersion: base === null ? null : scheme.format(base.version),
    currentTag: base?.tag ?? null,
    nextVersion,
    nextTag,
    bump: nextVersion === null ? null : collected.bump,
    prerelease: input.prerelease,
    releaseAs,
    reasons: nextVersion === null ? [] : withBreakingFrom(collected.reasons, input.forgeBreaking),
    commits: summary.commits,
    cancelledReverts: summary.cancelledReverts,
    warnings,
    ...(input.forgeBreaking === undefined || input.forgeBreaking.length === 0
      ? {}
      : { forgeBreaking: input.forgeBreaking }),
  };
}

/** Each reason whose commit a pull/merge request made breaking names that request. */
function withBreakingFrom(
  reasons: readonly BumpReasons[],
  forgeBreaking: readonly ForgeBreaking[] | undefined,
): readonly BumpReasons[] {
  if (forgeBreaking === undefined || forgeBreaking.length === 0) return reasons;
  const bySha = new Map(forgeBreaking.map((entry) => [entry.sha, entry.pullRequest]));
  return reasons.map((level) => ({
    ...level,
    commits: level.commits.map((reason) => {
      const from = reason.breaking ? bySha.get(reason.sha) : undefined;
      return from === undefined ? reason : { ...reason, breakingFrom: from };
    }),
  }));
}

function nextFromBump(
  input: SummaryPlanInput,
  bump: BumpLevel,
  lastFinal: Version | null,
): Version {
  const { base, scheme } = input;
  if (base === null && lastFinal === null) {
    const first = scheme.parse(input.config.firstRelease);
    if (first === null) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `first-release "${input.config.firstRelease}" is not a valid ${scheme.name} version`,
        { subject: 'first-release' },
      );
    }
    return input.prerelease === null ? first : nextPrerelease(input, first);
  }
  if (input.prerelease === null) {
    // Final releases are planned from the last final release (selectBaseRelease).
    return bumpVersion(base?.version ?? lastFinal ?? makeVersion([0, 0, 0]), bump);
  }
  // A pre-release line keeps its target unless the new changes need a higher one:
  // 1.3.0-rc.1 + fix → 1.3.0-rc.2, but 1.3.0-rc.1 + breaking → 2.0.0-rc.1.
  const candidate = lastFinal === null ? null : releaseOnly(bumpVersion(lastFinal, bump));
  const current = base !== null && isPrerelease(base.version) ? releaseOnly(base.version) : null;
  let target: Version;
  if (candidate === null) target = current ?? releaseOnly(base?.version ?? makeVersion([0, 1, 0]));
  else if (current !== null && scheme.compare(current, candidate) >= 0) target = current;
  else target = candidate;
  return nextPrerelease(input, target);
}

/** The next free pre-release number for this target and identifier, among all known tags. */
function nextPrerelease(input: SummaryPlanInput, target: Version): Version {
  const preid = input.prerelease ?? 'rc';
  const probe = withPrerelease(target, preid, 1);
  let highest = 0;
  for (const { version } of input.releases) {
    if (!sameRelease(version, target)) continue;
    highest = Math.max(highest, seriesNumber(version, probe));
  }
  return highest === 0 ? probe : withPrerelease(target, preid, highest + 1);
}

/**
 * The number of `version` in the pre-release series of `probe` (`rc`, `alpha` ≡ `a`, or `.devN`),
 * or 0 when it belongs to another series.
 */
function seriesNumber(version: Version, probe: Version): number {
  if (probe.pre === null) {
    return version.pre === null && version.post === null ? (version.dev ?? 0) : 0;
  }
  if (version.pre === null || !prereleaseLabelsMatch(version.pre.label, probe.pre.label)) return 0;
  return version.pre.number ?? 0;
}

function checkMaintenanceRange(input: SummaryPlanInput, next: Version): void {
  const range = input.maintenance;
  if (range === null) return;
  const { scheme } = input;
  const rendered = scheme.format(next);
  const [major = 0, minor = 0] = next.release;
  const line = range.minor === null ? `${range.major}.x` : `${range.major}.${range.minor}.x`;
  if (major !== range.major || (range.minor !== null && minor !== range.minor)) {
    throw new SlipwayError(
      'VERSION_OUT_OF_RANGE',
      `maintenance branch ${range.branch} may only release ${line} versions, but the changes since ${input.base?.tag ?? 'the start'} make ${rendered}`,
      {
        subject: rendered,
        hint: 'Release this change from main, or configure the branch differently.',
      },
    );
  }
  // Versions released from elsewhere (main) above our base bound the line from above.
  const taken = input.releases.find(
    (release) =>
      !release.reachable &&
      (input.base === null || scheme.compare(release.version, input.base.version) > 0) &&
      scheme.compare(release.version, next) <= 0,
  );
  if (taken !== undefined) {
    throw new SlipwayError(
      'VERSION_OUT_OF_RANGE',
      `${rendered} belongs to a range already released from another branch (${taken.tag}); maintenance branch ${range.branch} cannot release it`,
      { subject: rendered, hint: 'Only fixes (patch releases) fit below that release.' },
    );
  }
}

function highestFinal(releases: readonly ReleasedVersion[], scheme: VersionScheme): Version | null {
  let best: Version | null = null;
  for (const { version, reachable } of releases) {
    if (!reachable || isPrerelease(version)) continue;
    if (best === null || scheme.compare(version, best) > 0) best = version;
  }
  return best;
}

function releaseOnly(version: Version): Version {
  return makeVersion(version.release);
}

function sameRelease(a: Version, b: Version): boolean {
  const length = Math.max(a.release.length, b.release.length);
  for (let index = 0; index < length; index++) {
    if ((a.release[index] ?? 0) !== (b.release[index] ?? 0)) return false;
  }
  return a.epoch === b.epoch;
}
