import { describe, expect, it } from 'vitest';
import { SlipwayError, canonicalJson } from '@slipway/core';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const text = canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } });
    expect(text).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it('sorts by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 0, B: 0, é: 0, a: 0 })).toBe('{"B":0,"a":0,"b":0,"é":0}');
  });

  it('escapes strings as JSON does and round-trips through JSON.parse', () => {
    const value = { s: 'line\nbreak "quoted" \u2028', n: -1.5e-7, e: [] };
    const text = canonicalJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/\n/);
  });

  it.each([
    ['undefined', { a: undefined }],
    ['NaN', { a: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a Date', { when: new Date(0) }],
    ['a function', { f: () => 1 }],
  ])('refuses %s, naming where it is', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(SlipwayError);
    expect(() => canonicalJson(value)).toThrow(/^\$/);
  });
});
