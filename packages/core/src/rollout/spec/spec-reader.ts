import { durationSeconds } from './parse-duration.js';
import { suggestName } from './suggest-name.js';

/** A contract type under construction: its fields set one by one as they are read. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type SpecPath = readonly (string | number)[];

/** `rollout.strategy.steps[2].setWeight`; keys that are not identifiers are quoted. */
export function formatPath(path: SpecPath): string {
  return path
    .map((segment, position) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) ? segment : JSON.stringify(segment);
      return position === 0 ? key : `.${key}`;
    })
    .join('');
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export type Table = Readonly<Record<string, unknown>>;

export function isTable(value: unknown): value is Table {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/**
 * Reads parsed JSON or TOML while collecting every problem, each as `path: problem`, so one
 * run reports all of a spec's mistakes. Readers return undefined for a value they rejected.
 */
export class SpecReader {
  readonly problems: string[] = [];

  report(path: SpecPath, problem: string): void {
    this.problems.push(`${formatPath(path)}: ${problem}`);
  }

  /** A table whose keys are all among `known`; unknown keys are reported with a suggestion. */
  table(value: unknown, path: SpecPath, known: readonly string[]): Table | undefined {
    if (!isTable(value)) {
      this.report(path, `expected a table, got ${describeValue(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const suggestion = suggestName(key, known);
      const hint =
        suggestion === null ? ` (known: ${known.join(', ')})` : ` (did you mean "${suggestion}"?)`;
      this.report([...path, key], `unknown key${hint}`);
    }
    return value;
  }

  string(value: unknown, path: SpecPath): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.report(
      path,
      value === undefined
        ? 'missing, expected a string'
        : `expected a non-empty string, got ${describeValue(value)}`,
    );
    return undefined;
  }

  optionalString(value: unknown, path: SpecPath): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  oneOf<T extends string>(value: unknown, path: SpecPath, options: readonly T[]): T | undefined {
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) {
      return value as T;
    }
    const expected = options.map((option) => JSON.stringify(option)).join(', ');
    this.report(path, `expected one of ${expected}, got ${describeValue(value)}`);
    return undefined;
  }

  /** An integer in [min, max]; `what` names the range in the message (`a weight 0–100`). */
  integer(
    value: unknown,
    path: SpecPath,
    min: number,
    max: number,
    what: string,
  ): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    this.report(path, `${describeValue(value)} is not ${what}`);
    return undefined;
  }

  optionalInteger(value: unknown, path: SpecPath, min: number, what: string): number | undefined {
    if (value === undefined) return undefined;
    return this.integer(value, path, min, Number.MAX_SAFE_INTEGER, what);
  }

  /** A number in the open or closed range the check accepts. */
  optionalNumber(
    value: unknown,
    path: SpecPath,
    accepts: (number: number) => boolean,
    what: string,
  ): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value) && accepts(value)) return value;
    this.report(path, `${describeValue(value)} is not ${what}`);
    return undefined;
  }

  /** Seconds from a number or a string like `"90s"`, `"5m"`, `"1h30m"`; at least `min`. */
  optionalDuration(value: unknown, path: SpecPath, min = 0): number | undefined {
    if (value === undefined) return undefined;
    const seconds = durationSeconds(value);
    if (typeof seconds === 'string') {
      this.report(path, seconds);
      return undefined;
    }
    if (seconds < min) {
      const bound = min === 0 ? 'negative' : `below ${min} seconds`;
      this.report(path, `${describeValue(value)} is ${bound}`);
      return undefined;
    }
    return seconds;
  }

  /** A non-empty array of non-empty strings (an argv, a list of template names). */
  stringList(value: unknown, path: SpecPath): string[] | undefined {
    if (!Array.isArray(value) || value.length === 0) {
      this.report(path, `expected a non-empty array of strings, got ${describeValue(value)}`);
      return undefined;
    }
    const strings = value.map((item: unknown, index) => this.string(item, [...path, index]));
    return strings.every((item) => item !== undefined) ? (strings as string[]) : undefined;
  }

  /** A table of string values (`args`, `headers`); keys must match `keyPattern` when given. */
  stringRecord(
    value: unknown,
    path: SpecPath,
    keyPattern?: { readonly pattern: RegExp; readonly what: string },
  ): Record<string, string> | undefined {
    if (value === undefined) return undefined;
    if (!isTable(value)) {
      this.report(path, `expected a table of strings, got ${describeValue(value)}`);
      return undefined;
    }
    const record: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (keyPattern !== undefined && !keyPattern.pattern.test(key)) {
        this.report([...path, key], `is not ${keyPattern.what}`);
      } else if (typeof item !== 'string') {
        const hint =
          typeof item === 'number' || typeof item === 'boolean'
            ? ` (quote it: "${String(item)}")`
            : '';
        this.report([...path, key], `expected a string, got ${describeValue(item)}${hint}`);
      } else {
        record[key] = item;
      }
    }
    return record;
  }

  /** Each item of an array through `read`; a non-array is reported. */
  list<T>(
    value: unknown,
    path: SpecPath,
    read: (item: unknown, path: SpecPath) => T | undefined,
  ): T[] | undefined {
    if (!Array.isArray(value)) {
      this.report(path, `expected an array, got ${describeValue(value)}`);
      return undefined;
    }
    const items: T[] = [];
    value.forEach((item: unknown, index) => {
      const readItem = read(item, [...path, index]);
      if (readItem !== undefined) items.push(readItem);
    });
    return items;
  }
}
