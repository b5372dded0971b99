import { versionFileError } from './version-file-error.js';

/** One `key = value` of a TOML document, outside inline tables and arrays. */
export interface TomlEntry {
  /** The header path of the table holding the entry; [] for the root table. */
  readonly table: readonly string[];
  /** Which header the entry sits under (0: root), so one `[[array]]` element's entries group. */
  readonly section: number;
  readonly arrayTable: boolean;
  readonly key: readonly string[];
  /** The value's exact span in the text: edits replace only this. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const SCALAR_END = new Set([',', ']', '}', '#', '\n', '\r']);

/**
 * A TOML scanner that records where values are, instead of parsing them: updaters edit one
 * value's span and leave every other byte (comments, quoting, spacing, line endings) alone.
 * It skips strings, arrays and inline tables whole, so a `[` or `version =` inside a
 * multi-line string or array is never taken for a header or a key.
 */
export function scanToml(text: string, path: string): TomlEntry[] {
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  let table: readonly string[] = [];
  let section = 0;
  let arrayTable = false;
  const entries: TomlEntry[] = [];

  const fail = (what: string): never => {
    const line = text.slice(0, pos).split('\n').length;
    throw versionFileError(path, `not valid TOML at line ${line}: ${what}`);
  };
  const skipSpaces = (): void => {
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
  };
  // Whitespace, line breaks and comments: between statements and inside arrays.
  const skipTrivia = (): void => {
    for (;;) {
      const char = text[pos];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') pos++;
      else if (char === '#') while (pos < text.length && text[pos] !== '\n') pos++;
      else return;
    }
  };
  const expect = (char: string): void => {
    if (text[pos] !== char) fail(`expected "${char}"`);
    pos++;
  };
  const closeQuote = (quote: string, multiline: boolean): void => {
    const delimiter = multiline ? quote.repeat(3) : quote;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      if (quote === '"' && text[pos] === '\\') pos += 2;
      else if (text.startsWith(delimiter, pos)) break;
      else if (!multiline && text[pos] === '\n') fail('line break in a string');
      else pos++;
    }
    pos += delimiter.length;
    // TOML lets up to two quotes sit right before a multi-line string's closing delimiter.
    for (let extra = 0; multiline && extra < 2 && text[pos] === quote; extra++) pos++;
  };
  const skipString = (): void => {
    const quote = text[pos] ?? '';
    const multiline = text.startsWith(quote.repeat(3), pos);
    pos += multiline ? 3 : 1;
    closeQuote(quote, multiline);
  };
  const parseKey = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      const start = pos;
      const char = text[pos] ?? '';
      if (char === '"' || char === "'") {
        skipString();
        const raw = text.slice(start + 1, pos - 1);
        parts.push(char === "'" ? raw : unescapeBasic(raw));
      } else {
        while (pos < text.length && BARE_KEY.test(text[pos] ?? '')) pos++;
        if (pos === start) fail('expected a key');
        parts.push(text.slice(start, pos));
      }
      skipSpaces();
      if (text[pos] !== '.') return parts;
      pos++;
    }
  };
  const skipValue = (): void => {
    const char = text[pos];
    if (char === '"' || char === "'") return skipString();
    if (char === '[') {
      pos++;
      for (skipTrivia(); text[pos] !== ']'; skipTrivia()) {
        if (pos >= text.length) fail('unterminated array');
        skipValue();
        skipTrivia();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== ']') fail('expected "," or "]" in an array');
      }
      pos++;
      return;
    }
    if (char === '{') {
      pos++;
      for (skipTrivia(); text[pos] !== '}'; skipTrivia()) {
        if (pos >= text.length) fail('unterminated inline table');
        parseKey();
        expect('=');
        skipSpaces();
        skipValue();
        skipTrivia();
        if (text[pos] === ',') pos++;
      }
      pos++;
      return;
    }
    const start = pos;
    while (pos < text.length && !SCALAR_END.has(text[pos] ?? '')) pos++;
    // A date-time may hold a space; trailing blanks before a comment are not the value.
    while (pos > start && /[ \t]/.test(text[pos - 1] ?? '')) pos--;
    if (pos === start) fail('expected a value');
  };

  for (skipTrivia(); pos < text.length; skipTrivia()) {
    if (text[pos] === '[') {
      arrayTable = text[pos + 1] === '[';
      pos += arrayTable ? 2 : 1;
      table = parseKey();
      expect(']');
      if (arrayTable) expect(']');
      section++;
    } else {
      const key = parseKey();
      expect('=');
      skipSpaces();
      const valueStart = pos;
      skipValue();
      entries.push({ table, section, arrayTable, key, valueStart, valueEnd: pos });
    }
    skipSpaces();
    if (text[pos] === '#') while (pos < text.length && text[pos] !== '\n') pos++;
    if (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r')
      fail('expected a line break');
  }
  return entries;
}

/** Table path plus key, so `[project] version` and a root `project.version` both match. */
export function isKey(entry: TomlEntry, path: readonly string[]): boolean {
  const full = [...entry.table, ...entry.key];
  return full.length === path.length && full.every((part, index) => part === path[index]);
}

function unescapeBasic(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
