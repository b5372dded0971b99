import { SlipwayError } from '../errors/slipway-error.js';
import { pep440Scheme } from './pep440-scheme.js';
import { semverScheme } from './semver-scheme.js';
import type { SchemeName, Version, VersionScheme } from './version.js';

export const versionSchemes: Readonly<Record<SchemeName, VersionScheme>> = Object.freeze({
  semver: semverScheme,
  pep440: pep440Scheme,
});

function isSchemeName(name: string): name is SchemeName {
  return Object.hasOwn(versionSchemes, name);
}

/** Throws SlipwayError('USAGE', message naming the value and the valid names). */
export function getVersionScheme(name: string): VersionScheme {
  if (!isSchemeName(name)) {
    const valid = Object.keys(versionSchemes).join(', ');
    throw new SlipwayError('USAGE', `unknown version scheme "${name}" (valid: ${valid})`, {
      subject: name,
    });
  }
  return versionSchemes[name];
}

/** Throws SlipwayError('VERSION_INVALID', `"<input>" is not a valid <scheme> version`, {subject: input}). */
export function parseVersion(scheme: VersionScheme, input: string): Version {
  const version = scheme.parse(input);
  if (version === null) {
    throw new SlipwayError('VERSION_INVALID', `"${input}" is not a valid ${scheme.name} version`, {
      subject: input,
    });
  }
  return version;
}
