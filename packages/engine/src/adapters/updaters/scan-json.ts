import { versionFileError } from './version-file-error.js';

/** A value of a JSON document and its exact span (strings include their quotes). */
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
    while (pos < text.length && ' \t\r\n'.includes(text[pos] ?? '')) pos++;
  };
  const expect = (char: string): void => {
    skipSpace();
    if (text[pos] !== char) fail();
    pos++;
  };
  const string = (): string => {
    const start = pos++;
    while (text[pos] !== '"') {
      if (pos >= text.length || text[pos] === '\n') fail();
      pos += text[pos] === '\\' ? 2 : 1;
    }
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
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
      while (pos < text.length && /[-+.\w]/.test(text[pos] ?? '')) pos++;
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
