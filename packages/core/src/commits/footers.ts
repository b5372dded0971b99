import type { Footer } from './types.js';
import { isBlank } from './message-lines.js';
import { isDigit, isLetter } from './char-classes.js';

const BREAKING_CHANGE = 'BREAKING CHANGE';
const BREAKING_CHANGE_HYPHEN = 'BREAKING-CHANGE';

/**
 * Where the token of a footer line ends (the separator's index), or -1 when the line does not
 * open a footer. A footer is `Token: value` or `Token #value` at the start of the line; the token
 * is one word (`-` stands for whitespace) except `BREAKING CHANGE`, which the spec requires in
 * upper case. `BREAKING CHANGE:` may also end the line, its text following on the next lines.
 */
export function footerTokenEnd(line: string): number {
  const n = line.length;
  if (n < 3 || !isLetter(line.charCodeAt(0))) return -1;
  let i: number;
  // The char test first keeps `startsWith` off the vast majority of lines.
  if (line.charCodeAt(0) === 66 && line.startsWith(BREAKING_CHANGE)) {
    i = BREAKING_CHANGE.length;
    if (line.charCodeAt(i) === 58 && i + 1 === n) return i;
  } else {
    i = 1;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (!isLetter(c) && !isDigit(c) && c !== 45) break;
      i++;
    }
  }
  const c = line.charCodeAt(i);
  const next = line.charCodeAt(i + 1);
  if (c === 58 && (next === 32 || next === 9)) return i;
  if (c === 32 && next === 35) return i;
  if (c === 58 && i + 1 === n && i === BREAKING_CHANGE_HYPHEN.length) {
    return line.startsWith(BREAKING_CHANGE_HYPHEN) ? i : -1;
  }
  return -1;
}

export function isBreakingToken(token: string): boolean {
  return token === BREAKING_CHANGE || token === BREAKING_CHANGE_HYPHEN;
}

/** `isBreakingToken(line.slice(0, end))` without the slice. */
function isBreakingAt(line: string, end: number): boolean {
  return (
    end === BREAKING_CHANGE.length &&
    (line.startsWith(BREAKING_CHANGE) || line.startsWith(BREAKING_CHANGE_HYPHEN))
  );
}

/**
 * The value part of a footer line whose token ends at `end`: after `:` for `Token: value`, and
 * from the `#` for `Token #value` (kept, so `Refs #12` still reads as a reference).
 */
function valueAfter(line: string, end: number): string {
  return line.slice(end + 1);
}

/** `tokenEnds[i]` is `footerTokenEnd(lines[i])`, computed once per line and shared. */
export function tokenEndsOf(lines: readonly string[], from: number, to: number): number[] {
  // Built by push so V8 keeps a packed small-integer array (no holes, no boxing).
  const ends: number[] = [];
  for (let i = 0; i < to; i++) ends.push(i < from ? -1 : footerTokenEnd(lines[i] ?? ''));
  return ends;
}

/**
 * First line of the footer block in `from`..`to`, or `to` when there is none. The block starts at
 * a footer line that opens a paragraph (or at any `BREAKING CHANGE` line when `inlineBreaking`);
 * a later paragraph that does not open with a footer ends the candidate block again (it was body
 * text that happened to look like `Note: …`) unless the block holds a BREAKING CHANGE, whose
 * explanation often runs over several paragraphs and must never fall back into the body.
 */
export function findFooterStart(
  lines: readonly string[],
  tokenEnds: readonly number[],
  from: number,
  to: number,
  inlineBreaking: boolean,
): number {
  let start = -1;
  let lastBreaking = false;
  let sawBreaking = false;
  let paragraphStart = from === 0 || isBlank(lines[from - 1] ?? '');
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      paragraphStart = true;
      continue;
    }
    const end = tokenEnds[i] ?? -1;
    if (end >= 0) {
      const breaking = isBreakingAt(line, end);
      if (start < 0 && (paragraphStart || (inlineBreaking && breaking))) start = i;
      if (start >= 0) {
        lastBreaking = breaking;
        sawBreaking ||= breaking;
      }
    } else if (paragraphStart && start >= 0 && !lastBreaking && !sawBreaking) {
      start = -1;
    }
    paragraphStart = false;
  }
  return start < 0 ? to : start;
}

/** The footers of lines `from`..`to`; each value runs until the next footer line. */
export function parseFooters(
  lines: readonly string[],
  tokenEnds: readonly number[],
  from: number,
  to: number,
): Footer[] {
  const footers: Footer[] = [];
  let token = '';
  let value = '';
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    const end = tokenEnds[i] ?? -1;
    if (end >= 0) {
      if (token !== '') footers.push({ token, value: value.trim() });
      token = line.slice(0, end);
      value = valueAfter(line, end);
    } else if (token !== '') {
      value += '\n' + line;
    }
  }
  if (token !== '') footers.push({ token, value: value.trim() });
  return footers;
}

/**
 * The values of the BREAKING CHANGE footers of lines `from`..`to`, as `parseFooters` would give
 * them (each runs until the next footer line, trimmed), without building the other footers: the
 * planner and the notes read no other footer.
 */
export function breakingFooterValues(
  lines: readonly string[],
  tokenEnds: readonly number[],
  from: number,
  to: number,
): string[] | null {
  let values: string[] | null = null;
  let inBreaking = false;
  let value = '';
  for (let i = from; i < to; i++) {
    const end = tokenEnds[i] ?? -1;
    const line = lines[i] ?? '';
    if (end >= 0) {
      if (inBreaking) (values ??= []).push(value.trim());
      inBreaking = isBreakingAt(line, end);
      value = inBreaking ? line.slice(end + 1) : '';
    } else if (inBreaking) {
      value += '\n' + line;
    }
  }
  if (inBreaking) (values ??= []).push(value.trim());
  return values;
}
