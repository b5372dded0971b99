import { describe, expect, it } from 'vitest';
import type { FlagDefinition, FlagVersion } from '../src/api/api-types.js';
import {
  historyWithChanges,
  rolloutSplitOf,
  rolloutStateOf,
  stableJson,
} from '../src/flags/flag-view.js';

const flag: FlagDefinition = {
  state: 'ENABLED',
  variants: { on: true, off: false },
  defaultVariant: 'off',
};

const version = (
  number: number,
  definition: FlagDefinition,
  change: FlagVersion['change'],
): FlagVersion => ({
  service: 'shop',
  env: 'prod',
  key: 'new-checkout',
  version: number,
  definition,
  change,
  actor: 'token:r',
  time: `2026-11-26T10:0${number}:00.000Z`,
});

describe('rollout split of a flag', () => {
  it('reads the split the rollout API writes (basis points of 10,000, new variant first)', () => {
    expect(
      rolloutSplitOf({
        fractional: [
          ['on', 2550],
          ['off', 7450],
        ],
      }),
    ).toEqual({
      newVariant: 'on',
      oldVariant: 'off',
      percent: 25.5,
    });
  });

  it('refuses other targeting: other totals, extra keys, three buckets', () => {
    expect(
      rolloutSplitOf({
        fractional: [
          ['on', 25],
          ['off', 75],
        ],
      }),
    ).toBeNull();
    expect(
      rolloutSplitOf({
        fractional: [
          ['on', 5000],
          ['off', 5000],
        ],
        if: [],
      }),
    ).toBeNull();
    expect(
      rolloutSplitOf({
        fractional: [
          ['a', 5000],
          ['b', 2500],
          ['c', 2500],
        ],
      }),
    ).toBeNull();
    expect(rolloutSplitOf(null)).toBeNull();
    expect(rolloutSplitOf(undefined)).toBeNull();
  });

  it('offers to start a rollout towards the non-default variants of an untargeted flag', () => {
    expect(rolloutStateOf(flag)).toEqual({ kind: 'startable', candidates: ['on'] });
    expect(rolloutStateOf({ ...flag, targeting: { if: [true, 'on', 'off'] } })).toEqual({
      kind: 'custom',
    });
    expect(
      rolloutStateOf({
        ...flag,
        targeting: {
          fractional: [
            ['on', 100],
            ['off', 9900],
          ],
        },
      }),
    ).toEqual({ kind: 'split', split: { newVariant: 'on', oldVariant: 'off', percent: 1 } });
  });
});

describe('flag history', () => {
  it('lists versions newest first with the fields each changed', () => {
    const rolled = {
      ...flag,
      targeting: {
        fractional: [
          ['on', 500],
          ['off', 9500],
        ],
      },
    };
    const history = historyWithChanges([
      version(2, rolled, 'rollout'),
      version(1, flag, 'set'),
      version(3, { ...rolled, state: 'DISABLED' }, 'kill'),
    ]);
    expect(history.map((entry) => entry.version.version)).toEqual([3, 2, 1]);
    expect(history[0]?.changes).toEqual([{ field: 'state', before: 'ENABLED', after: 'DISABLED' }]);
    expect(history[1]?.changes).toEqual([
      {
        field: 'targeting',
        before: null,
        after: {
          fractional: [
            ['on', 500],
            ['off', 9500],
          ],
        },
      },
    ]);
    expect(history[2]?.changes.map((change) => change.field)).toEqual([
      'state',
      'variants',
      'defaultVariant',
    ]);
  });

  it('compares values whatever their key order', () => {
    expect(stableJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(
      stableJson({ a: [{ x: 1, y: 2 }], b: 1 }),
    );
  });
});
