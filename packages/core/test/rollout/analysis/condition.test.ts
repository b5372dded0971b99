import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateCondition, isSlipwayError } from '@slipway/core';

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isSlipwayError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a SlipwayError');
}

describe('evaluateCondition', () => {
  const cases: readonly [expression: string, result: unknown, expected: boolean][] = [
    // Argo Rollouts' documented conditions.
    ['result[0] >= 0.95', [0.97], true],
    ['result[0] >= 0.95', [0.9], false],
    ['result >= 0.95', 0.95, true],
    ['result <= 0.95', 0.96, false],
    ['result < 0.50', 0.4, true],
    ['result >= 10', 9, false],
    ["result == 'true'", 'true', true],
    ['result == "true"', 'false', false],
    ['asFloat(result) >= 0.90', '0.93', true],
    ['asInt(result) == 42', '42', true],
    ['result[0] < 50', [12.5, 99], true],
    // Member access and nested indexing.
    ['result.ok == true', { ok: true }, true],
    ['result.data[1].value > 3', { data: [{ value: 1 }, { value: 4 }] }, true],
    ['result["p99"] < 0.3', { p99: 0.25 }, true],
    ['result.missing == nil', { other: 1 }, true],
    ['result[-1] == 3', [1, 2, 3], true],
    // Arithmetic and precedence.
    ['result[0] / result[1] < 0.05', [1, 100], true],
    ['result[0] / result[1] < 0.05', [10, 100], false],
    ['1 + 2 * 3 == 7', null, true],
    ['(1 + 2) * 3 == 9', null, true],
    ['10 - 4 - 3 == 3', null, true],
    ['7 % 4 == 3', null, true],
    ['-result < 0', 5, true],
    ['2e-3 < 0.01', null, true],
    ['"ab" + "c" == "abc"', null, true],
    ['"abc" < "abd"', null, true],
    // Logic: symbols and words.
    ['result > 1 && result < 3', 2, true],
    ['result > 1 and result < 3', 5, false],
    ['result < 1 || result > 3', 5, true],
    ['result < 1 or result > 3', 2, false],
    ['!(result > 1)', 0, true],
    ['not (result > 1)', 2, false],
    ['!true == false', null, true],
    ['true || false && false', null, true],
    // Short-circuit: the right side never sees data it cannot handle.
    ['len(result) == 0 || result[0] < 1', [], true],
    ['len(result) > 0 && result[0] < 1', [], false],
    // Functions.
    ['len(result) == 2', [1, 2], true],
    ['len(result) == 3', 'abc', true],
    ['len(result) == 1', { a: 1 }, true],
    ['isNaN(result[0])', [NaN], true],
    ['isNaN(result)', 'x', false],
    ['isInf(result)', Infinity, true],
    ['abs(result) < 1', -0.5, true],
    ['default(result.rate, 0) < 0.1', {}, true],
    ['default(result.rate, 0) < 0.1', { rate: 0.5 }, false],
    ['asFloat(result) > 1', '+Inf', true],
    // NaN compares false every way (a Prometheus division by zero).
    ['result[0] < 0.05', [NaN], false],
    ['result[0] >= 0.05', [NaN], false],
    ['result[0] == result[0]', [NaN], false],
    ['result[0] != result[0]', [NaN], true],
    // Equality of mixed types and structures.
    ['result == 1', '1', false],
    ['result == [1, 2]', [1, 2], true],
    ['result in [200, 204]', 204, true],
    ['result in [200, 204]', 500, false],
    ['[] == []', null, true],
    ['"ok" in result', { ok: 1 }, true],
    ['"toString" in result', {}, false],
    ['"err" in result', 'no errors', true],
    ['result != nil', 0, true],
    ['result == null', undefined, true],
  ];

  it.each(cases)('%s with %j is %s', (expression, result, expected) => {
    expect(evaluateCondition(expression, result)).toBe(expected);
  });

  it('compiles once and evaluates many results', () => {
    const condition = compileCondition('result[0] <= 0.01', 'metric "errors" successCondition');
    expect([[0], [0.01], [0.02]].map((result) => condition(result))).toEqual([true, true, false]);
  });

  it('reads only own fields, never the prototype', () => {
    expect(evaluateCondition('result.constructor == nil', {})).toBe(true);
    expect(evaluateCondition('result.__proto__ == nil', {})).toBe(true);
  });
});

describe('condition syntax errors name where and the column', () => {
  const cases: readonly [expression: string, message: string][] = [
    ['result[0] >=', 'expected a value, found the end at column 13'],
    ['result >> 1', 'expected a value, found ">" at column 9'],
    ['result[0 > 1', 'expected "]", found the end at column 13'],
    ['(result > 1', 'expected ")", found the end at column 12'],
    ['results > 1', 'unknown name "results" (only "result" and functions are known) at column 1'],
    ['result > 1 2', 'unexpected "2" at column 12'],
    ['eval("1") == 1', 'unknown function "eval"'],
    ['len(result, 1) == 1', 'len() takes 1 argument, got 2 at column 1'],
    ['result == "open', 'string is not closed at column 11'],
    ['result == "a\\q"', 'unknown escape in string at column 13'],
    ['result # 1', 'unexpected character "#" at column 8'],
    ['result = 1', 'unexpected character "=" at column 8'],
    ['result > 1x', 'malformed number "1…" at column 10'],
    ['result.', 'expected a field name, found the end at column 8'],
    ['', 'expected a value, found the end at column 1'],
    ['constructor == nil', 'unknown name "constructor"'],
    ['toString() == nil', 'unknown function "toString"'],
    ['result constructor 1', 'unexpected "constructor" at column 8'],
    ['[1, 2', 'expected "]", found the end at column 6'],
  ];

  it.each(cases)('%j', (expression, message) => {
    const error = errorOf(() => compileCondition(expression, 'metric "m" successCondition'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('metric "m" successCondition: ');
    expect(error.message).toContain(message);
    expect(error.message).toContain(JSON.stringify(expression));
  });
});

describe('condition evaluation errors', () => {
  const cases: readonly [expression: string, result: unknown, message: string][] = [
    ['result[0] < 1', [], 'index 0 is out of range (the array has 0 elements) at column 7'],
    ['result[2] < 1', [1, 2], 'index 2 is out of range (the array has 2 elements)'],
    ['result[0.5] < 1', [1], 'an array index must be an integer'],
    ['result.rate < 1', null, 'cannot read field "rate" of nil at column 7'],
    ['result.rate < 1', [1], 'cannot read field "rate" of an array'],
    ['result < 1', 'low', 'cannot compare the string "low" with number 1 using "<" at column 8'],
    ['result < 1', null, 'cannot compare nil with number 1'],
    ['result && true', 1, '"&&" needs true or false, got number 1'],
    ['!result', 'x', '"!" needs true or false'],
    ['-result < 1', 'x', '"-" needs a number'],
    ['result * 2 > 1', '3', '"*" needs a number'],
    ['result[0]', [0.5], 'the condition must be true or false, got number 0.5 at column 1'],
    ['len(result) > 0', 5, 'len() needs an array, a string or an object'],
    ['asFloat(result) > 0', 'n/a', 'asFloat() cannot read a number from the string "n/a"'],
    ['asInt(result) > 0', '1.5', 'asInt() cannot read a number'],
    ['abs(result) > 0', true, '"abs" needs a number'],
    ['1 in result', 5, 'cannot look for number 1 in number 5'],
  ];

  it.each(cases)('%s with %j', (expression, result, message) => {
    const error = errorOf(() =>
      evaluateCondition(expression, result, 'metric "m" failureCondition'),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('metric "m" failureCondition: ');
    expect(error.message).toContain(message);
  });
});
