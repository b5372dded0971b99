import { pep440Phase } from './prerelease-labels.js';
import type { Version } from './version.js';

// A port of packaging's `_cmpkey`. Sentinels stand in for Python's Infinity/NegativeInfinity.
const LOW = Number.NEGATIVE_INFINITY;
const HIGH = Number.POSITIVE_INFINITY;

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Three-way comparison that also handles the infinite sentinels (Infinity - Infinity is NaN). */
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Trailing zeros do not count: 1.0 == 1.0.0. */
function compareRelease(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return sign(diff);
  }
  return 0;
}

type PreKey = number | readonly [string, number];

function preKey(version: Version): PreKey {
  // A bare dev release (1.0.dev0) sorts before every pre-release of the same release.
  if (version.pre === null) return version.post === null && version.dev !== null ? LOW : HIGH;
  const label = version.pre.label;
  return [pep440Phase(label) ?? label, version.pre.number ?? 0];
}

function comparePre(a: PreKey, b: PreKey): number {
  // A sentinel is below or above every (label, number) pair; 0 stands for the pair here.
  if (typeof a === 'number' || typeof b === 'number') {
    return compareNumbers(typeof a === 'number' ? a : 0, typeof b === 'number' ? b : 0);
  }
  return compareStrings(a[0], b[0]) || sign(a[1] - b[1]);
}

/** Numeric parts compare as numbers (exactly, as digit strings) and sort after alphanumeric ones. */
function compareLocalPart(a: string, b: string): number {
  const aNum = /^[0-9]+$/.test(a);
  const bNum = /^[0-9]+$/.test(b);
  if (aNum !== bNum) return aNum ? 1 : -1;
  if (!aNum) return compareStrings(a, b);
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  return sign(x.length - y.length) || compareStrings(x, y);
}

function compareLocal(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const x = a.toLowerCase().split(/[-_.]/);
  const y = b.toLowerCase().split(/[-_.]/);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const diff = compareLocalPart(x[i] ?? '', y[i] ?? '');
    if (diff !== 0) return diff;
  }
  return sign(x.length - y.length);
}

export function comparePep440(a: Version, b: Version): number {
  return (
    sign(a.epoch - b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(preKey(a), preKey(b)) ||
    compareNumbers(a.post ?? LOW, b.post ?? LOW) ||
    compareNumbers(a.dev ?? HIGH, b.dev ?? HIGH) ||
    compareLocal(a.local, b.local)
  );
}
