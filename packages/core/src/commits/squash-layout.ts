import { findFooterStart, footerTokenEnd } from './footers.js';
import { indentOf, isBlank } from './message-lines.js';
import { parseHeader } from './parse-header.js';

/** One top-level `* …` / `- …` bullet of a squash-merge body. */
export interface BulletSegment {
  /** The bullet's first line without its marker, joined with indented wrapped lines. */
  readonly title: string;
  /** The lines under the bullet (its commit's body), with their common indentation removed. */
  readonly lines: readonly string[];
}

/** A body split into what belongs to the header change and what belongs to each bullet. */
export interface SquashLayout {
  /** Lines `from`..`preambleEnd` come before the first bullet. */
  readonly preambleEnd: number;
  readonly bullets: readonly BulletSegment[];
  /** Lines `tailStart`..`to` come after the bullets and belong to the commit as a whole. */
  readonly tailStart: number;
}

function isBulletAt(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  return (c === 42 || c === 45) && line.charCodeAt(at + 1) === 32;
}

/** GitHub's `---------` line between the squashed messages and the commit's trailers. */
function isSeparator(line: string): boolean {
  const text = line.trimEnd();
  if (text.length < 3) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 45) return false;
  return true;
}

/** A squash body lists at least one conventional commit as a top-level bullet. */
export function hasConventionalBullet(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (isBulletAt(line, 0) && parseHeader(line.slice(2).trim()) !== null) return true;
  }
  return false;
}

/**
 * Splits a squash body. The tail (commit-level footers such as GitHub's trailers) starts at a
 * `---` separator after the last bullet, or else at a footer block that opens a paragraph after
 * the last bullet (found with the shared footer rules; `tokenEnds` as from `tokenEndsOf`).
 */
export function squashLayout(
  lines: readonly string[],
  from: number,
  to: number,
  tokenEnds: readonly number[],
): SquashLayout {
  const starts: number[] = [];
  for (let i = from; i < to; i++) if (isBulletAt(lines[i] ?? '', 0)) starts.push(i);
  const first = starts[0] ?? to;
  const last = starts[starts.length - 1] ?? to;
  let tailStart = to;
  for (let i = last + 1; i < to; i++) {
    if (isSeparator(lines[i] ?? '')) {
      tailStart = i;
      break;
    }
  }
  if (tailStart === to) tailStart = findFooterStart(lines, tokenEnds, last + 1, to, false);
  // Plain loops, no closures: this runs for every squash commit of a long history.
  const bullets: BulletSegment[] = [];
  for (let k = 0; k < starts.length; k++) {
    bullets.push(bulletAt(lines, starts[k] ?? to, starts[k + 1] ?? tailStart));
  }
  return { preambleEnd: first, bullets, tailStart };
}

function bulletAt(lines: readonly string[], start: number, end: number): BulletSegment {
  let title = (lines[start] ?? '').slice(2).trim();
  let i = start + 1;
  // Indented lines straight after the bullet are its title wrapped by a tool or an editor,
  // unless they are a nested bullet or a footer, which belong to the body.
  for (; i < end; i++) {
    const line = lines[i] ?? '';
    const indent = indentOf(line);
    if (indent === 0 || indent === line.length || isBulletAt(line, indent)) break;
    if (footerTokenEnd(line.slice(indent)) >= 0) break;
    title += ' ' + line.trim();
  }
  let common = Number.MAX_SAFE_INTEGER;
  for (let k = i; k < end; k++) {
    const line = lines[k] ?? '';
    if (!isBlank(line)) common = Math.min(common, indentOf(line));
  }
  const body: string[] = [];
  for (let k = i; k < end; k++) {
    const line = lines[k] ?? '';
    body.push(common > 0 && !isBlank(line) ? line.slice(common) : line);
  }
  return { title, lines: body };
}
