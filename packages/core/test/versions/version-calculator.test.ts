import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors/slipway-error.js';
import {
  getVersionScheme,
  normalizeVersions,
  pep440Scheme,
  semverScheme,
  sortVersions,
  versionSchemes,
} from '../../src/versions/index.js';

describe('version schemes registry', () => {
  it('maps each name to its scheme', () => {
    expect(versionSchemes).toEqual({ semver: semverScheme, pep440: pep440Scheme });
    expect(getVersionScheme('pep440')).toBe(pep440Scheme);
    expect(getVersionScheme('semver').name).toBe('semver');
  });

  it('rejects an unknown name with USAGE, naming the value and the valid names', () => {
    expect(() => getVersionScheme('toString')).toThrow(SlipwayError);
    expect(() => getVersionScheme('calver')).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: expect.stringMatching(/"calver".*semver, pep440/) as unknown,
      }),
    );
  });
});

describe('normalizeVersions', () => {
  it('normalizes each input or marks it invalid, keeping input order', () => {
    expect(normalizeVersions(pep440Scheme, ['v1.0', 'nope', '1.0-ALPHA_1'])).toEqual([
      { input: 'v1.0', valid: true, normalized: '1.0' },
      { input: 'nope', valid: false, normalized: null },
      { input: '1.0-ALPHA_1', valid: true, normalized: '1.0a1' },
    ]);
    expect(normalizeVersions(semverScheme, ['v1.2.3+b', '1.2'])).toEqual([
      { input: 'v1.2.3+b', valid: true, normalized: '1.2.3+b' },
      { input: '1.2', valid: false, normalized: null },
    ]);
  });
});

describe('sortVersions', () => {
  it('sorts valid inputs ascending as normalized strings, keeps duplicates and lists the invalid', () => {
    expect(
      sortVersions(pep440Scheme, ['1.0', 'x', '1.0.0', '1.0rc1', '1.0.dev0', 'v1.0', '0.9']),
    ).toEqual({
      sorted: ['0.9', '1.0.dev0', '1.0rc1', '1.0', '1.0.0', '1.0'],
      invalid: ['x'],
    });
    expect(
      sortVersions(semverScheme, ['1.0.0', '1.0.0-rc.1', '0.1.0', '1.0', '1.0.0-rc.1']),
    ).toEqual({
      sorted: ['0.1.0', '1.0.0-rc.1', '1.0.0-rc.1', '1.0.0'],
      invalid: ['1.0'],
    });
  });

  it('returns empty lists for no input', () => {
    expect(sortVersions(semverScheme, [])).toEqual({ sorted: [], invalid: [] });
  });
});
