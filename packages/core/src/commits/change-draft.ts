import type { Change, Footer, IssueRef, PullRequestRef } from './types.js';
import type { HeaderParts } from './parse-header.js';
import type { ReferenceSink } from './reference-scanner.js';
import { isBreakingToken } from './footers.js';
import { stripTrailingPullRequests } from './parse-header.js';

/** A change being assembled; `finishChange` freezes it into the public `Change` shape. */
export interface ChangeDraft extends ReferenceSink {
  readonly type: string;
  readonly scope: string | null;
  breaking: boolean;
  readonly description: string;
  body: string | null;
  readonly footers: Footer[];
  readonly breakingNotes: string[];
}

/** Starts a change from a header; the header's trailing `(#12)` become its pull requests. */
export function draftFromHeader(parts: HeaderParts): ChangeDraft {
  const { description, numbers } = stripTrailingPullRequests(parts.description);
  return newDraft(parts.type, parts.scope, parts.breaking, description, numbers);
}

export function newDraft(
  type: string,
  scope: string | null,
  breaking: boolean,
  description: string,
  numbers: readonly number[],
): ChangeDraft {
  const pullRequests: PullRequestRef[] = [];
  for (const number of numbers) pullRequests.push({ number, sigil: '#', repository: null });
  return {
    type,
    scope,
    breaking,
    description,
    body: null,
    footers: [],
    breakingNotes: [],
    issues: [],
    pullRequests,
  };
}

export function addFooters(draft: ChangeDraft, footers: readonly Footer[]): void {
  for (const footer of footers) {
    draft.footers.push(footer);
    if (isBreakingToken(footer.token)) {
      draft.breaking = true;
      if (footer.value !== '') draft.breakingNotes.push(footer.value);
    }
  }
}

/** What `addFooters` does with the BREAKING CHANGE footers' values (see breakingFooterValues). */
export function addBreakingNotes(draft: ChangeDraft, values: readonly string[] | null): void {
  if (values === null) return;
  draft.breaking = true;
  for (const value of values) if (value !== '') draft.breakingNotes.push(value);
}

/** Same type, scope and description: the same change, written twice. */
export function sameChange(a: ChangeDraft, b: ChangeDraft): boolean {
  return a.type === b.type && a.scope === b.scope && a.description === b.description;
}

/** Folds a duplicate bullet into the header change so nothing it carried is lost. */
export function absorb(into: ChangeDraft, from: ChangeDraft): void {
  into.breaking ||= from.breaking;
  into.breakingNotes.push(...from.breakingNotes);
  into.issues.push(...from.issues);
  into.pullRequests.push(...from.pullRequests);
}

const NONE: readonly never[] = Object.freeze([]);

export function finishChange(draft: ChangeDraft): Change {
  const pullRequests = dedupePullRequests(draft.pullRequests);
  return {
    type: draft.type,
    scope: draft.scope,
    breaking: draft.breaking,
    breakingNotes: draft.breakingNotes.length === 0 ? NONE : [...new Set(draft.breakingNotes)],
    description: draft.description,
    body: draft.body,
    footers: draft.footers.length === 0 ? NONE : draft.footers,
    pullRequests,
    issues: dedupeIssues(draft.issues, pullRequests),
  };
}

function dedupePullRequests(refs: readonly PullRequestRef[]): readonly PullRequestRef[] {
  if (refs.length === 0) return NONE;
  if (refs.length === 1) return refs;
  const seen = new Map<string, PullRequestRef>();
  for (const ref of refs)
    seen.set(`${ref.sigil}${ref.repository ?? ''}${ref.sigil}${ref.number}`, ref);
  return [...seen.values()];
}

/**
 * One entry per issue; closing wins over a plain mention. A plain `#12` that is this change's own
 * pull request (`(#12)` repeated in the body) is not an issue.
 */
function dedupeIssues(
  refs: readonly IssueRef[],
  pullRequests: readonly PullRequestRef[],
): readonly IssueRef[] {
  if (refs.length === 0) return NONE;
  const unique = refs.length > 8 ? uniqueByKey(refs) : uniqueByScan(refs);
  if (pullRequests.length === 0) return unique;
  const own = new Set<string>();
  for (const pr of pullRequests)
    if (pr.sigil === '#') own.add(`${pr.repository ?? ''}#${pr.number}`);
  if (own.size === 0) return unique;
  const issues: IssueRef[] = [];
  for (const ref of unique) {
    if (ref.closing || ref.kind !== 'number' || !own.has(`${ref.repository ?? ''}#${ref.id}`)) {
      issues.push(ref);
    }
  }
  return issues;
}

/** Changes carry a handful of references: a linear search beats building string keys. */
function uniqueByScan(refs: readonly IssueRef[]): IssueRef[] {
  const unique: IssueRef[] = [];
  for (const ref of refs) {
    let at = 0;
    for (; at < unique.length; at++) {
      const u = unique[at];
      if (
        u !== undefined &&
        u.id === ref.id &&
        u.repository === ref.repository &&
        u.kind === ref.kind
      ) {
        break;
      }
    }
    if (at === unique.length) unique.push(ref);
    else if (ref.closing) unique[at] = ref;
  }
  return unique;
}

/** The same for the rare message with many references, where the scan would be quadratic. */
function uniqueByKey(refs: readonly IssueRef[]): IssueRef[] {
  const seen = new Map<string, IssueRef>();
  for (const ref of refs) {
    const key = `${ref.kind}:${ref.repository ?? ''}#${ref.id}`;
    const known = seen.get(key);
    if (known === undefined || (!known.closing && ref.closing)) seen.set(key, ref);
  }
  return [...seen.values()];
}
