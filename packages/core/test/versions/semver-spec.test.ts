import { describe, expect, it } from 'vitest';
import { parseVersion, semverScheme, sortVersions } from '../../src/versions/index.js';

const normalize = (input: string): string | null => {
  const version = semverScheme.parse(input);
  return version === null ? null : semverScheme.format(version);
};
const compare = (a: string, b: string): number =>
  semverScheme.compare(parseVersion(semverScheme, a), parseVersion(semverScheme, b));

describe('SemVer 2.0 published examples', () => {
  it('orders the precedence example list of item 11 as the specification lists it', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
    ];
    expect(sortVersions(semverScheme, [...ordered].reverse())).toEqual({
      sorted: ordered,
      invalid: [],
    });
  });

  it.each([
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-0.3.7',
    '1.0.0-x.7.z.92',
    '1.0.0-x-y-z.--',
    '1.0.0-alpha+001',
    '1.0.0+20130313144700',
    '1.0.0-beta+exp.sha.5114f85',
    '1.0.0+21AF26D3----117B344092BD',
  ])('accepts and keeps %j', (input) => {
    expect(normalize(input)).toBe(input);
  });

  it.each([
    '01.0.0',
    '1.01.0',
    '1.0.01',
    '1.0.0-01',
    '1.0.0-alpha..1',
    '1.0.0+',
    '1.0.0-',
    '1.2',
    '1',
    '1.2.3.4',
    '1.0.0-é',
    'a.b.c',
  ])('rejects %j', (input) => {
    expect(semverScheme.parse(input)).toBeNull();
  });

  it('ignores build metadata in precedence but keeps it in the rendering', () => {
    expect(compare('1.0.0+a', '1.0.0+b')).toBe(0);
    expect(compare('1.0.0-alpha+001', '1.0.0-alpha')).toBe(0);
    expect(normalize('v1.0.0+Build.5')).toBe('1.0.0+Build.5');
  });

  it('accepts what node-semver accepts in strict mode: a v prefix and surrounding spaces', () => {
    expect(normalize(' v1.2.3 ')).toBe('1.2.3');
  });

  it('reads -dev.N as a development release and other pre-releases as written', () => {
    expect(parseVersion(semverScheme, '1.2.3-dev.4')).toMatchObject({ pre: null, dev: 4 });
    expect(parseVersion(semverScheme, '1.2.3-rc.1')).toMatchObject({
      pre: { label: 'rc', number: 1 },
      dev: null,
    });
    expect(parseVersion(semverScheme, '1.0.0-x.7.z.92').pre).toEqual({
      label: 'x',
      number: null,
      identifiers: ['x', 7, 'z', 92],
    });
  });
});
