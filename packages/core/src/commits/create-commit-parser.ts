import type { Change, ParsedCommit, ParserOptions, RawCommit, Revert } from './types.js';
import type { ChangeDraft } from './change-draft.js';
import type { BodyContext } from './build-changes.js';
import { buildSingle, buildSquash, scanHeader } from './build-changes.js';
import { draftFromHeader, newDraft } from './change-draft.js';
import { TrailerCollector } from './commit-trailers.js';
import { tokenEndsOf } from './footers.js';
import { parseGitRevert, parseMergeMessage, revertedSha } from './merge-and-revert.js';
import { isBlank, splitMessage } from './message-lines.js';
import { parseHeader } from './parse-header.js';
import { ReferenceScanner } from './reference-scanner.js';
import { hasConventionalBullet } from './squash-layout.js';

const NO_CHANGES: readonly Change[] = Object.freeze([]);
const NO_ENDS: readonly number[] = Object.freeze([]);

/**
 * Precompiles the patterns once; the returned function never throws. Only invalid
 * `issuePatterns` make this factory throw (a `CONFIG_INVALID` SlipwayError).
 */
export function createCommitParser(options: ParserOptions = {}): (raw: RawCommit) => ParsedCommit {
  const scanner = new ReferenceScanner(options.issuePatterns ?? []);
  return (raw) => {
    try {
      return parseRaw(raw, scanner);
    } catch {
      // Defence in depth for inputs no test imagined: a commit is never lost, only unparsed.
      return unparsed(raw);
    }
  };
}

let defaultParser: ((raw: RawCommit) => ParsedCommit) | null = null;

/** One-off parsing; for many commits, `createCommitParser` once and reuse the function. */
export function parseCommit(raw: RawCommit, options?: ParserOptions): ParsedCommit {
  if (options !== undefined) return createCommitParser(options)(raw);
  defaultParser ??= createCommitParser();
  return defaultParser(raw);
}

function parseRaw(raw: RawCommit, scanner: ReferenceScanner): ParsedCommit {
  const { text, lines } = splitMessage(typeof raw.message === 'string' ? raw.message : '');
  const n = lines.length;
  let h = 0;
  while (h < n && isBlank(lines[h] ?? '')) h++;
  const trailers = new TrailerCollector();
  if (h === n) return result(raw, '', NO_CHANGES, null, trailers);
  const header = (lines[h] ?? '').trim();

  const merge = parseMergeMessage(header, lines, h);
  const title = merge === null ? header : merge.title;
  const bodyFrom = merge === null ? h + 1 : merge.bodyFrom;
  const tokenEnds = bodyFrom < n ? tokenEndsOf(lines, bodyFrom, n) : NO_ENDS;
  trailers.addLines(lines, tokenEnds, bodyFrom, n);

  const gitRevert = parseGitRevert(title);
  const parts = gitRevert === null ? parseHeader(title) : null;
  let draft: ChangeDraft;
  let revert: Revert | null = null;
  if (gitRevert !== null) {
    // git's own revert form is a recognised convention: it yields a `revert` change too.
    draft = newDraft('revert', null, false, gitRevert.header, gitRevert.pullRequests);
    revert = { header: gitRevert.header, sha: revertedSha(text) };
  } else if (parts === null) {
    return result(raw, header, null, null, trailers);
  } else {
    draft = draftFromHeader(parts);
    if (draft.type === 'revert') revert = { header: draft.description, sha: revertedSha(text) };
  }
  // A revert's description is the other commit's header: its references are not this commit's.
  if (revert === null) scanHeader(draft, scanner);
  if (merge !== null) {
    if (merge.pullRequest !== null) draft.pullRequests.unshift(merge.pullRequest);
    // Branch names often carry the tracker key (`owner/ABC-12-fix`).
    scanner.scanKeys(header, draft);
  }

  const ctx: BodyContext = { lines, tokenEnds, scanner, trailers };
  const squash = revert === null && bodyFrom < n && hasConventionalBullet(lines, bodyFrom, n);
  const changes = squash
    ? buildSquash(draft, ctx, bodyFrom, n)
    : buildSingle(draft, ctx, bodyFrom, n);
  return result(raw, header, changes, revert, trailers);
}

/** `changes` null means not conventional. */
function result(
  raw: RawCommit,
  header: string,
  changes: readonly Change[] | null,
  revert: Revert | null,
  trailers: TrailerCollector,
): ParsedCommit {
  const parents = Array.isArray(raw.parents) ? raw.parents : [];
  return {
    sha: raw.sha,
    parents,
    author: { name: raw.authorName, email: raw.authorEmail === '' ? null : raw.authorEmail },
    authorTime: raw.authorTime,
    committerTime: raw.committerTime,
    header,
    conventional: changes !== null && changes.length > 0,
    changes: changes ?? NO_CHANGES,
    revert,
    releaseAs: trailers.releaseAs,
    trailers: trailers.trailers(),
    merge: parents.length > 1,
  };
}

function unparsed(raw: RawCommit): ParsedCommit {
  const message = typeof raw.message === 'string' ? raw.message : '';
  const header = (message.split('\n', 1)[0] ?? '').trim();
  return result(raw, header, null, null, new TrailerCollector());
}
