import type { NotesCommit } from '../notes/release-notes.js';
import type { PlanCommit } from '../planning/plan-types.js';
import type { Change, ParsedCommit, ParserOptions, Person, RawCommit, Revert } from './types.js';
import type { ChangeDraft } from './change-draft.js';
import type { BodyContext, CommitPart } from './build-changes.js';
import { buildSingle, buildSquash, scanHeader } from './build-changes.js';
import { draftFromHeader, finishChange, newDraft } from './change-draft.js';
import type { TrailerPeople } from './commit-trailers.js';
import { TrailerCollector } from './commit-trailers.js';
import { tokenEndsOf } from './footers.js';
import { parseGitRevert, parseMergeMessage, revertedSha } from './merge-and-revert.js';
import { isBlank, splitMessage } from './message-lines.js';
import { parseHeader } from './parse-header.js';
import type { ReferenceScanning } from './reference-scanner.js';
import { ReferenceScanner } from './reference-scanner.js';
import { hasConventionalBullet } from './squash-layout.js';

const NO_CHANGES: readonly Change[] = Object.freeze([]);
const NO_ENDS: readonly number[] = Object.freeze([]);
const TRAILER_PEOPLE: Readonly<Record<CommitPart, TrailerPeople>> = {
  all: 'all',
  notes: 'coAuthors',
  plan: 'none',
};
/** Never written to: only used for messages without a body. */
const NO_BODY_TRAILERS = new TrailerCollector();

/**
 * Precompiles the patterns once; the returned function never throws. Only invalid
 * `issuePatterns` make this factory throw (a `CONFIG_INVALID` SlipwayError).
 */
export function createCommitParser(options: ParserOptions = {}): (raw: RawCommit) => ParsedCommit {
  return parserWith({
    scanner: new ReferenceScanner(options.issuePatterns ?? []),
    people: new PersonInterner(),
    part: 'all',
  });
}

function parserWith(tools: ParseTools): (raw: RawCommit) => ParsedCommit {
  return (raw) => {
    try {
      return parseRaw(raw, tools);
    } catch {
      // Defence in depth for inputs no test imagined: a commit is never lost, only unparsed.
      return unparsed(raw, tools);
    }
  };
}

/**
 * What release notes (and the planner beside them) read of a commit, parsed as
 * `createCommitParser` would parse it but without what neither reads: no change has a body or
 * footers (a BREAKING CHANGE footer still makes it breaking, with its note), and the only
 * trailers read are `Co-authored-by` (contributors) and `Release-As`. `notes` folds long
 * windows with it: the same entries, contributors and bumps for less work and garbage.
 */
export function createNotesCommitParser(
  options: ParserOptions = {},
): (raw: RawCommit) => NotesParsedCommit {
  return parserWith({
    scanner: new ReferenceScanner(options.issuePatterns ?? []),
    people: new PersonInterner(),
    part: 'notes',
  });
}

/** A commit as `createNotesCommitParser` gives it: what notes and the planner read. */
export type NotesParsedCommit = NotesCommit & PlanCommit;

/**
 * The planner's part of a commit, parsed as `createCommitParser` would parse it but without what
 * only notes read: no references are scanned, no body text is cut out, no person is parsed. The
 * same header, changes (type, scope, breaking, description), revert and `Release-As`, for about
 * two thirds of the work and far less garbage; `plan` parses long windows with it.
 */
export function createPlanCommitParser(
  options: ParserOptions = {},
): (raw: RawCommit) => PlanCommit {
  // Built anyway, so that an invalid pattern is refused here as it is by createCommitParser.
  new ReferenceScanner(options.issuePatterns ?? []);
  return parserWith({ scanner: NO_REFERENCES, people: null, part: 'plan' });
}

/** What one parser shares across commits; `part` says how much of each commit is read. */
interface ParseTools {
  readonly scanner: ReferenceScanning;
  /** Null when no author is wanted (the planner's parse). */
  readonly people: PersonInterner | null;
  readonly part: CommitPart;
}

/** Scans nothing: the planner reads no references. */
const NO_REFERENCES: ReferenceScanning = {
  scan: () => undefined,
  scanKeys: () => undefined,
};

/** Stands for the author where no author is wanted; never shown. */
const NOBODY: Person = Object.freeze({ name: '', email: null });

let defaultParser: ((raw: RawCommit) => ParsedCommit) | null = null;

/** One-off parsing; for many commits, `createCommitParser` once and reuse the function. */
export function parseCommit(raw: RawCommit, options?: ParserOptions): ParsedCommit {
  if (options !== undefined) return createCommitParser(options)(raw);
  defaultParser ??= createCommitParser();
  return defaultParser(raw);
}

function parseRaw(raw: RawCommit, tools: ParseTools): ParsedCommit {
  const { scanner } = tools;
  const { text, lines } = splitMessage(typeof raw.message === 'string' ? raw.message : '');
  const n = lines.length;
  let h = 0;
  while (h < n && isBlank(lines[h] ?? '')) h++;
  if (h === n) return result(raw, '', NO_CHANGES, null, NO_BODY_TRAILERS, tools);
  const header = (lines[h] ?? '').trim();

  const merge = header.startsWith('Merge ') ? parseMergeMessage(header, lines, h) : null;
  const title = merge === null ? header : merge.title;
  const bodyFrom = merge === null ? h + 1 : merge.bodyFrom;
  const hasBody = bodyFrom < n;
  // Half of all commits are one line: they share one empty collector and skip the body steps.
  const trailers = hasBody ? new TrailerCollector(TRAILER_PEOPLE[tools.part]) : NO_BODY_TRAILERS;
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
    return result(raw, header, null, null, trailers, tools);
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

  if (!hasBody) return result(raw, header, [finishChange(draft)], revert, trailers, tools);
  const { part } = tools;
  const ctx: BodyContext = { text, lines, tokenEnds, scanner, trailers, part };
  const squash = revert === null && hasConventionalBullet(lines, bodyFrom, n);
  const changes = squash
    ? buildSquash(draft, ctx, bodyFrom, n)
    : buildSingle(draft, ctx, bodyFrom, n);
  return result(raw, header, changes, revert, trailers, tools);
}

/** `changes` null means not conventional. */
function result(
  raw: RawCommit,
  header: string,
  changes: readonly Change[] | null,
  revert: Revert | null,
  trailers: TrailerCollector,
  tools: ParseTools,
): ParsedCommit {
  const parents = Array.isArray(raw.parents) ? raw.parents : [];
  const { people } = tools;
  return {
    sha: raw.sha,
    parents,
    author:
      people === null
        ? NOBODY
        : people.person(raw.authorName, raw.authorEmail === '' ? null : raw.authorEmail),
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

function unparsed(raw: RawCommit, tools: ParseTools): ParsedCommit {
  const message = typeof raw.message === 'string' ? raw.message : '';
  const header = (message.split('\n', 1)[0] ?? '').trim();
  return result(raw, header, null, null, new TrailerCollector(), tools);
}

/**
 * One Person object per author: across a long history the same few people wrote thousands of
 * commits, and Person is immutable data, so sharing it is safe and spares the retained copies.
 */
class PersonInterner {
  private readonly known = new Map<string, Person>();
  private last: Person | null = null;

  person(name: string, email: string | null): Person {
    // Runs of commits by one author are the rule, and the git adapter hands out one string per
    // author: the previous person answers without building and hashing a key.
    const { last } = this;
    if (last !== null && last.name === name && last.email === email) return last;
    const key = `${name}\u0000${email ?? ''}`;
    let person = this.known.get(key);
    if (person === undefined) {
      person = { name, email };
      if (this.known.size < 10_000) this.known.set(key, person);
    }
    this.last = person;
    return person;
  }
}
