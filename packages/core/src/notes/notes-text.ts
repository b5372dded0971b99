import type { NotesContributor } from './release-notes.js';

/** A breaking change as it renders: its entry's line and the explanation under it. */
export interface NotesTextBreaking {
  readonly line: string;
  /** The `BREAKING CHANGE:` footer texts, joined by a blank line; null when only `!` marks it. */
  readonly explanation: string | null;
}

/** A section as it renders: its title and one Markdown list item per entry. */
export interface NotesTextSection {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * Release notes as the Markdown lines they render to, without the entries' data. Every Markdown
 * rendering goes through this form: `ReleaseNotes` turn into it (`notesTextOf`), and
 * `NotesLinesCollector` builds it directly for callers that print Markdown only (ADR 0026).
 */
export interface NotesText {
  readonly version: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly compareUrl: string | null;
  readonly breakingTitle: string;
  readonly breaking: readonly NotesTextBreaking[];
  readonly sections: readonly NotesTextSection[];
  /** The "Other Changes" lines: commits that do not follow the convention. */
  readonly other: readonly string[];
  readonly contributors: readonly NotesContributor[];
}
