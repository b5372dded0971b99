import { describe, expect, it } from 'vitest';
import { parseDuration } from '@slipway/core';

describe('parseDuration', () => {
  const valid: readonly [input: number | string, seconds: number][] = [
    [0, 0],
    [30, 30],
    [2.5, 2.5],
    ['45', 45],
    ['30s', 30],
    ['5m', 300],
    ['1h', 3600],
    ['1h30m', 5400],
    ['2m30s', 150],
    ['1.5h', 5400],
    ['0.1h', 360],
    ['500ms', 0.5],
    [' 10s ', 10],
    ['0s', 0],
  ];
  it.each(valid)('%j is %d seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  const invalid: readonly [input: unknown, message: string][] = [
    [-1, 'pause.seconds: -1 is negative'],
    [Infinity, 'pause.seconds: Infinity is not a duration'],
    [NaN, 'pause.seconds: NaN is not a duration'],
    ['', 'pause.seconds: "" is not a duration (seconds, or a string like "30s", "5m", "1h")'],
    ['5 minutes', 'pause.seconds: "5 minutes" is not a duration'],
    ['5d', 'pause.seconds: "5d" is not a duration'],
    ['-5s', 'pause.seconds: "-5s" is not a duration'],
    ['m5', 'pause.seconds: "m5" is not a duration'],
    ['1h 30m', 'pause.seconds: "1h 30m" is not a duration'],
    [true, 'pause.seconds: boolean is not a duration'],
    [null, 'pause.seconds: object is not a duration'],
  ];
  it.each(invalid)('rejects %j', (input, message) => {
    expect(() => parseDuration(input, 'pause.seconds')).toThrow(message);
  });
});
