import type { TomlEntry } from './scan-toml.js';
import { splice, versionFileError } from './version-file-error.js';

/**
 * Writes `value` into a one-line TOML string, keeping its quote style. Multi-line strings and
 * non-strings are refused: a version is always a plain string.
 */
export function replaceTomlString(
  text: string,
  entry: TomlEntry,
  value: string,
  path: string,
  label: string,
): string {
  const raw = text.slice(entry.valueStart, entry.valueEnd);
  const quote = raw[0];
  const plain =
    (quote === '"' || quote === "'") &&
    raw.length >= 2 &&
    raw.endsWith(quote) &&
    !raw.startsWith(quote.repeat(3));
  if (!plain) {
    throw versionFileError(
      path,
      `${label} is ${raw.split(/\r?\n/)[0] ?? raw}, not a version string`,
    );
  }
  return splice(text, entry.valueStart + 1, entry.valueEnd - 1, value);
}

/** 1-based line of an offset, for messages. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
    line++;
    index = text.indexOf('\n', index + 1);
  }
  return line;
}
