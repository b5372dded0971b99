import type { Change } from './types.js';
import type { ChangeDraft } from './change-draft.js';
import type { ReferenceScanner } from './reference-scanner.js';
import type { TrailerCollector } from './commit-trailers.js';
import { absorb, addFooters, changeKey, draftFromHeader, finishChange } from './change-draft.js';
import { findFooterStart, parseFooters, tokenEndsOf } from './footers.js';
import { joinTrimmed } from './message-lines.js';
import { parseHeader } from './parse-header.js';
import { squashLayout } from './squash-layout.js';

/** The lines a change is built from, with their footer tokens, and the per-parser helpers. */
export interface BodyContext {
  readonly lines: readonly string[];
  readonly tokenEnds: readonly number[];
  readonly scanner: ReferenceScanner;
  readonly trailers: TrailerCollector;
}

/** References in the header's own text (not its trailing `(#12)`, already taken off). */
export function scanHeader(draft: ChangeDraft, scanner: ReferenceScanner): void {
  scanner.scan(draft.description, draft);
  if (draft.scope !== null) scanner.scan(draft.scope, draft);
}

function scanLines(ctx: BodyContext, from: number, to: number, draft: ChangeDraft): void {
  if (from >= to) return;
  const text = from + 1 === to ? (ctx.lines[from] ?? '') : ctx.lines.slice(from, to).join('\n');
  ctx.scanner.scan(text, draft);
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
  if (withBody) {
    const body = joinTrimmed(ctx.lines, from, footerStart);
    if (body !== null) draft.body = draft.body === null ? body : `${draft.body}\n\n${body}`;
  }
  addFooters(draft, parseFooters(ctx.lines, ctx.tokenEnds, footerStart, to));
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
  const layout = squashLayout(lines, from, to, (start) =>
    findFooterStart(lines, tokenEnds, start, to, false),
  );
  fill(header, ctx, from, layout.preambleEnd);

  const bullets: ChangeDraft[] = [];
  const seen = new Map<string, ChangeDraft>([[changeKey(header), header]]);
  for (const bullet of layout.bullets) {
    const ends = tokenEndsOf(bullet.lines, 0, bullet.lines.length);
    ctx.trailers.addLines(bullet.lines, ends, 0, bullet.lines.length);
    const sub: BodyContext = { ...ctx, lines: bullet.lines, tokenEnds: ends };
    const parts = parseHeader(bullet.title);
    if (parts === null) {
      // A `* wip` commit is no change of its own, but what it closes or breaks still counts.
      ctx.scanner.scan(bullet.title, header);
      fill(header, sub, 0, bullet.lines.length, false);
      continue;
    }
    const draft = draftFromHeader(parts);
    scanHeader(draft, ctx.scanner);
    fill(draft, sub, 0, bullet.lines.length);
    // GitHub repeats a single-commit PR's message as its bullet, and squashed branches often
    // hold the same `fix: typo` twice: one change each, carrying everything the copies said.
    const key = changeKey(draft);
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, draft);
      bullets.push(draft);
    } else {
      absorb(earlier, draft);
    }
  }
  // After the bullets, so the header change's footers stay in message order.
  addFooters(header, parseFooters(lines, tokenEnds, layout.tailStart, to));
  scanLines(ctx, layout.tailStart, to, header);
  return [finishChange(header), ...bullets.map(finishChange)];
}
