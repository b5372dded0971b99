import { describe, expect, it } from 'vitest';
import { parseFlagVersion, semVer } from '../../src/flags/sem-ver.js';

describe('sem_ver', () => {
  it.each([
    ['1.0.0', '=', '1.0.0', true],
    ['1.0.0', '!=', '1.0.1', true],
    ['1.0.0', '<', '1.0.1', true],
    ['1.0.1', '<=', '1.0.1', true],
    ['2.0.0', '>', '1.99.99', true],
    ['2.0.0', '>=', '2.0.0', true],
    ['2.0.0-alpha', '<', '2.0.0', true],
    ['2.0.0-alpha.2', '>', '2.0.0-alpha.10', false],
    ['2.0.0-rc.1', '>', '2.0.0-beta.5', true],
    ['1.0.0+build.7', '=', '1.0.0+other', true],
    ['3.0.1', '~', '3.0.0', true],
    ['3.1.0', '~', '3.0.0', false],
    ['3.1.0', '^', '3.0.0', true],
    ['4.0.0', '^', '3.0.0', false],
    ['v1.2.3', '=', '1.2.3', true],
    ['V1.2.3', '=', 'v1.2.3', true],
    ['1', '=', '1.0.0', true],
    ['1.2', '=', '1.2.0', true],
  ])('%s %s %s is %s', (left, operator, right, expected) => {
    expect(semVer([left, operator, right])).toBe(expected);
  });

  it('reads numbers from the context as versions', () => {
    expect(semVer([1.2, '>', '1.1'])).toBe(true);
    expect(semVer([2, '=', '2.0.0'])).toBe(true);
    expect(semVer([1.1, '>', '1.1'])).toBe(false);
  });

  it.each([
    ['an invalid version', ['not-a-version', '=', '1.0.0']],
    ['four parts', ['2.0.0.0', '=', '2.0.0']],
    ['a leading zero', ['01.0.0', '=', '1.0.0']],
    ['an unknown operator', ['1.0.0', '===', '1.0.0']],
    ['a range operator flagd lacks', ['1.0.0', '*', '1.0.0']],
    ['two arguments', ['1.0.0', '=']],
    ['four arguments', ['1.0.0', '=', '1.0.0', '1.0.0']],
    ['a missing context value', [null, '=', '1.0.0']],
    ['an object', [{ major: 1 }, '=', '1.0.0']],
    ['a trailing word', ['1.0 beta', '=', '1.0.0']],
  ])('gives null, not false, for %s', (_what, args) => {
    expect(semVer(args)).toBeNull();
  });

  it('does not pull a number out of a longer string', () => {
    expect(parseFlagVersion('myVersion_1')).toBeNull();
    expect(parseFlagVersion('1.2.3-rc.1')?.prerelease).toStrictEqual(['rc', 1]);
  });
});
