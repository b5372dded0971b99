import { describe, expect, it } from 'vitest';
import {
  fractional,
  fractionalBucket,
  parseFractionalBuckets,
  pickFractionalVariant,
} from '../../src/flags/fractional.js';
import { murmur3Hash32 } from '../../src/flags/murmur3.js';

const exactBucket = (hash: number, total: number): number =>
  Number((BigInt(hash) * BigInt(total)) >> 32n);

describe('fractionalBucket', () => {
  it('is (hash × totalWeight) >> 32 exactly, past 2^53', () => {
    const hashes = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xdeadbeef, 0x12345678];
    const weights = [1, 2, 3, 100, 1000, 65_535, 65_537, 1_000_003, 2_147_483_647];
    for (const hash of hashes) {
      for (const weight of weights) {
        expect(fractionalBucket(hash, weight), `${hash} × ${weight}`).toBe(
          exactBucket(hash, weight),
        );
      }
    }
  });

  it('matches BigInt on many pseudo-random hashes and weights', () => {
    let state = 42;
    const next = (): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state;
    };
    for (let round = 0; round < 20_000; round++) {
      const hash = next();
      const weight = (next() % 2_147_483_647) + 1;
      expect(fractionalBucket(hash, weight)).toBe(exactBucket(hash, weight));
    }
  });

  it('puts the edge hashes at the ends of a 50/50 split', () => {
    expect(fractionalBucket(0, 100)).toBe(0);
    expect(fractionalBucket(0x7fffffff, 100)).toBe(49);
    expect(fractionalBucket(0x80000000, 100)).toBe(50);
    expect(fractionalBucket(0xffffffff, 100)).toBe(99);
  });
});

describe('parseFractionalBuckets', () => {
  it('defaults a missing weight to 1 and clamps negative weights to 0', () => {
    expect(parseFractionalBuckets([['a'], ['b', -5], ['c', 3]])).toStrictEqual({
      variants: ['a', 'b', 'c'],
      cumulative: [1, 1, 4],
      totalWeight: 4,
    });
  });

  it.each([
    ['a decimal weight', [['a', 2.5]]],
    ['a string weight', [['a', '25']]],
    ['a non-array entry', ['a']],
    ['an empty entry', [[]]],
    ['an entry of three', [['a', 1, 2]]],
    ['an object variant', [[{ a: 1 }, 1]]],
    ['no entries', []],
    [
      'weights past 2^31-1',
      [
        ['a', 2_147_483_647],
        ['b', 1],
      ],
    ],
  ])('rejects %s', (_what, entries) => {
    expect(parseFractionalBuckets(entries)).toBeNull();
  });
});

describe('fractional', () => {
  it('buckets the testbed edge keys into lower and upper halves', () => {
    const buckets = [
      ['lower', 50],
      ['upper', 50],
    ];
    for (const key of ['ejOoVL', 'bY9fO-', 'SI7p-'])
      expect(fractional([key, ...buckets], 'f', undefined)).toBe('lower');
    for (const key of ['6LvT0', 'ceQdGm'])
      expect(fractional([key, ...buckets], 'f', undefined)).toBe('upper');
  });

  it('buckets by flag key + targeting key when the first argument is not a string', () => {
    const buckets = [
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 1],
    ];
    const expected = pickFractionalVariant(
      parseFractionalBuckets(buckets) ?? expect.fail('buckets'),
      'my-flaguser-1',
    );
    expect(fractional(buckets, 'my-flag', 'user-1')).toBe(expected);
  });

  it('gives null without a bucketing key, with all weights zero, or for a bad entry', () => {
    expect(fractional([['a', 1]], 'f', undefined)).toBeNull();
    expect(fractional([['a', 1]], 'f', '')).toBeNull();
    expect(fractional(['key', ['a', 0], ['b', 0]], 'f', undefined)).toBeNull();
    expect(fractional(['key', ['a', 1.5]], 'f', undefined)).toBeNull();
    expect(fractional(['key'], 'f', undefined)).toBeNull();
    expect(fractional([], 'f', 'user')).toBeNull();
  });

  it('returns boolean and numeric variants as they are', () => {
    expect(fractional(['k', [true, 1]], 'f', undefined)).toBe(true);
    expect(fractional(['k', [7, 1]], 'f', undefined)).toBe(7);
  });

  it('spreads keys close to the weights', () => {
    const counts = { a: 0, b: 0, c: 0 };
    const buckets = parseFractionalBuckets([
      ['a', 10],
      ['b', 30],
      ['c', 60],
    ]);
    if (buckets === null) throw new Error('valid buckets rejected');
    for (let user = 0; user < 30_000; user++) {
      counts[pickFractionalVariant(buckets, `flaguser-${user}`) as 'a' | 'b' | 'c']++;
    }
    expect(counts.a / 30_000).toBeCloseTo(0.1, 1);
    expect(counts.b / 30_000).toBeCloseTo(0.3, 1);
    expect(counts.c / 30_000).toBeCloseTo(0.6, 1);
  });

  it('is sticky: a user given the new variant at 5% keeps it at 25%, 50% and 100%', () => {
    const steps = [5, 25, 50, 100];
    for (let user = 0; user < 5_000; user++) {
      let hadNew = false;
      for (const percent of steps) {
        const variant = fractional(
          [`rollout-flag${user}`, ['new', percent], ['old', 100 - percent]],
          'rollout-flag',
          undefined,
        );
        if (hadNew) expect(variant, `user ${user} at ${percent}%`).toBe('new');
        hadNew = variant === 'new';
      }
    }
  });

  it('hashes non-ASCII bucketing keys as UTF-8', () => {
    const buckets = [
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 1],
      ['e', 1],
      ['f', 1],
      ['g', 1],
      ['h', 1],
    ];
    for (const key of ['ユーザー', 'müller', '🚀']) {
      const hash = murmur3Hash32(new TextEncoder().encode(key));
      const index = Number((BigInt(hash) * 8n) >> 32n);
      expect(fractional([key, ...buckets], 'f', undefined)).toBe('abcdefgh'[index]);
    }
  });
});
