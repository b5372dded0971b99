import { SlipwayError } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import { compileJsonPath, selectJsonPath } from '../../../src/adapters/metrics/json-path.js';

const doc = {
  a: { b: [10, 20, { c: 'x' }], 'd.e': 5, n: null },
  list: [{ v: 1 }, { w: 2 }, { v: 3 }],
};

describe('compileJsonPath and selectJsonPath', () => {
  it.each<[string, unknown[]]>([
    ['$', [doc]],
    ['$.a.b[0]', [10]],
    ['$.a.b[2].c', ['x']],
    ['$.a.b[-1].c', ['x']],
    ['$.a.b[3]', []],
    ["$.a['d.e']", [5]],
    ['$.a["d.e"]', [5]],
    ['$.a.n', [null]],
    ['$.list[*].v', [1, 3]],
    ['$.list.*.v', [1, 3]],
    ['$.a.*', [doc.a.b, 5, null]],
    ['$.a.b.c', []],
    [' { $.a.b[1] } ', [20]],
  ])('%s', (path, expected) => {
    expect(selectJsonPath(compileJsonPath(path), doc)).toEqual(expected);
  });

  it('tells a list path from a single-value path', () => {
    expect(compileJsonPath('$.list[*].v').multiple).toBe(true);
    expect(compileJsonPath('$.list[0].v').multiple).toBe(false);
  });

  it.each([
    ['a.b', 0, 'a path starts with $'],
    ['$..v', 1, 'recursive descent'],
    ['$.list[?(@.v > 1)]', 6, 'unexpected "[?(@.v > 1"'],
    ['$.a.b[0:2]', 5, 'unexpected "[0:2]"'],
    ['$.', 1, 'unexpected "."'],
  ])('refuses %s at position %d', (path, position, why) => {
    const compile = (): unknown => compileJsonPath(path);
    expect(compile).toThrow(SlipwayError);
    expect(compile).toThrow(`is not supported at position ${position}: ${why}`);
  });
});
