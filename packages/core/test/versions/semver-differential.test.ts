import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { semverScheme } from '../../src/versions/index.js';
import { semverCurated } from './semver-curated.js';
import { generateSemverStrings } from './version-corpus.js';

const inputs = [...semverCurated, ...generateSemverStrings(200, 3000)];
const validInputs = inputs.filter((input) => semver.valid(input) !== null);

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

describe('semver scheme against node-semver', () => {
  it('covers both valid and invalid inputs', () => {
    expect(validInputs.length).toBeGreaterThan(inputs.length * 0.3);
    expect(inputs.length - validInputs.length).toBeGreaterThan(inputs.length * 0.2);
  });

  it('agrees on validity and renders what node-semver renders, plus build metadata', () => {
    const disagreements = inputs.flatMap((input) => {
      const version = semverScheme.parse(input);
      const reference = semver.parse(input);
      const ours = version === null ? null : semverScheme.format(version);
      const expected =
        reference === null
          ? null
          : reference.version + (reference.build.length > 0 ? `+${reference.build.join('.')}` : '');
      return ours === expected ? [] : [{ input, ours, expected }];
    });
    expect(disagreements).toEqual([]);
  });

  it('compares every pair of a sample as semver.compare does', () => {
    const sample = validInputs.slice(0, 400);
    const parsed = sample.map((input) => semverScheme.parse(input));
    const disagreements: { a: string; b: string; ours: number; expected: number }[] = [];
    sample.forEach((a, i) => {
      sample.forEach((b, j) => {
        const x = parsed[i];
        const y = parsed[j];
        if (x == null || y == null) throw new Error(`valid input did not parse: ${a} or ${b}`);
        const ours = sign(semverScheme.compare(x, y));
        const expected = semver.compare(a, b);
        if (ours !== expected) disagreements.push({ a, b, ours, expected });
      });
    });
    expect(disagreements.slice(0, 20)).toEqual([]);
  });
});
