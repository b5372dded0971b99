import type { IssueRef, PullRequestRef } from './types.js';
import { SlipwayError } from '../errors/slipway-error.js';
import { isDigit, isLetter, isRefBoundary, isRepoChar, isWordChar } from './char-classes.js';
import { ignoredRanges, isIgnored } from './ignored-ranges.js';

/** Where a scan puts what it finds; the caller owns the arrays and deduplicates later. */
export interface ReferenceSink {
  readonly issues: IssueRef[];
  readonly pullRequests: PullRequestRef[];
}

/** GitHub's closing keywords; matched case-insensitively, with an optional colon. */
const CLOSING_KEYWORDS = new Set([
  'close',
  'closes',
  'closed',
  'fix',
  'fixes',
  'fixed',
  'resolve',
  'resolves',
  'resolved',
]);
const LONGEST_KEYWORD = 8;

/**
 * True when a closing keyword stands right before `start` (`Fixes #1`, `closes: #1`). Like GitHub,
 * only the reference directly after the keyword closes: in `Fixes #1, #2` only #1 does. The walk
 * back is bounded by the longest keyword, so it stays cheap on any input.
 */
function closedByKeyword(text: string, start: number): boolean {
  let i = start - 1;
  let separated = false;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
    i--;
    separated = true;
  }
  if (i >= 0 && text.charCodeAt(i) === 58) {
    i--;
    separated = true;
  }
  if (!separated) return false;
  const wordEnd = i + 1;
  while (i >= 0 && wordEnd - i <= LONGEST_KEYWORD && isLetter(text.charCodeAt(i))) i--;
  if (i >= 0 && isWordChar(text.charCodeAt(i))) return false;
  return CLOSING_KEYWORDS.has(text.slice(i + 1, wordEnd).toLowerCase());
}

/** End of the digit run at `from`, or -1 when there is none or a word character follows. */
function numberEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  if (end === from || (end < text.length && isWordChar(text.charCodeAt(end)))) return -1;
  return end;
}

/**
 * Start of the `owner/repo` (or GitLab `group/sub/project`) written right before `at`, or -1.
 * `nested` allows more than one `/`, as GitLab groups do.
 */
function repositoryStart(text: string, at: number, nested: boolean): number {
  let i = at - 1;
  let slashes = 0;
  let segment = 0;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 47) {
      if (segment === 0) return -1;
      slashes++;
      if (!nested && slashes > 1) return -1;
      segment = 0;
    } else if (isRepoChar(c)) {
      segment++;
    } else {
      break;
    }
    i--;
  }
  if (slashes === 0 || segment === 0) return -1;
  if (i >= 0 && !isRefBoundary(text.charCodeAt(i))) return -1;
  return i + 1;
}

/** Finds issue and pull/merge request references in free text. Built once per parser. */
/** What the parser calls on a scanner (the planner's parse passes one that scans nothing). */
export type ReferenceScanning = Pick<ReferenceScanner, 'scan' | 'scanKeys'>;

export class ReferenceScanner {
  readonly #keys: RegExp | null;

  constructor(issuePatterns: readonly string[]) {
    if (issuePatterns.length === 0) {
      this.#keys = null;
      return;
    }
    const source = issuePatterns.map((p) => `(?:${p})`).join('|');
    try {
      // Word-bounded so `ABC-12x` does not count as `ABC-12`; the start boundary (`XABC-1`) is
      // checked in code: a leading lookbehind would run at every position of every message.
      this.#keys = new RegExp(`(?:${source})(?![A-Za-z0-9_])`, 'g');
    } catch (cause) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `Invalid issue pattern: ${issuePatterns.join(', ')}`,
        {
          cause,
          subject: 'issuePatterns',
          hint: 'Each issue pattern must be a JavaScript regular expression source, e.g. [A-Z]+-\\d+',
        },
      );
    }
  }

  /** Scans a header description, body or footer text. */
  scan(text: string, sink: ReferenceSink): void {
    const keys = this.#keys;
    let hash = text.indexOf('#');
    let bang = text.indexOf('!');
    if (hash < 0 && bang < 0 && keys === null) return;
    // Computed only once something looks like a reference: most texts never need it.
    let ignored: number[] | null | undefined;
    for (; hash >= 0; hash = text.indexOf('#', hash + 1)) {
      const end = numberEnd(text, hash + 1);
      if (end < 0) continue;
      ignored ??= ignoredRanges(text);
      if (!isIgnored(ignored, hash)) this.#hashReference(text, hash, end, sink);
    }
    for (; bang >= 0; bang = text.indexOf('!', bang + 1)) {
      const end = numberEnd(text, bang + 1);
      if (end < 0) continue;
      ignored ??= ignoredRanges(text);
      if (!isIgnored(ignored, bang)) this.#mergeRequest(text, bang, end, sink);
    }
    if (keys !== null) this.#keyReferences(keys, text, ignored ?? ignoredRanges(text), sink);
  }

  /** Only the configured issue keys: for text such as a merge's branch name (`ABC-12-fix`). */
  scanKeys(text: string, sink: ReferenceSink): void {
    if (this.#keys !== null) this.#keyReferences(this.#keys, text, ignoredRanges(text), sink);
  }

  #keyReferences(keys: RegExp, text: string, ignored: number[] | null, sink: ReferenceSink): void {
    keys.lastIndex = 0;
    for (let m = keys.exec(text); m !== null; m = keys.exec(text)) {
      // A pattern that can match the empty string would otherwise loop forever.
      if (m[0] === '') {
        keys.lastIndex++;
        continue;
      }
      if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1))) continue;
      if (isIgnored(ignored, m.index)) continue;
      sink.issues.push({
        id: m[0],
        kind: 'key',
        repository: null,
        closing: closedByKeyword(text, m.index),
      });
    }
  }

  /** `#12` or `owner/repo#12` with its digits ending at `end`. */
  #hashReference(text: string, at: number, end: number, sink: ReferenceSink): void {
    let start = at;
    let repository: string | null = null;
    if (at > 0 && !isRefBoundary(text.charCodeAt(at - 1))) {
      start = repositoryStart(text, at, false);
      if (start < 0) return;
      repository = text.slice(start, at);
    }
    sink.issues.push({
      id: text.slice(at + 1, end),
      kind: 'number',
      repository,
      closing: closedByKeyword(text, start),
    });
  }

  /** GitLab's `!12` or `group/project!12` with its digits ending at `end`. */
  #mergeRequest(text: string, at: number, end: number, sink: ReferenceSink): void {
    let repository: string | null = null;
    if (at > 0 && !isRefBoundary(text.charCodeAt(at - 1))) {
      const start = repositoryStart(text, at, true);
      if (start < 0) return;
      repository = text.slice(start, at);
    }
    sink.pullRequests.push({ number: Number(text.slice(at + 1, end)), sigil: '!', repository });
  }
}
