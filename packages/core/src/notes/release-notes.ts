import type { FragmentEntry } from '../fragments/parse-fragment.js';
import type { Change, Person, Revert } from '../commits/types.js';
import type { LinkBuilder } from '../links/create-link-builder.js';
import type { NotesConfig } from './notes-config.js';

export interface NotesInput {
  readonly name?: string;
  readonly version: string;
  readonly previousVersion: string | null;
  readonly tag: string;
  readonly previousTag: string | null;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** Already windowed, reverted pairs already removed; rendered in this order within a scope. */
  readonly commits: readonly NotesCommit[];
  /** News fragments of this release (towncrier-compatible). */
  readonly fragments?: readonly FragmentEntry[];
  readonly config: NotesConfig;
  readonly links: LinkBuilder | null;
}

/** What the notes read of a change. A `Change` is one. */
export type NotesChange = Pick<
  Change,
  'type' | 'scope' | 'breaking' | 'breakingNotes' | 'description' | 'pullRequests' | 'issues'
>;

/**
 * What the notes (and the planner, and revert cancellation) read of a commit. A `ParsedCommit`
 * is one; the engine keeps only this much of each commit of a long window (see toNotesCommit).
 */
export interface NotesCommit {
  readonly sha: string;
  readonly committerTime: number;
  readonly header: string;
  readonly conventional: boolean;
  readonly merge: boolean;
  readonly changes: readonly NotesChange[];
  readonly revert: Revert | null;
  readonly releaseAs: string | null;
  readonly author: Person;
  readonly trailers: { readonly coAuthoredBy: readonly Person[] };
}

export interface NotesPullRequest {
  readonly number: number;
  readonly sigil: '#' | '!';
  readonly repository: string | null;
  readonly url: string | null;
  /** From the forge, when release notes were enriched (absent otherwise). */
  readonly title?: string;
  /** The forge login of its author ("thanks @alice"), when enriched. */
  readonly author?: string;
}

export interface NotesIssue {
  readonly id: string;
  readonly repository: string | null;
  readonly closing: boolean;
  readonly url: string | null;
}

export interface NotesEntry {
  /** Empty for a non-conventional commit (listed under "Other"). */
  readonly type: string;
  readonly scope: string | null;
  readonly description: string;
  readonly breaking: boolean;
  readonly sha: string;
  readonly shortSha: string;
  readonly commitUrl: string | null;
  readonly pullRequests: readonly NotesPullRequest[];
  readonly issues: readonly NotesIssue[];
  /** Author first, then co-authors, by name. */
  readonly authors: readonly string[];
  /** The news fragment this entry's text comes from (relative to the fragment directory), or null. */
  readonly fragment: string | null;
}

export interface NotesBreakingChange {
  readonly scope: string | null;
  readonly description: string;
  /** The `BREAKING CHANGE:` footer texts, joined by a blank line; null when only `!` marks it. */
  readonly explanation: string | null;
  readonly entry: NotesEntry;
}

export interface NotesSectionEntries {
  readonly title: string;
  readonly types: readonly string[];
  readonly entries: readonly NotesEntry[];
}

export interface NotesContributor {
  readonly name: string;
  readonly email: string | null;
  /** Commits in this release the person authored or co-authored. */
  readonly commits: number;
}

/** The `--json` shape of release notes. Sections without entries are left out. */
export interface ReleaseNotes {
  readonly name: string | null;
  readonly version: string;
  readonly previousVersion: string | null;
  readonly tag: string;
  readonly previousTag: string | null;
  readonly date: string;
  readonly compareUrl: string | null;
  /** From the config, so the notes render without it. */
  readonly breakingTitle: string;
  readonly breaking: readonly NotesBreakingChange[];
  readonly sections: readonly NotesSectionEntries[];
  readonly other: readonly NotesEntry[];
  readonly contributors: readonly NotesContributor[];
  /** Forge logins of the pull requests' authors, when enriched (absent otherwise). */
  readonly thanks?: readonly string[];
}
