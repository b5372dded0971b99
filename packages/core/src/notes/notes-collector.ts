import type { Person } from '../commits/types.js';
import type { FragmentEntry } from '../fragments/parse-fragment.js';
import type { LinkBuilder } from '../links/create-link-builder.js';
import { entryLineToKeep, rememberEntryLines } from './entry-line.js';
import { addFragmentEntries } from './fragment-notes.js';
import type { NotesConfig } from './notes-config.js';
import type { CommitFields } from './notes-entries.js';
import {
  AuthorLists,
  changeEntry,
  commitFields,
  countContributors,
  groupSections,
  otherEntry,
  sortByScope,
} from './notes-entries.js';
import type {
  NotesBreakingChange,
  NotesChange,
  NotesCommit,
  NotesEntry,
  NotesInput,
  ReleaseNotes,
} from './release-notes.js';

/** What the notes say about the release itself, known once the window is planned. */
export type NotesHeading = Omit<NotesInput, 'commits' | 'config' | 'links'>;

/** An item of the notes and the window position of the commit it came from. */
interface Owned<T> {
  readonly items: T[];
  readonly owners: number[];
}

const owned = <T>(): Owned<T> => ({ items: [], owners: [] });

/**
 * Builds release notes commit by commit, in window order, so that a long window needs no parsed
 * commit kept once its entries exist: an entry is what the notes show anyway, and the rest
 * (authors for the contributors) is kept by column. `finish` leaves out the commits that revert
 * cancellation switched off, which it is told by window position (see BumpCollector).
 */
export class NotesCollector {
  private readonly entries = owned<NotesEntry>();
  private readonly breaking = owned<NotesBreakingChange>();
  private readonly other = owned<NotesEntry>();
  private readonly authorOf: Person[] = [];
  private readonly coAuthorsOf: (readonly Person[])[] = [];
  private readonly authors = new AuthorLists();
  /** Each entry's Markdown line, rendered as the entry is built (see rememberEntryLines). */
  private readonly lines = new Map<NotesEntry, string>();
  /** Hidden types that no section lists: their entries are never shown. */
  private readonly unseen: ReadonlySet<string>;

  constructor(
    private readonly config: NotesConfig,
    private readonly links: LinkBuilder | null,
  ) {
    const listed = new Set(config.sections.flatMap((section) => section.types));
    this.unseen = new Set(config.hidden.filter((type) => !listed.has(type)));
  }

  /** The next (older) commit of the window, reverted pairs included. */
  add(commit: NotesCommit): void {
    const index = this.authorOf.length;
    this.authorOf.push(commit.author);
    this.coAuthorsOf.push(commit.trailers.coAuthoredBy);
    const { links } = this;
    if (commit.changes.length === 0) {
      // Merge commits without a conventional title are bookkeeping, not changes.
      if (this.config.showOther && !commit.merge) {
        const entry = otherEntry(commit, links, this.authors);
        this.lines.set(entry, entryLineToKeep(entry));
        push(this.other, entry, index);
      }
      return;
    }
    let fields: CommitFields | null = null;
    for (const change of commit.changes) {
      // A hidden change shows nowhere unless it is breaking, or closes an issue that a news
      // fragment may describe (the fragment then takes its entry): no entry is built for it.
      if (!change.breaking && this.unseen.has(change.type) && !closesAnIssue(change)) continue;
      fields ??= commitFields(commit, links, this.authors);
      const entry = changeEntry(fields, change, links);
      if (change.breaking) {
        const explanation =
          change.breakingNotes.length === 0 ? null : change.breakingNotes.join('\n\n');
        const item = { scope: entry.scope, description: entry.description, explanation, entry };
        push(this.breaking, item, index);
      }
      this.lines.set(entry, entryLineToKeep(entry));
      push(this.entries, entry, index);
    }
  }

  /**
   * The notes of the commits added, without those `kept` says no to (reverted pairs; null keeps
   * every commit), and with the release's news fragments.
   */
  finish(
    heading: NotesHeading,
    kept: ((index: number) => boolean) | null = null,
    fragments: readonly FragmentEntry[] = heading.fragments ?? [],
  ): ReleaseNotes {
    const { config, links } = this;
    const entries = keptItems(this.entries, kept);
    const breaking = keptItems(this.breaking, kept);
    addFragmentEntries(entries, breaking, fragments, links);
    const notes: ReleaseNotes = {
      name: heading.name ?? null,
      version: heading.version,
      previousVersion: heading.previousVersion,
      tag: heading.tag,
      previousTag: heading.previousTag,
      date: heading.date,
      compareUrl:
        links === null || heading.previousTag === null
          ? null
          : links.compare(heading.previousTag, heading.tag),
      breakingTitle: config.breakingTitle,
      breaking: sortByScope(breaking),
      sections: groupSections(entries, config),
      other: keptItems(this.other, kept),
      contributors: config.contributors
        ? countContributors(this.authorOf, this.coAuthorsOf, kept, this.authors)
        : [],
    };
    rememberEntryLines(notes, this.lines);
    return notes;
  }
}

function closesAnIssue(change: NotesChange): boolean {
  return change.issues.some((ref) => ref.closing && ref.repository === null);
}

function push<T>(list: Owned<T>, item: T, owner: number): void {
  list.items.push(item);
  list.owners.push(owner);
}

function keptItems<T>(list: Owned<T>, kept: ((index: number) => boolean) | null): T[] {
  // A copy either way: finishing adds the fragments' entries to it, and may run again.
  if (kept === null) return list.items.slice();
  return list.items.filter((_, at) => kept(list.owners[at] ?? -1));
}
