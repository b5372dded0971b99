import type { ReleasedVersion, Version, VersionScheme } from '@slipway/core';
import {
  createTagVersionReader,
  getVersionScheme,
  isPrerelease,
  versionSchemes,
} from '@slipway/core';
import type { GitPort, TagRef } from '../../adapters/git/git-port.js';
import type { SlipwayConfig } from '../../config/index.js';

/** A release tag before its reachability from HEAD is known. */
export interface ReleaseTag {
  readonly version: Version;
  readonly tag: string;
  readonly commit: string;
}

/** The package's release tags: in its tag format, written in either scheme. */
export function readReleaseTags(config: SlipwayConfig, tags: readonly TagRef[]): ReleaseTag[] {
  const own = getVersionScheme(config.scheme);
  const schemes = [own, ...Object.values(versionSchemes).filter((scheme) => scheme !== own)];
  const readVersion = createTagVersionReader(config.tagFormat, config.name, schemes);
  const releases: ReleaseTag[] = [];
  for (const tag of tags) {
    const version = readVersion(tag.name);
    if (version !== null) releases.push({ version, tag: tag.name, commit: tag.commit });
  }
  return releases;
}

export interface ReachabilityOptions {
  /** Every release's reachability is needed (maintenance ranges look at releases above the base). */
  readonly exact: boolean;
  /** Pre-releases can be the base (planning a pre-release). */
  readonly prerelease: boolean;
}

/** Unreachable candidates checked one by one before asking git about all tags at once. */
const maxAncestorChecks = 8;

/**
 * Marks which releases are reachable from `head`. Only the highest reachable versions matter to
 * the planner, so candidates are checked from the highest version down with `merge-base
 * --is-ancestor` (cost: the distance to the tag) until a reachable final release is found; that
 * is usually one check. `for-each-ref --merged` answers exactly for every tag, but walks the whole
 * history when some tag is not reachable; it is used when `exact` is asked or many candidates miss.
 * Releases below the last reachable final release are not checked and are marked unreachable.
 */
export async function markReachable(
  git: GitPort,
  head: string,
  releases: readonly ReleaseTag[],
  scheme: VersionScheme,
  options: ReachabilityOptions,
): Promise<ReleasedVersion[]> {
  if (options.exact) return markAllReachable(git, head, releases);
  const descending = [...releases].sort((a, b) => scheme.compare(b.version, a.version));
  const reachable = new Set<string>();
  const verdicts = new Map<string, boolean>();
  let misses = 0;
  for (const release of descending) {
    if (!options.prerelease && isPrerelease(release.version)) continue;
    let verdict = verdicts.get(release.commit);
    if (verdict === undefined) {
      verdict = await git.isAncestor(release.commit, head);
      verdicts.set(release.commit, verdict);
    }
    if (verdict) {
      reachable.add(release.tag);
      if (!isPrerelease(release.version)) break;
    } else if (++misses > maxAncestorChecks) {
      return markAllReachable(git, head, releases);
    }
  }
  return releases.map((release) => ({ ...release, reachable: reachable.has(release.tag) }));
}

async function markAllReachable(
  git: GitPort,
  head: string,
  releases: readonly ReleaseTag[],
): Promise<ReleasedVersion[]> {
  const merged = new Set((await git.tagsMergedInto(head)).map((tag) => tag.name));
  return releases.map((release) => ({ ...release, reachable: merged.has(release.tag) }));
}
