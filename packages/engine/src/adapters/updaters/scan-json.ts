import { versionFileError } from './version-file-error.js';

/** A value of a JSON document and its exact span (strings include their quotes). */
const SCALAR = /[-+.\w]/;

export interface JsonValueSpan {
  readonly path: readonly string[];
  readonly kind: 'string' | 'other';
  readonly start: number;
  readonly end: number;
}

/**
 * Finds the spans of the values at `paths` without re-serializing the document, so an edit
 * keeps its indentation, key order, line endings and final newline. Object keys only; JSON
 * escapes in keys are decoded.
 */
export function scanJson(
  text: string,
  paths: readonly (readonly string[])[],
  file: string,
): JsonValueSpan[] {
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  const found: JsonValueSpan[] = [];
  const depth = Math.max(...paths.map((path) => path.length));
  const wanted = new Set(paths.map((path) => JSON.stringify(path)));

  const fail = (): never => {
    const line = text.slice(0, pos).split('\n').length;
    throw versionFileError(file, `not valid JSON at line ${line}`);
  };
  const skipSpace = (): void => {
    for (
      let code = text.charCodeAt(pos);
      code === 32 || code === 10 || code === 13 || code === 9;
    ) {
      code = text.charCodeAt(++pos);
    }
  };
  const expect = (char: string): void => {
    skipSpace();
    if (text[pos] !== char) fail();
    pos++;
  };
  // Jumps from quote to quote; only a string with escapes is decoded by JSON.parse.
  const string = (): string => {
    const start = pos;
    for (;;) {
      const close = text.indexOf('"', pos + 1);
      if (close === -1) fail();
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
      pos = close;
      if (backslashes % 2 === 0) break;
    }
    pos++;
    const raw = text.slice(start, pos);
    if (raw.includes('\n') || raw.includes('\r')) fail();
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  const value = (path: string[] | null): void => {
    skipSpace();
    const start = pos;
    const char = text[pos];
    if (char === '{' || char === '[') {
      pos++;
      skipSpace();
      const close = char === '{' ? '}' : ']';
      for (let index = 0; text[pos] !== close; index++) {
        if (index > 0) expect(',');
        skipSpace();
        let key = String(index);
        if (char === '{') {
          if (text[pos] !== '"') fail();
          key = string();
          expect(':');
        }
        // Below the deepest wanted path nothing is recorded, so no paths are built there.
        value(path !== null && path.length < depth ? [...path, key] : null);
        skipSpace();
      }
      pos++;
    } else if (char === '"') {
      string();
    } else {
      while (pos < text.length && SCALAR.test(text[pos] ?? '')) pos++;
      if (pos === start) fail();
    }
    if (path !== null && wanted.has(JSON.stringify(path))) {
      found.push({ path, kind: char === '"' ? 'string' : 'other', start, end: pos });
    }
  };

  value([]);
  skipSpace();
  if (pos !== text.length) fail();
  return found;
}
