import { describe, expect, it } from 'vitest';
import { parseVersion, pep440Scheme, sortVersions } from '../../src/versions/index.js';
import { SlipwayError } from '../../src/errors/slipway-error.js';

const normalize = (input: string): string | null => {
  const version = pep440Scheme.parse(input);
  return version === null ? null : pep440Scheme.format(version);
};

describe('PEP 440 published examples', () => {
  it('orders the summary example list exactly as the specification lists it', () => {
    const ordered = [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ];
    const shuffled = [...ordered].reverse();
    expect(sortVersions(pep440Scheme, shuffled)).toEqual({ sorted: ordered, invalid: [] });
  });

  it('orders epochs before everything else', () => {
    expect(sortVersions(pep440Scheme, ['1!1.0', '2014.04', '1!0.9', '2013.10']).sorted).toEqual([
      '2013.10',
      '2014.4',
      '1!0.9',
      '1!1.0',
    ]);
  });

  it('treats implicit zeros as equal and keeps the written form', () => {
    const compare = (a: string, b: string): number =>
      pep440Scheme.compare(parseVersion(pep440Scheme, a), parseVersion(pep440Scheme, b));
    expect(compare('1.0', '1.0.0')).toBe(0);
    expect(compare('1.0.0.0', '1')).toBe(0);
    expect(normalize('1.0.0.0')).toBe('1.0.0.0');
    expect(compare('1.0a', '1.0a0')).toBe(0);
  });

  it.each([
    ['1.1RC1', '1.1rc1'],
    ['00', '0'],
    ['09000', '9000'],
    ['1.0+foo0100', '1.0+foo0100'],
    ['1.1.a1', '1.1a1'],
    ['1.1-a1', '1.1a1'],
    ['1.0a.1', '1.0a1'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-ALPHA_1', '1.0a1'],
    ['1.0beta2', '1.0b2'],
    ['1.0c1', '1.0rc1'],
    ['1.0pre1', '1.0rc1'],
    ['1.0preview1', '1.0rc1'],
    ['1.2a', '1.2a0'],
    ['1.2-post2', '1.2.post2'],
    ['1.2post2', '1.2.post2'],
    ['1.2.post-2', '1.2.post2'],
    ['1.2.post_2', '1.2.post2'],
    ['1.0.post-1', '1.0.post1'],
    ['1.0-r4', '1.0.post4'],
    ['1.0-rev4', '1.0.post4'],
    ['1.2.post', '1.2.post0'],
    ['1.0-1', '1.0.post1'],
    ['1.2-dev2', '1.2.dev2'],
    ['1.2dev2', '1.2.dev2'],
    ['1.2.dev-2', '1.2.dev2'],
    ['1.2.dev', '1.2.dev0'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'],
    ['1.0+ubuntu_1', '1.0+ubuntu.1'],
    ['1.0+UBUNTU.1', '1.0+ubuntu.1'],
    ['v1.0', '1.0'],
    ['V1.0', '1.0'],
    ['  1.0\t\n', '1.0'],
    ['1!2.0', '1!2.0'],
    ['0!2.0', '2.0'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it.each([
    'french toast',
    '1.0+a+',
    '1.0++',
    '1.0+_foobar',
    '1.0+foo&asd',
    '1.0+1+1',
    '',
    '1.',
    '1..0',
    '1.0-',
    '1.0.*',
    'vv1.0',
    '1.0 a1',
    '!1.0',
    '1.0-1-1',
    '1.0-a1-b1',
    '\ufeff1.0',
  ])('rejects %j', (input) => {
    expect(pep440Scheme.parse(input)).toBeNull();
    expect(() => parseVersion(pep440Scheme, input)).toThrow(SlipwayError);
  });

  it('reports an invalid input with code, message and subject', () => {
    const error = (() => {
      try {
        parseVersion(pep440Scheme, 'french toast');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({
      code: 'VERSION_INVALID',
      message: '"french toast" is not a valid pep440 version',
      subject: 'french toast',
    });
  });

  it('parses into plain, frozen, JSON-serializable data', () => {
    const version = parseVersion(pep440Scheme, '1!2.0rc1.post2.dev3+Ubuntu-007');
    expect(JSON.parse(JSON.stringify(version))).toEqual({
      epoch: 1,
      release: [2, 0],
      pre: { label: 'rc', number: 1 },
      post: 2,
      dev: 3,
      local: 'ubuntu.7',
    });
    expect(Object.isFrozen(version)).toBe(true);
    expect(Object.isFrozen(version.release)).toBe(true);
  });
});

describe('PEP 440 robustness', () => {
  it('parses or rejects 100,000-character inputs without catastrophic backtracking', () => {
    const started = performance.now();
    for (const input of [
      '1'.repeat(100_000) + 'x',
      '1.'.repeat(50_000) + 'x',
      `1.0+${'a.'.repeat(50_000)}!`,
    ]) {
      expect(pep440Scheme.parse(input)).toBeNull();
    }
    expect(pep440Scheme.parse(`1.0+${'a.'.repeat(50_000)}b`)).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('PEP 440 documented deviations (ADR 0003)', () => {
  it('refuses numbers above 2^53 - 1 that the model cannot hold exactly', () => {
    expect(normalize('9007199254740991')).toBe('9007199254740991');
    expect(pep440Scheme.parse('9007199254740992')).toBeNull();
    expect(pep440Scheme.parse('1.0.post99999999999999999999')).toBeNull();
    // Local parts are text in the model, so any length stays exact.
    expect(normalize('1.0+000099999999999999999999')).toBe('1.0+99999999999999999999');
  });

  it('matches only ASCII letters, as packaging >= 26 does (older packaging let U+017F match s)', () => {
    for (const input of ['1.0.po\u017ft1', '1.0prev\u0131ew1', '1.0+\u212a', '1.0+\u017f']) {
      expect(pep440Scheme.parse(input)).toBeNull();
    }
  });
});
