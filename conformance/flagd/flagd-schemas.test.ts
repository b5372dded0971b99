import { describe, expect, it } from 'vitest';
import { validateFlagFile, validateTargetingRule } from '@slipway/core';
import type { FlagFileIssue } from '@slipway/core';
import { flagsSchema } from '../../packages/core/src/flags/flagd-schemas/flags-schema.js';
import { targetingSchema } from '../../packages/core/src/flags/flagd-schemas/targeting-schema.js';
import { readSharedJson, sharedJsonFiles } from './shared-conformance.js';

/**
 * flagd-schemas' own fixtures: every positive file accepted, every negative one rejected with
 * an issue naming the flag (where the fault is inside a flag) and the field. A fixture's
 * `$schema` says which schema it is for: flags.json (providers) or flagd.json (the daemon).
 */
const fixtures = (...folder: string[]): [string, unknown][] =>
  sharedJsonFiles('flagd-schemas', 'json', 'test', ...folder);

function validateAsDeclared(file: unknown): ReturnType<typeof validateFlagFile> {
  const declared = (file as { $schema?: unknown }).$schema;
  const format =
    typeof declared === 'string' && declared.endsWith('flagd.json') ? 'flagd' : 'provider';
  return validateFlagFile(file, { format });
}

/** Where each negative fixture's fault is: the flag (null: the file) and the field. */
const expectedFlagFaults: Record<string, Pick<FlagFileIssue, 'flag' | 'field'>> = {
  'empty-variants.json': { flag: 'myBoolFlag', field: 'variants' },
  'malformed-flag.json': { flag: 'not-a-flag', field: 'state' },
  'missing-variants.json': { flag: 'myBoolFlag', field: 'variants' },
  'mixed-variant-types.ffconfig.json': { flag: 'myBoolFlag', field: 'variants' },
  'state-set-incorrectly.json': { flag: 'myBoolFlag', field: 'state' },
  'with-array-flags.json': { flag: null, field: 'flags' },
  'with-invalid-flag-metadata.json': { flag: 'myBoolFlag', field: 'metadata/invalid' },
  'with-invalid-flag-set-metadata.json': { flag: null, field: 'metadata/invalid' },
  'with-invalid-targeting.json': { flag: 'targetedFlag', field: 'targeting' },
};

/** The field each negative targeting fixture gets wrong. */
const expectedTargetingFaults: Record<string, string> = {
  'fractional-decimal-weighting.json': 'targeting/fractional/1/1',
  'fractional-invalid-bucketing.json': 'targeting/fractional/0',
  'fractional-invalid-weighting.json': 'targeting/fractional/1/1',
  'fractional-negative-weighting.json': 'targeting/fractional/1/1',
  'invalid-ends-with-param.json': 'targeting/if/0/ends_with/1',
  'invalid-flagd-props.json': 'targeting/if/0/==/0/var',
  'invalid-starts-with-param.json': 'targeting/if/0/starts_with/1',
  'sem-ver-invalid-range-specifier.json': 'targeting/if/0/sem_ver/1',
  'sem-ver-invalid-ver-expression.json': 'targeting/if/0/sem_ver/2',
};

describe('flagd-schemas', () => {
  it('the vendored schemas equal the published ones', () => {
    expect(flagsSchema).toStrictEqual(readSharedJson('flagd-schemas', 'json', 'flags.json'));
    expect(targetingSchema).toStrictEqual(
      readSharedJson('flagd-schemas', 'json', 'targeting.json'),
    );
  });

  describe('accepts every positive flag file', () => {
    const positive = [...fixtures('flags', 'positive'), ...fixtures('flagd', 'positive')];
    it.each(positive)('%s', (_name, file) => {
      expect(validateAsDeclared(file)).toStrictEqual({ valid: true, issues: [] });
    });
  });

  describe('rejects every negative flag file, naming the flag and field', () => {
    const negative = fixtures('flags', 'negative');
    it('knows where the fault of each negative fixture is', () => {
      expect(negative.map(([name]) => name)).toStrictEqual(Object.keys(expectedFlagFaults).sort());
    });
    it.each(negative)('%s', (name, file) => {
      const result = validateAsDeclared(file);
      expect(result.valid).toBe(false);
      expect(result.issues).toContainEqual(expect.objectContaining(expectedFlagFaults[name]));
      for (const issue of result.issues) expect(issue.message).not.toBe('');
    });
  });

  describe('accepts every positive targeting rule', () => {
    it.each(fixtures('targeting', 'positive'))('%s', (_name, rule) => {
      expect(validateTargetingRule(rule)).toStrictEqual({ valid: true, issues: [] });
    });
  });

  describe('rejects every negative targeting rule, naming the field', () => {
    const negative = fixtures('targeting', 'negative');
    it('knows where the fault of each negative fixture is', () => {
      expect(negative.map(([name]) => name)).toStrictEqual(
        Object.keys(expectedTargetingFaults).sort(),
      );
    });
    it.each(negative)('%s', (name, rule) => {
      const result = validateTargetingRule(rule);
      expect(result.valid).toBe(false);
      expect(result.issues.map((issue) => issue.field)).toContain(expectedTargetingFaults[name]);
    });
  });
});
