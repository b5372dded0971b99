import { isDigit, isLetter } from './char-classes.js';

/** The parts of `type(scope)!: description`. */
export interface HeaderParts {
  readonly type: string;
  readonly scope: string | null;
  readonly breaking: boolean;
  readonly description: string;
}

/**
 * Parses a Conventional Commits header, or returns null. A hand-written scanner rather than a
 * regular expression: it runs on every commit (and every squash bullet) and cannot backtrack.
 * No character is read past the end: in optimized code such a read (which gives NaN) throws the
 * function back to the interpreter, and the recompilation costs more than the whole scan.
 */
export function parseHeader(line: string): HeaderParts | null {
  const n = line.length;
  if (n === 0 || !isLetter(line.charCodeAt(0))) return null;
  let i = 1;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== 45 && c !== 95) break;
    i++;
  }
  const type = internWord(line.slice(0, i).toLowerCase());
  let scope: string | null = null;
  if (i < n && line.charCodeAt(i) === 40) {
    const close = line.indexOf(')', i + 1);
    if (close < 0) return null;
    const raw = line.slice(i + 1, close);
    // `feat(a(b)):` is not a scope we can read unambiguously; `feat():` has no scope at all.
    if (raw.includes('(')) return null;
    scope = internWord(raw.trim());
    if (scope === '') return null;
    i = close + 1;
  }
  let breaking = false;
  if (i < n && line.charCodeAt(i) === 33) {
    breaking = true;
    i++;
  }
  // The spec requires the colon AND a space: `feat:add` is not a Conventional Commit.
  if (i + 1 >= n || line.charCodeAt(i) !== 58 || line.charCodeAt(i + 1) !== 32) return null;
  const description = line.slice(i + 2).trim();
  if (description === '') return null;
  return { type, scope, breaking, description };
}

/** A description with its trailing `(#123)` pull-request references taken off. */
export interface StrippedDescription {
  readonly description: string;
  /** In the order they were written. */
  readonly numbers: readonly number[];
}

const NO_NUMBERS: readonly number[] = Object.freeze([]);

/** Takes GitHub's squash suffixes (`… (#12)`, also cherry-picked `… (#12) (#15)`) off the end. */
export function stripTrailingPullRequests(description: string): StrippedDescription {
  if (description.charCodeAt(description.length - 1) !== 41) {
    return { description, numbers: NO_NUMBERS };
  }
  let text = description;
  const numbers: number[] = [];
  for (;;) {
    const end = text.length - 1;
    if (text.charCodeAt(end) !== 41) break;
    const open = text.lastIndexOf('(#', end);
    if (open < 0 || end - open < 3) break;
    let number = 0;
    let k = open + 2;
    for (; k < end; k++) {
      const c = text.charCodeAt(k);
      if (!isDigit(c)) break;
      number = number * 10 + (c - 48);
    }
    if (k < end || (open > 0 && text.charCodeAt(open - 1) !== 32)) break;
    const rest = text.slice(0, open).trimEnd();
    // A description that is only `(#12)` keeps it: an empty description would be worse.
    if (rest === '') break;
    numbers.push(number);
    text = rest;
  }
  if (numbers.length === 0) return { description, numbers: NO_NUMBERS };
  // Collected right to left; reported in the order they were written.
  if (numbers.length > 1) numbers.reverse();
  return { description: text, numbers };
}

// Types and scopes come from a small vocabulary; keeping one string each spares the memory
// (and the garbage collector's work) of a copy per commit across long histories.
const words = new Map<string, string>();

function internWord(word: string): string {
  const known = words.get(word);
  if (known !== undefined) return known;
  if (words.size < 5_000) words.set(word, word);
  return word;
}
