import { SlipwayError } from '../errors/slipway-error.js';
import { comparePep440 } from './pep440-compare.js';
import { pep440Phase } from './prerelease-labels.js';
import type { Version, VersionScheme } from './version.js';
import { freezeVersion } from './version-data.js';

// Python's `\s` (what packaging strips around a version), which differs from JavaScript's `\s`:
// Python includes U+001C..U+001F and U+0085 and excludes U+FEFF.
const SPACE =
  '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*';

// The same grammar as packaging's VERSION_PATTERN, group for group, so backtracking picks the
// same split. The `i` flag without `u` matches ASCII letters only, like packaging >= 26
// (older packaging also let U+017F, U+0130, U+0131 and U+212A match s, i and k).
const BODY = [
  'v?',
  '(?:(?<epoch>[0-9]+)!)?',
  '(?<release>[0-9]+(?:\\.[0-9]+)*)',
  '(?<pre>[-_.]?(?<preL>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?<preN>[0-9]+)?)?',
  '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?',
  '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?',
  '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?',
].join('');
const PATTERN = new RegExp(`^${SPACE}${BODY}${SPACE}$`, 'i');
const LOCAL = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

/** Strips leading zeros without going through Number, so local parts of any length stay exact. */
function trimZeros(part: string): string {
  return /^0+[0-9]/.test(part) && /^[0-9]+$/.test(part) ? part.replace(/^0+(?=.)/, '') : part;
}

/** Lower-cases, unifies separators to `.` and strips leading zeros of numeric parts, as packaging does. */
export function normalizeLocal(local: string): string | null {
  if (!LOCAL.test(local)) return null;
  return local.toLowerCase().split(/[-_.]/).map(trimZeros).join('.');
}

/**
 * Numbers beyond 2^53 cannot live in the model's `number` fields without losing digits, so such
 * versions are refused (packaging, with Python's big integers, accepts them). See ADR 0003.
 * NaN marks the refusal; the caller checks once.
 */
function toNumber(digits: string | undefined): number {
  if (digits === undefined) return 0;
  const value = Number(digits);
  return value <= Number.MAX_SAFE_INTEGER ? value : Number.NaN;
}

function parsePep440(input: string): Version | null {
  const groups = PATTERN.exec(input)?.groups;
  if (groups === undefined) return null;
  const epoch = toNumber(groups.epoch);
  const release = (groups.release ?? '').split('.').map(toNumber);
  const preLabel = groups.preL;
  const pre =
    preLabel === undefined
      ? null
      : { label: pep440Phase(preLabel) ?? preLabel, number: toNumber(groups.preN) };
  const post = groups.post === undefined ? null : toNumber(groups.postN1 ?? groups.postN2);
  const dev = groups.dev === undefined ? null : toNumber(groups.devN);
  const numbers = [epoch, ...release, pre?.number ?? 0, post ?? 0, dev ?? 0];
  if (numbers.some(Number.isNaN)) return null;
  const local = groups.local === undefined ? null : normalizeLocal(groups.local);
  return freezeVersion({ epoch, release, pre, post, dev, local });
}

function formatPep440(version: Version): string {
  const fail = (what: string): never => {
    throw new SlipwayError('VERSION_INVALID', `${what} cannot be represented in PEP 440`);
  };
  if (version.release.length === 0) fail('an empty release segment');
  let text = version.epoch === 0 ? '' : `${version.epoch}!`;
  text += version.release.join('.');
  if (version.pre !== null) {
    const { label, number, identifiers } = version.pre;
    const phase = pep440Phase(label);
    if (identifiers !== undefined || phase === null) {
      fail(`pre-release "${identifiers?.join('.') ?? label}"`);
    }
    text += `${phase}${number ?? 0}`;
  }
  if (version.post !== null) text += `.post${version.post}`;
  if (version.dev !== null) text += `.dev${version.dev}`;
  if (version.local !== null) {
    const local = normalizeLocal(version.local);
    if (local === null) fail(`local version "${version.local}"`);
    text += `+${local}`;
  }
  return text;
}

export const pep440Scheme: VersionScheme = Object.freeze({
  name: 'pep440',
  parse: parsePep440,
  format: formatPep440,
  compare: comparePep440,
});
