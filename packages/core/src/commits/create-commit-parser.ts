import type { Change, ParsedCommit, ParserOptions, Person, RawCommit, Revert } from './types.js';
import type { ChangeDraft } from './change-draft.js';
import type { BodyContext } from './build-changes.js';
import { buildSingle, buildSquash, scanHeader } from './build-changes.js';
import { draftFromHeader, finishChange, newDraft } from './change-draft.js';
import { TrailerCollector } from './commit-trailers.js';
import { tokenEndsOf } from './footers.js';
import { parseGitRevert, parseMergeMessage, revertedSha } from './merge-and-revert.js';
import { isBlank, splitMessage } from './message-lines.js';
import { parseHeader } from './parse-header.js';
import { ReferenceScanner } from './reference-scanner.js';
import { hasConventionalBullet } from './squash-layout.js';

const NO_CHANGES: readonly Change[] = Object.freeze([]);
const NO_ENDS: readonly number[] = Object.freeze([]);
/** Never written to: only used for messages without a body. */
const NO_BODY_TRAILERS = new TrailerCollector();

/**
 * Precompiles the patterns once; the returned function never throws. Only invalid
 * `issuePatterns` make this factory throw (a `CONFIG_INVALID` SlipwayError).
 */
export function createCommitParser(options: ParserOptions = {}): (raw: RawCommit) => ParsedCommit {
  const scanner = new ReferenceScanner(options.issuePatterns ?? []);
  const people = new PersonInterner();
  return (raw) => {
    try {
      return parseRaw(raw, scanner, people);
    } catch {
      // Defence in depth for inputs no test imagined: a commit is never lost, only unparsed.
      return unparsed(raw, people);
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

function parseRaw(raw: RawCommit, scanner: ReferenceScanner, people: PersonInterner): ParsedCommit {
  const { text, lines } = splitMessage(typeof raw.message === 'string' ? raw.message : '');
  const n = lines.length;
  let h = 0;
  while (h < n && isBlank(lines[h] ?? '')) h++;
  if (h === n) return result(raw, '', NO_CHANGES, null, NO_BODY_TRAILERS, people);
  const header = (lines[h] ?? '').trim();

  const merge = header.startsWith('Merge ') ? parseMergeMessage(header, lines, h) : null;
  const title = merge === null ? header : merge.title;
  const bodyFrom = merge === null ? h + 1 : merge.bodyFrom;
  const hasBody = bodyFrom < n;
  // Half of all commits are one line: they share one empty collector and skip the body steps.
  const trailers = hasBody ? new TrailerCollector() : NO_BODY_TRAILERS;
  const tokenEnds = hasBody ? tokenEndsOf(lines, bodyFrom, n) : NO_ENDS;
  if (hasBody) trailers.addLines(lines, tokenEnds, bodyFrom, n);

  const gitRevert = parseGitRevert(title);
  const parts = gitRevert === null ? parseHeader(title) : null;
  let draft: ChangeDraft;
  let revert: Revert | null = null;
  if (gitRevert !== null) {
    // git's own revert form is a recognised convention: it yields a `revert` change too.
    draft = newDraft('revert', null, false, gitRevert.header, gitRevert.pullRequests);
    revert = { header: gitRevert.header, sha: revertedSha(text) };
  } else if (parts === null) {
    return result(raw, header, null, null, trailers, people);
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

  if (!hasBody) return result(raw, header, [finishChange(draft)], revert, trailers, people);
  const ctx: BodyContext = { text, lines, tokenEnds, scanner, trailers };
  const squash = revert === null && hasConventionalBullet(lines, bodyFrom, n);
  const changes = squash
    ? buildSquash(draft, ctx, bodyFrom, n)
    : buildSingle(draft, ctx, bodyFrom, n);
  return result(raw, header, changes, revert, trailers, people);
}

/** `changes` null means not conventional. */
function result(
  raw: RawCommit,
  header: string,
  changes: readonly Change[] | null,
  revert: Revert | null,
  trailers: TrailerCollector,
  people: PersonInterner,
): ParsedCommit {
  const parents = Array.isArray(raw.parents) ? raw.parents : [];
  return {
    sha: raw.sha,
    parents,
    author: people.person(raw.authorName, raw.authorEmail === '' ? null : raw.authorEmail),
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

function unparsed(raw: RawCommit, people: PersonInterner): ParsedCommit {
  const message = typeof raw.message === 'string' ? raw.message : '';
  const header = (message.split('\n', 1)[0] ?? '').trim();
  return result(raw, header, null, null, new TrailerCollector(), people);
}

/**
 * One Person object per author: across a long history the same few people wrote thousands of
 * commits, and Person is immutable data, so sharing it is safe and spares the retained copies.
 */
class PersonInterner {
  private readonly known = new Map<string, Person>();

  person(name: string, email: string | null): Person {
    const key = `${name}\u0000${email ?? ''}`;
    let person = this.known.get(key);
    if (person === undefined) {
      person = { name, email };
      if (this.known.size < 10_000) this.known.set(key, person);
    }
    return person;
  }
}
