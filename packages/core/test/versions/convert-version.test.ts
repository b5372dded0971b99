import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors/slipway-error.js';
import type { Version } from '../../src/versions/index.js';
import {
  convertVersion,
  parseVersion,
  pep440Scheme,
  semverScheme,
} from '../../src/versions/index.js';

describe('convertVersion', () => {
  it.each([
    ['1.2.0-rc.1', '1.2.0rc1'],
    ['1.2.0-alpha.3', '1.2.0a3'],
    ['1.2.0-beta.2', '1.2.0b2'],
    ['1.2.0', '1.2.0'],
    ['1.2.0-dev.5', '1.2.0.dev5'],
    ['1.2.0+build.5', '1.2.0+build.5'],
  ])('round-trips %s (semver) and %s (pep440)', (semverText, pep440Text) => {
    expect(convertVersion(semverText, 'semver', 'pep440')).toBe(pep440Text);
    expect(convertVersion(pep440Text, 'pep440', 'semver')).toBe(semverText);
  });

  it.each([
    ['1.2.0-a.1', '1.2.0a1'],
    ['1.2.0-RC.1', '1.2.0rc1'],
    ['1.2.0-c.1', '1.2.0rc1'],
    ['1.2.0-preview.2', '1.2.0rc2'],
    ['1.2.0-alpha', '1.2.0a0'],
    ['1.2.0-dev', '1.2.0.dev0'],
    ['v1.2.0+Sha-1A2B', '1.2.0+sha.1a2b'],
  ])('renders semver %s as pep440 %s', (input, expected) => {
    expect(convertVersion(input, 'semver', 'pep440')).toBe(expected);
  });

  it.each([
    ['1.2', '1.2.0'],
    ['1', '1.0.0'],
    ['1.2.3.0', '1.2.3'],
    ['v1.2.0RC1', '1.2.0-rc.1'],
    ['1.2.0c1', '1.2.0-rc.1'],
    ['1.2.0.dev0', '1.2.0-dev.0'],
    ['1.2.0+ubuntu-1', '1.2.0+ubuntu.1'],
  ])('renders pep440 %s as semver %s', (input, expected) => {
    expect(convertVersion(input, 'pep440', 'semver')).toBe(expected);
  });

  it.each([
    ['1!1.0', 'epoch'],
    ['1.0.post1', 'post-release'],
    ['1.0a1.dev1', 'development release'],
    ['1.2.3.4', 'release 1.2.3.4'],
  ])('refuses pep440 %s in semver, naming the %s', (input, named) => {
    expect(() => convertVersion(input, 'pep440', 'semver')).toThrow(named);
    expect(() => convertVersion(input, 'pep440', 'semver')).toThrow(SlipwayError);
  });

  it.each([
    ['1.0.0-x.7.z.92', 'x.7.z.92'],
    ['1.0.0-next.1', '"next"'],
    ['1.0.0-rc1', '"rc1"'],
    ['1.0.0+a--b', 'a--b'],
  ])('refuses semver %s in pep440, naming %s', (input, named) => {
    expect(() => convertVersion(input, 'semver', 'pep440')).toThrow(named);
  });

  it('keeps the order of a ladder both schemes can express', () => {
    const ladder = [
      '1.0.0-alpha.1',
      '1.0.0-beta.2',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0-dev.1',
      '1.1.0-rc.1',
    ];
    const asPep440 = ladder.map((text) =>
      parseVersion(pep440Scheme, convertVersion(text, 'semver', 'pep440')),
    );
    const asSemver = ladder.map((text) => parseVersion(semverScheme, text));
    const ascending = (
      versions: readonly Version[],
      compare: (a: Version, b: Version) => number,
    ): boolean =>
      versions.every(
        (version, i) => i === 0 || compare(versions[i - 1] ?? version, version) === -1,
      );
    expect(ascending(asPep440, pep440Scheme.compare)).toBe(true);
    expect(ascending(asSemver, semverScheme.compare)).toBe(true);
  });

  it('normalizes within one scheme and reports invalid input and unknown schemes', () => {
    expect(convertVersion('1.0-ALPHA_1', 'pep440', 'pep440')).toBe('1.0a1');
    expect(() => convertVersion('nope', 'semver', 'pep440')).toThrow(
      '"nope" is not a valid semver version',
    );
    expect(() => convertVersion('1.0.0', 'calver' as 'semver', 'pep440')).toThrow(
      /calver.*semver, pep440/,
    );
  });
});
