import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors/slipway-error.js';
import { compileTargeting } from '../../src/flags/compile-targeting.js';
import type { EvaluationContext, JsonValue } from '../../src/flags/flag-types.js';

const scope = { flagKey: 'my-flag', nowSeconds: () => 1_700_000_000 };
const run = (rule: JsonValue, context: EvaluationContext = {}): unknown =>
  compileTargeting(rule, scope)(context, context);

describe('compileTargeting: JSONLogic', () => {
  it.each<[string, JsonValue, EvaluationContext, unknown]>([
    ['var', { var: 'a' }, { a: 1 }, 1],
    ['var with a dotted path', { var: 'user.name' }, { user: { name: 'x' } }, 'x'],
    ['var in an array', { var: ['email'] }, { email: 'e' }, 'e'],
    ['var default', { var: ['missing', 'd'] }, {}, 'd'],
    ['var missing', { var: 'missing.deeper' }, {}, null],
    ['var index', { var: 'list.1' }, { list: ['a', 'b'] }, 'b'],
    ['var of the whole data', { var: '' }, { a: 1 }, { a: 1 }],
    ['var with a computed path', { var: { cat: ['a', '.b'] } }, { a: { b: 2 } }, 2],
    ['==, loose', { '==': [1, '1'] }, {}, true],
    ['===, strict', { '===': [1, '1'] }, {}, false],
    ['!=', { '!=': [{ var: 'a' }, 'x'] }, { a: 'y' }, true],
    ['!==', { '!==': [1, 1] }, {}, false],
    ['<, between', { '<': [1, { var: 'n' }, 10] }, { n: 5 }, true],
    ['<=, between inclusive', { '<=': [1, { var: 'n' }, 5] }, { n: 5 }, true],
    ['>', { '>': [{ var: 'n' }, 3] }, { n: 5 }, true],
    ['>=', { '>=': [{ var: 'n' }, 6] }, { n: 5 }, false],
    ['!', { '!': [[]] }, {}, true],
    ['!!', { '!!': ['0'] }, {}, true],
    ['or returns the first truthy value', { or: [0, '', 'x', 'y'] }, {}, 'x'],
    ['and returns the first falsy value', { and: [1, 0, 2] }, {}, 0],
    ['if, else-if chain', { if: [false, 'a', { var: 'b' }, 'b', 'c'] }, { b: true }, 'b'],
    ['if without else', { if: [false, 'a'] }, {}, null],
    ['?:', { '?:': [true, 'yes', 'no'] }, {}, 'yes'],
    ['in an array', { in: [{ var: 'c' }, ['de', 'fr']] }, { c: 'fr' }, true],
    ['in a string', { in: ['@acme', { var: 'email' }] }, { email: 'x@acme.com' }, true],
    ['cat skips null', { cat: ['a', null, 1] }, {}, 'a1'],
    ['substr', { substr: ['slipway', -3] }, {}, 'way'],
    ['substr with length', { substr: ['slipway', 1, -3] }, {}, 'lip'],
    ['+', { '+': [1, '2', 3] }, {}, 6],
    ['-', { '-': [10, 4] }, {}, 6],
    ['unary -', { '-': [4] }, {}, -4],
    ['*', { '*': [2, 3] }, {}, 6],
    ['/', { '/': [9, 3] }, {}, 3],
    ['%', { '%': [10, 4] }, {}, 2],
    ['min', { min: [3, 1, 2] }, {}, 1],
    ['max', { max: [3, 1, 2] }, {}, 3],
    ['merge', { merge: [[1], 2, [3, 4]] }, {}, [1, 2, 3, 4]],
    ['missing', { missing: ['a', 'b'] }, { a: 1 }, ['b']],
    ['missing_some', { missing_some: [1, ['a', 'b']] }, { a: 1 }, []],
    ['map', { map: [{ var: 'l' }, { '*': [{ var: '' }, 2] }] }, { l: [1, 2] }, [2, 4]],
    ['filter', { filter: [{ var: 'l' }, { '>': [{ var: '' }, 1] }] }, { l: [1, 2, 3] }, [2, 3]],
    [
      'reduce',
      { reduce: [{ var: 'l' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
      { l: [1, 2, 3] },
      6,
    ],
    ['all', { all: [{ var: 'l' }, { '>': [{ var: '' }, 0] }] }, { l: [1, 2] }, true],
    ['all of nothing', { all: [[], true] }, {}, false],
    ['some', { some: [{ var: 'l' }, { '===': [{ var: '' }, 2] }] }, { l: [1, 2] }, true],
    ['none', { none: [{ var: 'l' }, { '===': [{ var: '' }, 2] }] }, { l: [1, 2] }, false],
    ['an object with two keys is data', { if: [true, { a: 1, b: 2 }] }, {}, { a: 1, b: 2 }],
    ['a scalar argument', { '!': true }, {}, false],
  ])('%s', (_name, rule, context, expected) => {
    expect(run(rule, context)).toStrictEqual(expected);
  });
});

describe('compileTargeting: flagd', () => {
  it('reads $flagd.flagKey and $flagd.timestamp from the scope', () => {
    expect(run({ var: '$flagd.flagKey' })).toBe('my-flag');
    expect(run({ var: '$flagd.timestamp' })).toBe(1_700_000_000);
    expect(run({ var: { cat: ['$flagd.', 'flagKey'] } })).toBe('my-flag');
    expect(run({ var: '$flagd' })).toStrictEqual({ flagKey: 'my-flag', timestamp: 1_700_000_000 });
    expect(run({ '>': [{ var: '$flagd.timestamp' }, 1_600_000_000] })).toBe(true);
  });

  it('reads the clock at evaluation time, not at compile time', () => {
    let now = 1;
    const rule = compileTargeting(
      { var: '$flagd.timestamp' },
      { flagKey: 'f', nowSeconds: () => now },
    );
    now = 2;
    expect(rule({}, {})).toBe(2);
  });

  it('runs starts_with, ends_with, sem_ver and fractional', () => {
    expect(run({ starts_with: [{ var: 'id' }, 'abc'] }, { id: 'abcdef' })).toBe(true);
    expect(run({ ends_with: [{ var: 'id' }, 'xyz'] }, { id: 'abc' })).toBe(false);
    expect(run({ starts_with: [{ var: 'n' }, 'abc'] }, { n: 123 })).toBeNull();
    expect(run({ sem_ver: [{ var: 'v' }, '^', '1.0.0'] }, { v: '1.4.2' })).toBe(true);
    expect(
      run(
        { fractional: [{ var: 'targetingKey' }, ['lower', 50], ['upper', 50]] },
        { targetingKey: 'ceQdGm' },
      ),
    ).toBe('upper');
  });

  it('evaluates fractional buckets that are expressions each time', () => {
    const rule: JsonValue = {
      fractional: [
        { var: 'targetingKey' },
        [{ var: 'color' }, 50],
        ['blue', { if: [{ var: 'vip' }, 0, 50] }],
      ],
    };
    expect(run(rule, { targetingKey: 'user1', color: 'red', vip: true })).toBe('red');
  });

  it('treats a bucketing-key expression that gives no string as a bucket, so null', () => {
    expect(
      run({ fractional: [{ var: 'nothing' }, ['a', 50], ['b', 50]] }, { targetingKey: 'u' }),
    ).toBeNull();
  });

  it('refuses unknown operators with a SlipwayError naming them', () => {
    expect(() => compileTargeting({ if: [{ bogus: [1] }, 'a'] }, scope)).toThrow(SlipwayError);
    expect(() => compileTargeting({ $ref: 'x' }, scope)).toThrow(
      /unknown targeting operator "\$ref"/,
    );
    expect(() => compileTargeting({ log: 'x' }, scope)).toThrow(/"log"/);
  });

  it('does not take operator names from the prototype', () => {
    expect(() => compileTargeting({ toString: [] }, scope)).toThrow(/"toString"/);
    const parsed = JSON.parse('{"__proto__": ["x"]}') as JsonValue;
    expect(() => compileTargeting(parsed, scope)).toThrow(/"__proto__"/);
  });
});
