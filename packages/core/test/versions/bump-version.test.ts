import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors/slipway-error.js';
import {
  bumpVersion,
  isPrerelease,
  makeVersion,
  parseVersion,
  pep440Scheme,
  semverScheme,
  withPrerelease,
} from '../../src/versions/index.js';
import type { BumpKind, VersionScheme } from '../../src/versions/index.js';
import { generateSemverStrings } from './version-corpus.js';

function bump(scheme: VersionScheme, input: string, kind: BumpKind, preid?: string): string {
  const options = preid === undefined ? {} : { preid };
  return scheme.format(bumpVersion(parseVersion(scheme, input), kind, options));
}

describe('bumpVersion: major, minor, patch', () => {
  it.each([
    ['1.2.3', 'major', '2.0.0'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'patch', '1.2.4'],
    ['1.3.0-rc.2', 'minor', '1.3.0'],
    ['1.3.0-rc.2', 'major', '2.0.0'],
    ['2.0.0-rc.1', 'major', '2.0.0'],
    ['1.2.4-rc.1', 'patch', '1.2.4'],
    ['1.2.4-rc.1', 'minor', '1.3.0'],
    ['1.2.3+build.7', 'patch', '1.2.4'],
    ['1.3.0-dev.4', 'minor', '1.3.0'],
  ] as const)('semver %s %s → %s', (input, kind, expected) => {
    expect(bump(semverScheme, input, kind)).toBe(expected);
  });

  it('follows node-semver inc for every valid generated version', () => {
    const inputs = generateSemverStrings(7, 1500).filter((input) => semver.valid(input) !== null);
    expect(inputs.length).toBeGreaterThan(300);
    for (const input of inputs) {
      for (const kind of ['major', 'minor', 'patch'] as const) {
        expect(bump(semverScheme, input, kind), `${input} ${kind}`).toBe(semver.inc(input, kind));
      }
    }
  });

  it.each([
    ['1.2', 'patch', '1.2.1'],
    ['1.2', 'minor', '1.3'],
    ['1', 'minor', '1.1'],
    ['1.2.3.4', 'patch', '1.2.4.0'],
    ['1.0.post2', 'patch', '1.0.1'],
    ['1.0.post2.dev1', 'patch', '1.0.1'],
    ['1!1.0rc1', 'minor', '1!1.0'],
    ['2.0a1', 'major', '2.0'],
    ['1.0+local', 'minor', '1.1'],
    ['1.1.dev3', 'patch', '1.1.0'],
  ] as const)('pep440 %s %s → %s', (input, kind, expected) => {
    expect(bump(pep440Scheme, input, kind)).toBe(expected);
  });
});

describe('bumpVersion: release and prerelease', () => {
  it.each([
    ['1.2.0rc1.post2.dev3+abc', '1.2.0'],
    ['1!1.0.dev1', '1!1.0'],
    ['1.0.post1', '1.0'],
    ['1.0', '1.0'],
  ])('release drops pre, dev, post and local: %s → %s', (input, expected) => {
    expect(bump(pep440Scheme, input, 'release')).toBe(expected);
  });

  it.each([
    ['1.2.3', 'rc', '1.2.4-rc.1'],
    ['1.2.4-rc.1', 'rc', '1.2.4-rc.2'],
    ['1.2.4-beta.3', 'rc', '1.2.4-rc.1'],
    ['1.2.4-rc', 'rc', '1.2.4-rc.1'],
    ['1.2.4-x.7.z', 'rc', '1.2.4-rc.1'],
    ['1.2.3', 'dev', '1.2.4-dev.1'],
    ['1.2.4-dev.1', 'dev', '1.2.4-dev.2'],
    ['1.2.4-dev.1', 'alpha', '1.2.4-alpha.1'],
    ['1.2.4-rc.1', 'dev', '1.2.4-dev.1'],
  ])('semver %s prerelease %s → %s', (input, preid, expected) => {
    expect(bump(semverScheme, input, 'prerelease', preid)).toBe(expected);
  });

  it.each([
    ['1.2.3', 'rc', '1.2.4rc1'],
    ['1.2.3', 'alpha', '1.2.4a1'],
    ['1.2.4a1', 'alpha', '1.2.4a2'],
    ['1.2.4a1', 'a', '1.2.4a2'],
    ['1.2.4rc2', 'preview', '1.2.4rc3'],
    ['1.2.4b3', 'rc', '1.2.4rc1'],
    ['1.2.3', 'dev', '1.2.4.dev1'],
    ['1.2.4.dev1', 'dev', '1.2.4.dev2'],
    ['1.2.4a1.dev2', 'dev', '1.2.4a1.dev3'],
    ['1.2.4a1.dev2', 'a', '1.2.4a1'],
    ['1.2.4a1', 'dev', '1.2.4.dev1'],
    ['1.2.4.dev3', 'b', '1.2.4b1'],
    ['1.2.3.post1', 'rc', '1.2.4rc1'],
    ['1.2', 'rc', '1.2.1rc1'],
    ['1.2.4rc1+local', 'rc', '1.2.4rc2'],
  ])('pep440 %s prerelease %s → %s', (input, preid, expected) => {
    expect(bump(pep440Scheme, input, 'prerelease', preid)).toBe(expected);
  });

  it('continues the current series when no preid is given, and needs one for a final version', () => {
    expect(bump(pep440Scheme, '1.0b1', 'prerelease')).toBe('1.0b2');
    expect(bump(pep440Scheme, '1.0.dev1', 'prerelease')).toBe('1.0.dev2');
    expect(() => bump(pep440Scheme, '1.0', 'prerelease')).toThrow(SlipwayError);
  });

  it('rejects preids that no scheme could render', () => {
    for (const preid of ['', '1', 'rc.1', 'my_id', 'é']) {
      expect(() => bumpVersion(makeVersion([1, 0, 0]), 'prerelease', { preid })).toThrow(
        /pre-release identifier/,
      );
    }
  });

  it('never mutates its input and returns frozen data', () => {
    const input = parseVersion(pep440Scheme, '1.2.4rc1');
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    const output = bumpVersion(input, 'prerelease', { preid: 'rc' });
    expect(input).toEqual(copy);
    expect(Object.isFrozen(output)).toBe(true);
  });
});

describe('withPrerelease, makeVersion, isPrerelease', () => {
  it('sets the pre-release and clears dev, post and local', () => {
    const base = parseVersion(pep440Scheme, '1.2.0.post1.dev2+abc');
    expect(pep440Scheme.format(withPrerelease(base, 'rc', 3))).toBe('1.2.0rc3');
    expect(semverScheme.format(withPrerelease(makeVersion([1, 2, 0]), 'beta', 1))).toBe(
      '1.2.0-beta.1',
    );
    expect(pep440Scheme.format(withPrerelease(makeVersion([1, 2, 0]), 'dev', 4))).toBe(
      '1.2.0.dev4',
    );
  });

  it('builds plain releases and tells pre-releases apart', () => {
    expect(makeVersion([1, 2, 0])).toEqual({
      epoch: 0,
      release: [1, 2, 0],
      pre: null,
      post: null,
      dev: null,
      local: null,
    });
    expect(isPrerelease(parseVersion(pep440Scheme, '1.0.dev1'))).toBe(true);
    expect(isPrerelease(parseVersion(pep440Scheme, '1.0rc1.post1'))).toBe(true);
    expect(isPrerelease(parseVersion(pep440Scheme, '1.0.post1'))).toBe(false);
    expect(isPrerelease(parseVersion(semverScheme, '1.0.0-x.1'))).toBe(true);
  });
});
