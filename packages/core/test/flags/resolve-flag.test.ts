import { describe, expect, it } from 'vitest';
import { compileFlagSet } from '../../src/flags/compile-flag-set.js';
import {
  evaluateAllFlags,
  evaluateFlag,
  resolveBooleanFlag,
  resolveFlag,
  resolveNumberFlag,
  resolveObjectFlag,
  resolveStringFlag,
} from '../../src/flags/resolve-flag.js';

const file = {
  metadata: { flagSetId: 'checkout', version: '3' },
  $evaluators: {
    isStaff: { ends_with: [{ var: 'email' }, '@slipway.dev'] },
    isStaffInBeta: { and: [{ $ref: 'isStaff' }, { var: 'beta' }] },
  },
  flags: {
    static: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' },
    staff: {
      state: 'ENABLED',
      variants: { yes: 'yes', no: 'no' },
      defaultVariant: 'no',
      targeting: { if: [{ $ref: 'isStaffInBeta' }, 'yes'] },
      metadata: { owner: 'payments', version: '4' },
    },
    boolTargeting: {
      state: 'ENABLED',
      variants: { true: 'T', false: 'F' },
      defaultVariant: 'false',
      targeting: { '==': [{ var: 'plan' }, 'pro'] },
    },
    split: {
      state: 'ENABLED',
      variants: { a: 1, b: 2 },
      defaultVariant: 'a',
      targeting: {
        fractional: [
          ['a', 50],
          ['b', 50],
        ],
      },
    },
    noDefault: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: null },
    missingDefault: { state: 'ENABLED', variants: { on: true, off: false } },
    disabled: { state: 'DISABLED', variants: { on: true }, defaultVariant: 'on' },
    unknownVariant: {
      state: 'ENABLED',
      variants: { on: true },
      defaultVariant: 'on',
      targeting: { var: 'pick' },
    },
    brokenRef: {
      state: 'ENABLED',
      variants: { on: true },
      defaultVariant: 'on',
      targeting: { if: [{ $ref: 'nope' }, 'on'] },
    },
    objectFlag: { state: 'ENABLED', variants: { cfg: { limit: 3 } }, defaultVariant: 'cfg' },
    timeBomb: {
      state: 'ENABLED',
      variants: { before: 'before', after: 'after' },
      defaultVariant: 'before',
      targeting: { if: [{ '>=': [{ var: '$flagd.timestamp' }, 2_000] }, 'after', 'before'] },
    },
  },
};

const { flagSet, issues } = compileFlagSet(file, { nowSeconds: () => 2_000 });

describe('resolveFlag', () => {
  it('reports the broken $ref as an issue of its flag, and only that', () => {
    expect(issues).toStrictEqual([
      {
        flag: 'brokenRef',
        field: 'targeting',
        message: '$ref "nope" names no entry of $evaluators',
      },
    ]);
  });

  it('serves the default variant of a flag without targeting as STATIC', () => {
    expect(resolveBooleanFlag(flagSet, 'static', false)).toStrictEqual({
      value: true,
      variant: 'on',
      reason: 'STATIC',
      flagMetadata: { flagSetId: 'checkout', version: '3' },
    });
  });

  it('resolves nested $ref and merges metadata, the flag winning over the set', () => {
    const details = resolveStringFlag(flagSet, 'staff', 'x', {
      email: 'a@slipway.dev',
      beta: true,
    });
    expect(details).toStrictEqual({
      value: 'yes',
      variant: 'yes',
      reason: 'TARGETING_MATCH',
      flagMetadata: { flagSetId: 'checkout', version: '4', owner: 'payments' },
    });
    const other = resolveStringFlag(flagSet, 'staff', 'x', { email: 'a@slipway.dev' });
    expect(other).toMatchObject({ value: 'no', variant: 'no', reason: 'DEFAULT' });
  });

  it('reads a boolean result as the variant of that name', () => {
    expect(resolveStringFlag(flagSet, 'boolTargeting', '?', { plan: 'pro' })).toMatchObject({
      value: 'T',
      variant: 'true',
    });
    expect(resolveStringFlag(flagSet, 'boolTargeting', '?', { plan: 'free' })).toMatchObject({
      value: 'F',
      variant: 'false',
    });
  });

  it('reports a fractional split as TARGETING_MATCH, as flagd does', () => {
    const details = resolveNumberFlag(flagSet, 'split', 0, { targetingKey: 'user-1' });
    expect(details.reason).toBe('TARGETING_MATCH');
    expect([1, 2]).toContain(details.value);
  });

  it('falls back to a fractional default without a targeting key', () => {
    expect(resolveNumberFlag(flagSet, 'split', 0)).toMatchObject({
      value: 1,
      variant: 'a',
      reason: 'DEFAULT',
    });
  });

  it('gives the code default, reason DEFAULT and no variant when defaultVariant is null or missing', () => {
    for (const key of ['noDefault', 'missingDefault']) {
      expect(resolveBooleanFlag(flagSet, key, true)).toStrictEqual({
        value: true,
        reason: 'DEFAULT',
        flagMetadata: { flagSetId: 'checkout', version: '3' },
      });
    }
  });

  it('gives the code default with reason DISABLED for a disabled flag', () => {
    expect(resolveBooleanFlag(flagSet, 'disabled', false)).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
    expect(resolveBooleanFlag(flagSet, 'disabled', false).variant).toBeUndefined();
  });

  it('returns FLAG_NOT_FOUND with the set metadata', () => {
    expect(resolveStringFlag(flagSet, 'nope', 'd')).toStrictEqual({
      value: 'd',
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: 'flag "nope" not found',
      flagMetadata: { flagSetId: 'checkout', version: '3' },
    });
  });

  it('returns TYPE_MISMATCH with the default', () => {
    expect(resolveNumberFlag(flagSet, 'static', 7)).toMatchObject({
      value: 7,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(resolveObjectFlag(flagSet, 'static', {})).toMatchObject({ errorCode: 'TYPE_MISMATCH' });
    expect(resolveObjectFlag(flagSet, 'objectFlag', {})).toMatchObject({ value: { limit: 3 } });
  });

  it('returns PARSE_ERROR for a flag whose $ref names no evaluator', () => {
    expect(resolveBooleanFlag(flagSet, 'brokenRef', false)).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
    });
  });

  it('returns GENERAL when targeting names a variant the flag lacks', () => {
    const details = resolveBooleanFlag(flagSet, 'unknownVariant', false, { pick: 'off' });
    expect(details).toMatchObject({ value: false, reason: 'ERROR', errorCode: 'GENERAL' });
    expect(details.errorMessage).toContain('"off"');
    expect(resolveBooleanFlag(flagSet, 'unknownVariant', false, { pick: { a: 1 } })).toMatchObject({
      errorCode: 'GENERAL',
    });
  });

  it('reads $flagd.timestamp from the clock it was given', () => {
    expect(resolveStringFlag(flagSet, 'timeBomb', '?').value).toBe('after');
    const early = compileFlagSet(file, { nowSeconds: () => 1_999 }).flagSet;
    expect(resolveStringFlag(early, 'timeBomb', '?').value).toBe('before');
  });
});

describe('evaluation never throws', () => {
  const hostile = new Proxy(
    {},
    {
      get: () => {
        throw new Error('context exploded');
      },
    },
  );

  it('turns a throwing context into GENERAL', () => {
    expect(resolveStringFlag(flagSet, 'staff', 'd', hostile)).toMatchObject({
      value: 'd',
      reason: 'ERROR',
      errorCode: 'GENERAL',
    });
  });

  it('turns a throwing rule engine into GENERAL', () => {
    const broken = compileFlagSet(file, {
      compileTargeting: () => () => {
        throw new Error('engine down');
      },
    }).flagSet;
    expect(resolveStringFlag(broken, 'staff', 'd').errorMessage).toContain('engine down');
  });

  it('turns a rule engine that refuses to compile into PARSE_ERROR', () => {
    const refused = compileFlagSet(file, {
      compileTargeting: () => {
        throw new Error('no');
      },
    });
    expect(resolveStringFlag(refused.flagSet, 'staff', 'd').errorCode).toBe('PARSE_ERROR');
    expect(refused.issues.length).toBeGreaterThan(1);
  });

  it.each([
    ['not JSON', '{"flags": '],
    ['no flags', '{}'],
    ['null', null],
    ['flags of the wrong shape', { flags: 'x' }],
  ])('gives an empty set and an issue for %s', (_what, source) => {
    const result = compileFlagSet(source);
    expect(result.flagSet.flags.size).toBe(0);
    expect(result.issues).toHaveLength(1);
    expect(resolveBooleanFlag(result.flagSet, 'any', true).errorCode).toBe('FLAG_NOT_FOUND');
  });

  it.each([
    ['not an object', 'x', ''],
    ['a bad state', { state: 'ON', variants: { a: 1 } }, 'state'],
    ['no variants', { state: 'ENABLED' }, 'variants'],
    [
      'a default that is no variant',
      { state: 'ENABLED', variants: { a: 1 }, defaultVariant: 'b' },
      'defaultVariant',
    ],
    [
      'a numeric default',
      { state: 'ENABLED', variants: { a: 1 }, defaultVariant: 1 },
      'defaultVariant',
    ],
    [
      'an unknown operator',
      { state: 'ENABLED', variants: { a: 1 }, targeting: { nope: [] } },
      'targeting',
    ],
  ])('keeps a flag with %s, answering PARSE_ERROR', (_what, definition, field) => {
    const result = compileFlagSet({ flags: { broken: definition, fine: file.flags.static } });
    expect(result.issues).toMatchObject([{ flag: 'broken', field }]);
    expect(resolveBooleanFlag(result.flagSet, 'broken', true)).toMatchObject({
      value: true,
      errorCode: 'PARSE_ERROR',
    });
    expect(resolveBooleanFlag(result.flagSet, 'fine', false).value).toBe(true);
  });

  it('detects $ref cycles at load time', () => {
    const result = compileFlagSet({
      $evaluators: { a: { $ref: 'b' }, b: { $ref: 'a' } },
      flags: { f: { state: 'ENABLED', variants: { on: true }, targeting: { $ref: 'a' } } },
    });
    expect(result.issues[0]?.message).toContain('cycle');
  });
});

describe('bulk evaluation', () => {
  it('evaluates every flag with one context', () => {
    const all = evaluateAllFlags(flagSet, {
      targetingKey: 'u',
      email: 'x@slipway.dev',
      beta: true,
    });
    expect([...all.keys()]).toStrictEqual(Object.keys(file.flags));
    expect(all.get('staff')).toMatchObject({ value: 'yes' });
    expect(all.get('disabled')).toMatchObject({ reason: 'DISABLED' });
    expect(evaluateFlag(flagSet, 'noDefault').value).toBeUndefined();
  });

  it('accepts flagd daemon files with flags as an array', () => {
    const { flagSet: fromArray } = compileFlagSet({
      flags: [{ key: 'a', state: 'ENABLED', variants: { on: true }, defaultVariant: 'on' }],
    });
    expect(resolveFlag(fromArray, 'a', 'boolean', false).value).toBe(true);
  });
});
