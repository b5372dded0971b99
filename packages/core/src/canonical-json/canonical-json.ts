import { SlipwayError } from '../errors/slipway-error.js';

/** A value that JSON can carry without loss. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * One byte-exact text per value: keys sorted by UTF-16 code units, no whitespace. Hashes are
 * computed over this text, so two writers that agree on the value agree on the hash. Values
 * JSON cannot carry (undefined, NaN, functions) are refused instead of silently dropped, since a
 * dropped field would change what the hash covers.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, String(value));
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value, path);
    default:
      throw refuse(path, typeof value);
  }
}

function writeArray(values: readonly unknown[], path: string): string {
  return `[${values.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
}

function writeObject(value: object, path: string): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw refuse(
      path,
      (value as { constructor?: { name?: string } }).constructor?.name ?? 'object',
    );
  }
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = entries.map(
    ([key, item]) => `${JSON.stringify(key)}:${write(item, `${path}.${key}`)}`,
  );
  return `{${parts.join(',')}}`;
}

function refuse(path: string, what: string): SlipwayError {
  return new SlipwayError('USAGE', `${path} is not a JSON value (${what})`, { subject: path });
}
