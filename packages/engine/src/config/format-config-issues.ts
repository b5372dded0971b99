import type * as z from 'zod';
import { suggestKey } from './suggest-key.js';

/** Where a configuration lives: `pyproject.toml` under `[tool.slipway]`, or `slipway.toml`. */
export interface ConfigLocation {
  /** File name as shown to the user. */
  readonly file: string;
  /** TOML table that holds the configuration: `['tool', 'slipway']`, or `[]` at the top level. */
  readonly table: readonly string[];
}

type PathKey = PropertyKey;

/**
 * Turns zod issues into messages in the user's terms: the file, the TOML table and key,
 * what was expected and the value found. For example
 * `pyproject.toml: [tool.slipway.bump] feat: expected one of "major", "minor", got "huge"`.
 */
export function formatConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  location: ConfigLocation,
  knownKeysAt: (path: readonly PathKey[]) => readonly string[],
): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, known);
        const hint = suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
        return `${where(location, raw, [...issue.path, key])}unknown key${hint}`;
      });
    }
    const value = valueAt(raw, issue.path);
    return [`${where(location, raw, issue.path)}${describeProblem(issue, value)}`];
  });
}

/** A message for one key, with a custom problem (cross-field checks done after parsing). */
export function formatConfigProblem(
  location: ConfigLocation,
  raw: unknown,
  path: readonly PathKey[],
  problem: string,
): string {
  return `${where(location, raw, path)}${problem}, got ${describeValue(valueAt(raw, path))}`;
}

function describeProblem(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? `missing, expected ${typeWord(issue.expected)}`
        : `expected ${typeWord(issue.expected)}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((option) => JSON.stringify(option)).join(', ')}, got ${describeValue(value)}`;
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? issue.message;
      return `key ${inner}`;
    }
    default:
      // A rule about a whole table (`type` or `types`) reads better without "got a table".
      return isTable(value) ? issue.message : `${issue.message}, got ${describeValue(value)}`;
  }
}

function where(location: ConfigLocation, raw: unknown, path: readonly PathKey[]): string {
  // The table header runs through every path segment that names a table, the rest is the key.
  const header = [...location.table];
  let node = raw;
  let index = 0;
  for (; index < path.length - 1; index += 1) {
    const segment = path[index];
    if (typeof segment !== 'string' || !isTable(node)) break;
    const next = node[segment];
    if (!isTable(next)) break;
    header.push(segment);
    node = next;
  }
  if (path.length === 0 && header.length === 0) return `${location.file}: `;
  const key = path
    .slice(index)
    .map((segment, position) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${position === 0 ? '' : '.'}${quoteKey(String(segment))}`,
    )
    .join('');
  const table = header.length === 0 ? '' : `[${header.map(quoteKey).join('.')}]`;
  const separator = table !== '' && key !== '' ? ' ' : '';
  return `${location.file}: ${table}${separator}${key}: `;
}

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function valueAt(raw: unknown, path: readonly PathKey[]): unknown {
  let node = raw;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isTable(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return node;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

function typeWord(expected: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    boolean: 'true or false',
    number: 'a number',
    array: 'an array',
    object: 'a table',
    record: 'a table',
  };
  return words[expected] ?? expected;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Date) return `a date (${value.toISOString()})`;
  if (Array.isArray(value)) return 'an array';
  if (isTable(value)) return 'a table';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
