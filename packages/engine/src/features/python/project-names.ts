import { pep440Scheme, semverScheme } from '@slipway/core';

/** PEP 503: runs of `-`, `_` and `.` become one `-`, all lower case. */
export function normalizeProjectName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** PEP 508 project names: letters and digits, inner `-`, `_`, `.`. */
export const projectNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/**
 * The PEP 440 normal form of a version, so `1.2.0-rc.1` (SemVer, as a release may be named)
 * and `1.2.0rc1` (as the wheel is named) compare equal; unparseable input is returned as is.
 */
export function canonicalPythonVersion(version: string): string {
  const pep440 = pep440Scheme.parse(version);
  if (pep440 !== null) return pep440Scheme.format(pep440);
  const semver = semverScheme.parse(version);
  if (semver === null) return version;
  try {
    return pep440Scheme.format(semver);
  } catch {
    return version;
  }
}
