import semver from 'semver';
import { SlipwayError } from '../errors/slipway-error.js';
import { comparePep440 } from './pep440-compare.js';
import type { PreRelease, Version, VersionScheme } from './version.js';
import { freezeVersion } from './version-data.js';

type Identifier = string | number;

/**
 * node-semver does the parsing (strict mode: optional `v`, surrounding whitespace trimmed), so
 * validity agrees with it by construction. `-dev.N` is read as a development release so that
 * PEP 440's `.devN` round-trips; every other pre-release keeps its identifiers as written.
 */
function parseSemver(input: string): Version | null {
  const parsed = semver.parse(input);
  if (parsed === null) return null;
  const ids: readonly Identifier[] = parsed.prerelease;
  const [first, second] = ids;
  let pre: PreRelease | null = null;
  let dev: number | null = null;
  if (ids.length === 2 && first === 'dev' && typeof second === 'number') dev = second;
  else if (ids.length === 1 && typeof first === 'string') pre = { label: first, number: null };
  else if (ids.length === 2 && typeof first === 'string' && typeof second === 'number') {
    pre = { label: first, number: second };
  } else if (first !== undefined) pre = { label: String(first), number: null, identifiers: ids };
  return freezeVersion({
    release: [parsed.major, parsed.minor, parsed.patch],
    pre,
    dev,
    local: parsed.build.length === 0 ? null : parsed.build.join('.'),
  });
}

function unrepresentable(what: string, why: string): never {
  throw new SlipwayError('VERSION_INVALID', `${what} cannot be represented in SemVer: ${why}`);
}

/** SemVer has exactly three numbers; PEP 440's implicit zeros make 1.2 and 1.2.0.0 fit. */
function mainVersion(release: readonly number[]): [number, number, number] {
  if (release.length === 0)
    unrepresentable('an empty release segment', 'SemVer needs three numbers');
  if (release.slice(3).some((part) => part !== 0)) {
    unrepresentable(`release ${release.join('.')}`, 'SemVer has exactly three numbers');
  }
  return [release[0] ?? 0, release[1] ?? 0, release[2] ?? 0];
}

/** The SemVer pre-release identifiers of a model version (empty for a final release). */
function prereleaseIdentifiers(version: Version): readonly Identifier[] {
  const { pre, dev } = version;
  if (pre !== null) {
    if (pre.identifiers !== undefined) return pre.identifiers;
    return pre.number === null ? [pre.label] : [pre.label, pre.number];
  }
  return dev === null ? [] : ['dev', dev];
}

function formatSemver(version: Version): string {
  if (version.epoch !== 0) unrepresentable(`epoch ${version.epoch}`, 'SemVer has no epochs');
  if (version.post !== null) {
    unrepresentable(
      `post-release .post${version.post}`,
      'no SemVer version sorts between a release and the next one',
    );
  }
  if (version.pre !== null && version.dev !== null) {
    unrepresentable(
      `development release .dev${version.dev} of a pre-release`,
      'SemVer would sort it after the pre-release',
    );
  }
  let text = mainVersion(version.release).join('.');
  const ids = prereleaseIdentifiers(version);
  if (ids.length > 0) text += `-${ids.join('.')}`;
  if (version.local !== null) text += `+${version.local}`;
  // Labels and build metadata can come from bumps or PEP 440; re-parsing catches what SemVer forbids.
  if (semver.parse(text) === null)
    unrepresentable(`"${text}"`, 'it is not a valid SemVer 2.0 string');
  return text;
}

const NUMERIC = /^[0-9]+$/;

/** node-semver's identifier order: numeric below alphanumeric, numbers by value, text by code unit. */
function compareIdentifiers(a: Identifier, b: Identifier): number {
  const aNum = NUMERIC.test(String(a));
  const bNum = NUMERIC.test(String(b));
  if (aNum && bNum) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (aNum !== bNum) return aNum ? -1 : 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function comparePrerelease(a: readonly Identifier[], b: readonly Identifier[]): number {
  if (a.length === 0 || b.length === 0)
    return b.length - a.length === 0 ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const diff = compareIdentifiers(a[i] ?? '', b[i] ?? '');
    if (diff !== 0) return diff;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareSemver(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) {
    const x = a.release[i] ?? 0;
    const y = b.release[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  const diff = comparePrerelease(prereleaseIdentifiers(a), prereleaseIdentifiers(b));
  if (diff !== 0) return diff;
  // Build metadata never orders SemVer versions; parts SemVer cannot show (epoch, post, a fourth
  // number) only break ties so the order stays total for any model value.
  return comparePep440(
    { ...a, pre: null, dev: null, local: null },
    { ...b, pre: null, dev: null, local: null },
  );
}

export const semverScheme: VersionScheme = Object.freeze({
  name: 'semver',
  parse: parseSemver,
  format: formatSemver,
  compare: compareSemver,
});
