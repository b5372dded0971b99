import { isPrerelease } from '../versions/index.js';
import type { VersionScheme } from '../versions/version.js';
import type { ReleasedVersion } from './plan-types.js';

/**
 * The release a window starts after: the highest version reachable from HEAD (not the newest tag
 * by date). A final release counts only final releases, so that `1.3.0` after `1.3.0-rc.2` is
 * planned from the changes since `1.2.3`; a pre-release counts pre-releases too, so `rc.2` is
 * planned from the changes since `rc.1`.
 */
export function selectBaseRelease(
  releases: readonly ReleasedVersion[],
  scheme: VersionScheme,
  prerelease: boolean,
): ReleasedVersion | null {
  let best: ReleasedVersion | null = null;
  for (const release of releases) {
    if (!release.reachable) continue;
    if (!prerelease && isPrerelease(release.version)) continue;
    if (best === null || scheme.compare(release.version, best.version) > 0) best = release;
  }
  return best;
}
