import type { Change } from './types.js';
import type { ChangeDraft } from './change-draft.js';
import type { HeaderParts } from './parse-header.js';
import type { ReferenceScanning } from './reference-scanner.js';
import type { TrailerCollector } from './commit-trailers.js';
import {
  absorb,
  addBreakingNotes,
  addFooters,
  draftFromHeader,
  finishChange,
  sameChange,
} from './change-draft.js';
import { breakingFooterValues, findFooterStart, parseFooters, tokenEndsOf } from './footers.js';
import { isBlank } from './message-lines.js';
import { parseHeader } from './parse-header.js';
import { squashLayout } from './squash-layout.js';

/** The lines a change is built from, with their footer tokens, and the per-parser helpers. */
export interface BodyContext {
  /** `lines` joined with `\n`: ranges of it are cut out instead of joining lines again. */
  readonly text: string;
  readonly lines: readonly string[];
  readonly tokenEnds: readonly number[];
  readonly scanner: ReferenceScanning;
  readonly trailers: TrailerCollector;
  /** What is read besides the planner's facts (see CommitPart). */
  readonly part: CommitPart;
}

/**
 * How much of a commit a parser reads: `all` (the public ParsedCommit), `notes` (references,
 * BREAKING CHANGE notes, authors and co-authors: no body text, no other footer or trailer) or
 * `plan` (the planner's facts only: no references, no people either).
 */
export type CommitPart = 'all' | 'notes' | 'plan';

/** References in the header's own text (not its trailing `(#12)`, already taken off). */
export function scanHeader(draft: ChangeDraft, scanner: ReferenceScanning): void {
  scanner.scan(draft.description, draft);
  if (draft.scope !== null) scanner.scan(draft.scope, draft);
}

/** The text of lines `from`..`to` (exclusive), cut out of `ctx.text`. */
function rangeText(ctx: BodyContext, from: number, to: number): string {
  if (from >= to) return '';
  let start = 0;
  let end = 0;
  for (let i = 0; i < to; i++) {
    if (i === from) start = end;
    end += (ctx.lines[i] ?? '').length + 1;
  }
  return ctx.text.slice(start, end - 1);
}

function draftWithHeaderRefs(parts: HeaderParts, scanner: ReferenceScanning): ChangeDraft {
  const draft = draftFromHeader(parts);
  scanHeader(draft, scanner);
  return draft;
}

/**
 * GitHub repeats a single-commit PR's message as its bullet, and squashed branches often hold
 * the same `fix: typo` twice: one change each, carrying everything the copies said.
 */
function keepChange(kept: ChangeDraft[], draft: ChangeDraft): void {
  for (const earlier of kept) {
    if (sameChange(earlier, draft)) {
      absorb(earlier, draft);
      return;
    }
  }
  kept.push(draft);
}

function scanLines(ctx: BodyContext, from: number, to: number, draft: ChangeDraft): void {
  if (from < to && ctx.part !== 'plan') ctx.scanner.scan(rangeText(ctx, from, to), draft);
}

/** The footers of lines `from`..`to` into `draft`: all of them, or only what they make breaking. */
function footersInto(draft: ChangeDraft, ctx: BodyContext, from: number, to: number): void {
  if (ctx.part === 'all') addFooters(draft, parseFooters(ctx.lines, ctx.tokenEnds, from, to));
  else addBreakingNotes(draft, breakingFooterValues(ctx.lines, ctx.tokenEnds, from, to));
}

/** Body, footers and references of lines `from`..`to`; `withBody: false` keeps only the facts. */
function fill(
  draft: ChangeDraft,
  ctx: BodyContext,
  from: number,
  to: number,
  withBody = true,
): void {
  const footerStart = findFooterStart(ctx.lines, ctx.tokenEnds, from, to, true);
  if (withBody && ctx.part === 'all') {
    const body = rangeText(ctx, from, footerStart).trim() || null;
    if (body !== null) draft.body = draft.body === null ? body : `${draft.body}\n\n${body}`;
  }
  footersInto(draft, ctx, footerStart, to);
  scanLines(ctx, from, to, draft);
}

/** An ordinary commit: one change with the whole body. */
export function buildSingle(
  draft: ChangeDraft,
  ctx: BodyContext,
  from: number,
  to: number,
): Change[] {
  fill(draft, ctx, from, to);
  return [finishChange(draft)];
}

/**
 * A squash merge whose body lists the squashed commits as bullets: one change per conventional
 * bullet (its own refs, footers and BREAKING CHANGE), after the header's change, which keeps
 * the text before the bullets, the commit-level tail and whatever non-conventional bullets said.
 */
export function buildSquash(
  header: ChangeDraft,
  ctx: BodyContext,
  from: number,
  to: number,
): Change[] {
  const { lines, tokenEnds } = ctx;
  const layout = squashLayout(lines, from, to, tokenEnds);
  fill(header, ctx, from, layout.preambleEnd);

  const seen = [header];
  for (const bullet of layout.bullets) {
    const parts = parseHeader(bullet.title);
    // GitHub bullets usually stand alone (the blank line is their only "body"): skip the body steps.
    if (bullet.lines.every(isBlank)) {
      if (parts === null) ctx.scanner.scan(bullet.title, header);
      else keepChange(seen, draftWithHeaderRefs(parts, ctx.scanner));
      continue;
    }
    const ends = tokenEndsOf(bullet.lines, 0, bullet.lines.length);
    ctx.trailers.addLines(bullet.lines, ends, 0, bullet.lines.length);
    const sub: BodyContext = {
      text: bullet.lines.join('\n'),
      lines: bullet.lines,
      tokenEnds: ends,
      scanner: ctx.scanner,
      trailers: ctx.trailers,
      part: ctx.part,
    };
    if (parts === null) {
      // A `* wip` commit is no change of its own, but what it closes or breaks still counts.
      ctx.scanner.scan(bullet.title, header);
      fill(header, sub, 0, bullet.lines.length, false);
      continue;
    }
    const draft = draftWithHeaderRefs(parts, ctx.scanner);
    fill(draft, sub, 0, bullet.lines.length);
    keepChange(seen, draft);
  }
  // After the bullets, so the header change's footers stay in message order.
  footersInto(header, ctx, layout.tailStart, to);
  scanLines(ctx, layout.tailStart, to, header);
  const changes: Change[] = [];
  for (const draft of seen) changes.push(finishChange(draft));
  return changes;
}
