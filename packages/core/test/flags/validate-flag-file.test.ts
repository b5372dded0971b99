import { describe, expect, it } from 'vitest';
import { formatFlagFileIssue } from '../../src/flags/flag-types.js';
import { validateFlagFile, validateTargetingRule } from '../../src/flags/validate-flag-file.js';

const flag = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' };

describe('validateFlagFile', () => {
  it('accepts a valid file with targeting, $evaluators and metadata', () => {
    const file = {
      $schema: 'https://flagd.dev/schema/v0/flags.json',
      metadata: { flagSetId: 'shop' },
      $evaluators: { beta: { in: [{ var: 'email' }, ['a@b.c']] } },
      flags: {
        checkout: {
          ...flag,
          targeting: {
            if: [
              { $ref: 'beta' },
              'on',
              {
                fractional: [
                  ['on', 10],
                  ['off', 90],
                ],
              },
            ],
          },
          metadata: { owner: 'payments' },
        },
      },
    };
    expect(validateFlagFile(file)).toStrictEqual({ valid: true, issues: [] });
  });

  it('names the flag and the field of a schema fault', () => {
    const result = validateFlagFile({ flags: { checkout: { ...flag, state: 'ON' } } });
    expect(result.valid).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ flag: 'checkout', field: 'state' });
    expect(formatFlagFileIssue(result.issues[0] ?? expect.fail('issue'))).toMatch(
      /^flag "checkout", field "state": must be equal to one of the allowed values/,
    );
  });

  it('says variants of mixed types in one issue', () => {
    const result = validateFlagFile({
      flags: { f: { ...flag, variants: { on: true, off: 'no' } } },
    });
    expect(result.issues).toStrictEqual([
      {
        flag: 'f',
        field: 'variants',
        message: 'variants must be all booleans, all numbers, all strings or all objects',
      },
    ]);
  });

  it('adds what the schema cannot see: the default variant and $ref names', () => {
    const result = validateFlagFile({
      flags: {
        a: { ...flag, defaultVariant: 'maybe' },
        b: { ...flag, targeting: { if: [{ $ref: 'missing' }, 'on'] } },
      },
    });
    expect(result.issues).toStrictEqual([
      { flag: 'a', field: 'defaultVariant', message: '"maybe" is not one of the variants' },
      { flag: 'b', field: 'targeting', message: '$ref "missing" names no entry of $evaluators' },
    ]);
  });

  it('takes flags as an array only in the flagd daemon format', () => {
    const file = { flags: [{ key: 'a', ...flag }] };
    expect(validateFlagFile(file).issues).toStrictEqual([
      { flag: null, field: 'flags', message: 'must be object' },
    ]);
    expect(validateFlagFile(file, { format: 'flagd' }).valid).toBe(true);
  });

  it('names file-level faults with a null flag', () => {
    expect(validateFlagFile({}).issues).toStrictEqual([
      { flag: null, field: 'flags', message: 'is required' },
    ]);
    expect(validateFlagFile({ flags: {}, metadata: { nested: {} } }).issues).toMatchObject([
      { flag: null, field: 'metadata/nested' },
    ]);
  });
});

describe('validateTargetingRule', () => {
  it('accepts flagd operators and rejects bad arguments at their path', () => {
    expect(validateTargetingRule({ sem_ver: [{ var: 'v' }, '>=', '1.0.0'] }).valid).toBe(true);
    expect(validateTargetingRule({ starts_with: [{ var: 'id' }, 1] }).issues).toMatchObject([
      { flag: null, field: 'targeting/starts_with/1' },
    ]);
  });
});
