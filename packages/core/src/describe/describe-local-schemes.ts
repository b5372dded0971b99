import { SlipwayError } from '../errors/slipway-error.js';
import type { ScmState } from './scm-state.js';
import { isExact } from './scm-state.js';

/** A setuptools-scm local scheme: the local version label (without `+`), or null for none. */
export type DescribeLocalScheme = (state: ScmState) => string | null;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYYMMDD` in UTC, as setuptools-scm formats its UTC "now". */
export function utcDate(time: Date): string {
  return `${pad(time.getUTCFullYear(), 4)}${pad(time.getUTCMonth() + 1)}${pad(time.getUTCDate())}`;
}

/** `YYYYMMDDHHMMSS` in UTC. */
export function utcTimestamp(time: Date): string {
  return `${utcDate(time)}${pad(time.getUTCHours())}${pad(time.getUTCMinutes())}${pad(time.getUTCSeconds())}`;
}

/**
 * The node, and for a dirty tree the build time: `g1a2b3c4`, `g1a2b3c4.d20240102`. An exact tag
 * has no node (a dirty one is not exact); only the time is left for a dirty tree without commits.
 */
function nodeAndTime(state: ScmState, time: string): string | null {
  if (isExact(state) || state.node === null) return state.dirty ? `d${time}` : null;
  return state.dirty ? `${state.node}.d${time}` : state.node;
}

export const describeLocalSchemes = Object.freeze({
  'node-and-date': (state: ScmState): string | null => nodeAndTime(state, utcDate(state.time)),
  'node-and-timestamp': (state: ScmState): string | null =>
    nodeAndTime(state, utcTimestamp(state.time)),
  'dirty-tag': (state: ScmState): string | null => (state.dirty ? 'dirty' : null),
  'no-local-version': (): string | null => null,
} satisfies Record<string, DescribeLocalScheme>);

export type DescribeLocalSchemeName = keyof typeof describeLocalSchemes;

export const describeLocalSchemeNames = Object.keys(
  describeLocalSchemes,
) as readonly DescribeLocalSchemeName[];

/** Throws SlipwayError('USAGE') naming the value and listing the valid names. */
export function getDescribeLocalScheme(name: string): DescribeLocalScheme {
  if (!Object.hasOwn(describeLocalSchemes, name)) {
    throw new SlipwayError(
      'USAGE',
      `unknown local scheme "${name}" (valid: ${describeLocalSchemeNames.join(', ')})`,
      { subject: name },
    );
  }
  return describeLocalSchemes[name as DescribeLocalSchemeName];
}
