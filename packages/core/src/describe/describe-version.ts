import { SlipwayError } from '../errors/slipway-error.js';
import { convertVersion } from '../versions/convert-version.js';
import { pep440Scheme } from '../versions/pep440-scheme.js';
import { getVersionScheme } from '../versions/version-schemes.js';
import type { SchemeName } from '../versions/version.js';
import { freezeVersion } from '../versions/version-data.js';
import type { DescribeLocalSchemeName } from './describe-local-schemes.js';
import { getDescribeLocalScheme } from './describe-local-schemes.js';
import type { DescribeVersionSchemeName } from './describe-version-schemes.js';
import { getDescribeVersionScheme } from './describe-version-schemes.js';
import type { ScmState } from './scm-state.js';

export interface DescribeOptions {
  readonly versionScheme: string;
  readonly localScheme: string;
  /** How the version is written: `pep440` (setuptools-scm's output) or `semver`. */
  readonly scheme: string;
}

/** `slipway describe --json`: the version and what it was computed from. */
export interface Description {
  readonly version: string;
  readonly scheme: SchemeName;
  /** The tag the version counts from; null without a tag or for a pretended version. */
  readonly tag: string | null;
  /** Null for a pretended version, which is not read from the repository. */
  readonly distance: number | null;
  readonly node: string | null;
  readonly dirty: boolean | null;
  readonly versionScheme: DescribeVersionSchemeName;
  readonly localScheme: DescribeLocalSchemeName;
}

export interface CheckedDescribeOptions {
  readonly versionScheme: DescribeVersionSchemeName;
  readonly localScheme: DescribeLocalSchemeName;
  readonly scheme: SchemeName;
}

/** Validates the three names up front, so a bad option fails before any git work. */
export function checkDescribeOptions(options: DescribeOptions): CheckedDescribeOptions {
  getDescribeVersionScheme(options.versionScheme);
  getDescribeLocalScheme(options.localScheme);
  return {
    versionScheme: options.versionScheme as DescribeVersionSchemeName,
    localScheme: options.localScheme as DescribeLocalSchemeName,
    scheme: getVersionScheme(options.scheme).name,
  };
}

/**
 * The version of a checkout: the version scheme's main version plus the local scheme's label,
 * rendered in the requested scheme. With pep440 this is the string setuptools-scm prints.
 */
export function describeVersion(
  state: ScmState,
  tagName: string | null,
  options: DescribeOptions,
): Description {
  const checked = checkDescribeOptions(options);
  const main = getDescribeVersionScheme(checked.versionScheme)(state);
  const local = getDescribeLocalScheme(checked.localScheme)(state);
  // Computed in PEP 440 (setuptools-scm's terms); SemVer is a rendering of that result, so
  // labels get their SemVer spelling (a1 → alpha.1) and what SemVer cannot show is refused.
  const pep440 = pep440Scheme.format(freezeVersion({ ...main, local }));
  const version = checked.scheme === 'pep440' ? pep440 : convertVersion(pep440, 'pep440', 'semver');
  return {
    version,
    scheme: checked.scheme,
    tag: tagName,
    distance: state.distance,
    node: state.node,
    dirty: state.dirty,
    versionScheme: checked.versionScheme,
    localScheme: checked.localScheme,
  };
}

const PRETEND_KEY = 'SETUPTOOLS_SCM_PRETEND_VERSION';

/**
 * The pretended version from the environment: `SETUPTOOLS_SCM_PRETEND_VERSION_FOR_<NAME>` first
 * (the name upper-cased as setuptools-scm 7 does, then with `-`/`.` runs as `_` as later
 * versions do), then `SETUPTOOLS_SCM_PRETEND_VERSION`. Empty values count as unset.
 */
export function readPretendVersion(
  env: Readonly<Record<string, string | undefined>>,
  distName: string | null,
): string | null {
  const keys: string[] = [];
  if (distName !== null) {
    keys.push(`${PRETEND_KEY}_FOR_${distName.toUpperCase()}`);
    keys.push(`${PRETEND_KEY}_FOR_${distName.replace(/[-_.]+/g, '_').toUpperCase()}`);
  }
  keys.push(PRETEND_KEY);
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/** True when any pretend variable is set, so the caller knows whether the name is needed. */
export function hasPretendVersion(env: Readonly<Record<string, string | undefined>>): boolean {
  return Object.entries(env).some(
    ([key, value]) => key.startsWith(PRETEND_KEY) && value !== undefined && value !== '',
  );
}

/**
 * A pretended version is printed as given (setuptools-scm does not normalize it); with
 * `--scheme semver` it is read as PEP 440 and rendered as SemVer.
 */
export function describePretended(pretended: string, options: DescribeOptions): Description {
  const checked = checkDescribeOptions(options);
  let version = pretended;
  if (checked.scheme === 'semver') {
    try {
      version = convertVersion(pretended, 'pep440', 'semver');
    } catch (error) {
      throw new SlipwayError(
        'VERSION_INVALID',
        `${PRETEND_KEY} "${pretended}" cannot be rendered as SemVer`,
        { subject: pretended, cause: error },
      );
    }
  }
  const { versionScheme, localScheme, scheme } = checked;
  return {
    version,
    scheme,
    tag: null,
    distance: null,
    node: null,
    dirty: null,
    versionScheme,
    localScheme,
  };
}
