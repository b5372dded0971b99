import type { Version } from '../versions/version.js';

/** What the repository says about the checkout, as setuptools-scm's `ScmVersion` holds it. */
export interface ScmState {
  /** The version of the highest release tag reachable from HEAD; null when there is none. */
  readonly tag: Version | null;
  /** Commits since the tag (all commits when there is no tag). */
  readonly distance: number;
  /** `g` + abbreviated SHA of HEAD; null in a repository without commits. */
  readonly node: string | null;
  /** Tracked files differ from HEAD (untracked files do not count). */
  readonly dirty: boolean;
  /** The checked-out branch; null when HEAD is detached. */
  readonly branch: string | null;
  /** "Now": the build time that dirty versions carry (SOURCE_DATE_EPOCH or the clock). */
  readonly time: Date;
}

/**
 * setuptools-scm's "exact": a clean checkout of a tagged commit. A dirty tree at a tag is not
 * exact (it describes the next development release, `.dev0`).
 */
export function isExact(state: ScmState): boolean {
  return state.tag !== null && state.distance === 0 && !state.dirty;
}
