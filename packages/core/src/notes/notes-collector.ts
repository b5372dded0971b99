import type { FragmentEntry } from '../fragments/parse-fragment.js';
import type { LinkBuilder } from '../links/create-link-builder.js';
import { entryLineToKeep, rememberEntryLines, rememberListLines } from './entry-line.js';
import { addFragmentEntries } from './fragment-notes.js';
import type { NotesConfig } from './notes-config.js';
import type { CommitFields } from './notes-entries.js';
import {
  breakingExplanation,
  changeEntry,
  commitFields,
  compareUrlOf,
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
import { SectionBuckets } from './section-buckets.js';
import { WindowPeople, unseenTypes } from './window-people.js';

/** What the notes say about the release itself, known once the window is planned. */
export type NotesHeading = Omit<NotesInput, 'commits' | 'config' | 'links'>;

/**
 * Items of the notes, the window position of the commit each came from and each one's Markdown
 * line (rendered as the item is built, while git is still streaming: see ADR 0023).
 */
interface Owned<T> {
  readonly items: T[];
  readonly owners: number[];
  readonly lines: string[];
}

const owned = <T>(): Owned<T> => ({ items: [], owners: [], lines: [] });

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
  private readonly people: WindowPeople;
  /** The sections and contributors as if every commit were kept (see finish). */
  private readonly sections: SectionBuckets<NotesEntry>;
  /** Hidden types that no section lists: their entries are never shown. */
  private readonly unseen: ReadonlySet<string>;

  constructor(
    private readonly config: NotesConfig,
    private readonly links: LinkBuilder | null,
  ) {
    this.unseen = unseenTypes(config);
    this.sections = new SectionBuckets<NotesEntry>(config);
    this.people = new WindowPeople(config.contributors);
  }

  /** The next (older) commit of the window, reverted pairs included. */
  add(commit: NotesCommit): void {
    const index = this.people.add(commit);
    const { links, people } = this;
    if (commit.changes.length === 0) {
      // Merge commits without a conventional title are bookkeeping, not changes.
      if (this.config.showOther && !commit.merge) {
        const entry = otherEntry(commit, links, people.authors);
        push(this.other, entry, index, entryLineToKeep(entry));
      }
      return;
    }
    let fields: CommitFields | null = null;
    for (const change of commit.changes) {
      // A hidden change shows nowhere unless it is breaking, or closes an issue that a news
      // fragment may describe (the fragment then takes its entry): no entry is built for it.
      if (!change.breaking && this.unseen.has(change.type) && !closesAnIssue(change)) continue;
      fields ??= commitFields(commit, links, people.authors);
      const entry = changeEntry(fields, change, links);
      const line = entryLineToKeep(entry);
      if (change.breaking) {
        const explanation = breakingExplanation(change);
        const item = { scope: entry.scope, description: entry.description, explanation, entry };
        push(this.breaking, item, index, line);
      }
      push(this.entries, entry, index, line);
      this.sections.add(entry.type, entry.scope, entry, line);
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
    // Every commit kept and no fragment: the sections were sorted as the entries came.
    if (kept === null && fragments.length === 0) return this.finishAllKept(heading);
    const entries = keptItems(this.entries, kept);
    const breaking = keptItems(this.breaking, kept);
    addFragmentEntries(entries, breaking, fragments, links);
    const notes: ReleaseNotes = {
      ...this.headingFields(heading),
      breaking: sortByScope(breaking),
      sections: groupSections(entries, config),
      other: keptItems(this.other, kept),
      contributors: this.people.contributors(kept),
    };
    const lines = new Map<NotesEntry, string>();
    for (const list of [this.entries, this.other]) {
      list.items.forEach((entry, at) => lines.set(entry, list.lines[at] ?? ''));
    }
    rememberEntryLines(notes, lines);
    return notes;
  }

  /** What the notes say about the release itself. */
  private headingFields(heading: NotesHeading) {
    return {
      name: heading.name ?? null,
      version: heading.version,
      previousVersion: heading.previousVersion,
      tag: heading.tag,
      previousTag: heading.previousTag,
      date: heading.date,
      compareUrl: compareUrlOf(this.links, heading),
      breakingTitle: this.config.breakingTitle,
    };
  }

  /** `finish` when no commit is left out and no fragment is added: no grouping or sorting. */
  private finishAllKept(heading: NotesHeading): ReleaseNotes {
    const sorted = this.sections.finish();
    const sections = sorted.map(({ title, types, items }) => ({ title, types, entries: items }));
    const other = this.other.items.slice();
    const notes: ReleaseNotes = {
      ...this.headingFields(heading),
      breaking: sortByScope(this.breaking.items),
      sections,
      other,
      contributors: this.people.contributors(null),
    };
    sorted.forEach(({ lines }, at) => rememberListLines(sections[at]?.entries ?? [], lines));
    rememberListLines(other, this.other.lines.slice());
    // Breaking changes are few: their lines are found by entry.
    const breakingLines = new Map<NotesEntry, string>();
    this.breaking.items.forEach((item, at) =>
      breakingLines.set(item.entry, this.breaking.lines[at] ?? ''),
    );
    rememberEntryLines(notes, breakingLines);
    return notes;
  }
}

function closesAnIssue(change: NotesChange): boolean {
  return change.issues.some((ref) => ref.closing && ref.repository === null);
}

function push<T>(list: Owned<T>, item: T, owner: number, line: string): void {
  list.items.push(item);
  list.owners.push(owner);
  list.lines.push(line);
}

function keptItems<T>(list: Owned<T>, kept: ((index: number) => boolean) | null): T[] {
  // A copy either way: finishing adds the fragments' entries to it, and may run again.
  if (kept === null) return list.items.slice();
  return list.items.filter((_, at) => kept(list.owners[at] ?? -1));
}
