import { SlipwayError } from '../../errors/slipway-error.js';

const unitSeconds: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const wholeDuration = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const durationPart = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/**
 * Seconds from a number of seconds or a Go-style duration string (`"30s"`, `"5m"`, `"1h30m"`,
 * `"500ms"`, `"1.5h"`), or the problem (a message) when it is neither or negative.
 */
export function durationSeconds(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${String(value)} is not a duration`;
    if (value < 0) return `${value} is negative`;
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
    if (wholeDuration.test(text)) {
      let seconds = 0;
      for (const [, amount, unit] of text.matchAll(durationPart)) {
        seconds += Number(amount) * (unitSeconds[unit as string] ?? 0);
      }
      // Round away binary noise: "0.1h" is 360 seconds, not 360.00000000000006.
      return Math.round(seconds * 1000) / 1000;
    }
  }
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  return `${shown} is not a duration (seconds, or a string like "30s", "5m", "1h")`;
}

/**
 * A duration in seconds from a number (seconds) or a string such as `"30s"`, `"5m"`, `"1h"`
 * or `"1h30m"`. Anything else, or a negative number, is a SlipwayError naming `where`.
 */
export function parseDuration(value: unknown, where = 'duration'): number {
  const seconds = durationSeconds(value);
  if (typeof seconds === 'string') {
    throw new SlipwayError('CONFIG_INVALID', `${where}: ${seconds}`, { subject: where });
  }
  return seconds;
}
