/**
 * One version model, two renderings. SemVer 2.0 and PEP 440 are schemes over this model:
 * `1.2.0-rc.1` (semver) and `1.2.0rc1` (pep440) are the same Version.
 */
export interface Version {
  /** PEP 440 epoch (`1!2.0`); always 0 for SemVer. */
  readonly epoch: number;
  /** Release segment: `[1, 2, 0]`. SemVer always has exactly three numbers. */
  readonly release: readonly number[];
  /**
   * Pre-release. `label` is normalized: `a`, `b`, `rc` for PEP 440 (alpha→a, beta→b, c/pre/preview→rc).
   * SemVer identifiers that are not `<word>.<number>` (e.g. `alpha.beta.1`) keep every identifier
   * in `identifiers` and cannot be rendered as PEP 440.
   */
  readonly pre: PreRelease | null;
  /** PEP 440 post-release number (`.post1`). How SemVer renders it is documented in the semver scheme. */
  readonly post: number | null;
  /** Development release number (`.dev3`; SemVer `-dev.3`). */
  readonly dev: number | null;
  /** PEP 440 local version (`+g1a2b3c`) / SemVer build metadata (`+build.5`). Ignored by ordering in SemVer. */
  readonly local: string | null;
}

export interface PreRelease {
  readonly label: string;
  readonly number: number | null;
  /** Raw SemVer identifiers when the pre-release is not a simple `<label>.<number>`. */
  readonly identifiers?: readonly (string | number)[];
}

export type SchemeName = 'semver' | 'pep440';

export type BumpLevel = 'major' | 'minor' | 'patch';
export type BumpKind = BumpLevel | 'prerelease' | 'release';

export interface VersionScheme {
  readonly name: SchemeName;
  /** Parses any valid (not necessarily normalized) input; null when invalid. Never throws. */
  parse(input: string): Version | null;
  /** The normalized rendering. Throws SlipwayError(VERSION_INVALID) if the model cannot be rendered. */
  format(version: Version): string;
  /** Total order as the scheme's reference implementation orders (packaging / node-semver). */
  compare(a: Version, b: Version): number;
}
