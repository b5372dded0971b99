import type { ReleasedVersion } from '@slipway/core';
import { createTagVersionReader, getVersionScheme, versionSchemes } from '@slipway/core';
import type { TagRef } from '../../adapters/git/git-port.js';
import type { SlipwayConfig } from '../../config/index.js';

/** The package's release tags (in its tag format, either scheme), marked reachable or not. */
export function readReleases(
  config: SlipwayConfig,
  allTags: readonly TagRef[],
  reachableTags: readonly TagRef[],
): ReleasedVersion[] {
  const own = getVersionScheme(config.scheme);
  const schemes = [own, ...Object.values(versionSchemes).filter((scheme) => scheme !== own)];
  const readVersion = createTagVersionReader(config.tagFormat, config.name, schemes);
  const reachable = new Set(reachableTags.map((tag) => tag.name));
  const releases: ReleasedVersion[] = [];
  for (const tag of allTags) {
    const version = readVersion(tag.name);
    if (version === null) continue;
    releases.push({
      version,
      tag: tag.name,
      commit: tag.commit,
      reachable: reachable.has(tag.name),
    });
  }
  return releases;
}
