import type { LinkBuilder } from '../links/create-link-builder.js';
import { entryLineToKeep } from './entry-line.js';
import type { NotesConfig } from './notes-config.js';
import type { NotesHeading } from './notes-collector.js';
import type { CommitFields } from './notes-entries.js';
import {
  breakingExplanation,
  changeEntry,
  commitFields,
  compareUrlOf,
  otherEntry,
  sortByScope,
} from './notes-entries.js';
import type { NotesText, NotesTextSection } from './notes-text.js';
import type { NotesCommit } from './release-notes.js';
import { SectionBuckets, type SortedSection } from './section-buckets.js';
import { WindowPeople, unseenTypes } from './window-people.js';

/** A breaking change: few per release, so one small object each. `owner`: its commit's position. */
interface BreakingLine {
  readonly owner: number;
  readonly scope: string | null;
  readonly line: string;
  readonly explanation: string | null;
}

/**
 * `NotesCollector` for callers that print the notes as Markdown and nothing else (`slipway
 * notes` without `--json` or forge enrichment). Each shown change keeps its rendered line and
 * the window position of its commit (the sections' items), not an entry object: on a long window the entries, their
 * reference lists and short SHAs were most of what survived the garbage collector's young
 * generation, and copying them there was most of its work (ADR 0026).
 *
 * It renders what `renderReleaseNotesMarkdown(notesCollector.finish(...))` renders, for every
 * window and configuration, as long as no news fragment is added: a fragment takes over the
 * entry of the change that closes its issue, which needs the entries (the engine uses
 * NotesCollector when the release has fragments).
 */
export class NotesLinesCollector {
  /** Each shown change's line, with the window position of its commit as the item. */
  private readonly sections: SectionBuckets<number>;
  private readonly breaking: BreakingLine[] = [];
  private readonly otherLines: string[] = [];
  private readonly otherOwners: number[] = [];
  private readonly people: WindowPeople;
  /** Hidden types that no section lists: their changes show only when breaking. */
  private readonly unseen: ReadonlySet<string>;

  constructor(
    private readonly config: NotesConfig,
    private readonly links: LinkBuilder | null,
  ) {
    this.unseen = unseenTypes(config);
    this.sections = new SectionBuckets<number>(config);
    this.people = new WindowPeople(config.contributors);
  }

  /** The next (older) commit of the window, reverted pairs included. */
  add(commit: NotesCommit): void {
    const index = this.people.add(commit);
    const { links, people } = this;
    if (commit.changes.length === 0) {
      // Merge commits without a conventional title are bookkeeping, not changes.
      if (this.config.showOther && !commit.merge) {
        this.otherLines.push(entryLineToKeep(otherEntry(commit, links, people.authors)));
        this.otherOwners.push(index);
      }
      return;
    }
    let fields: CommitFields | null = null;
    for (const change of commit.changes) {
      // A hidden change shows nowhere unless it is breaking (without fragments, closing an
      // issue changes nothing).
      if (!change.breaking && this.unseen.has(change.type)) continue;
      fields ??= commitFields(commit, links, people.authors);
      const line = entryLineToKeep(changeEntry(fields, change, links));
      const { scope } = change;
      if (change.breaking) {
        this.breaking.push({ owner: index, scope, line, explanation: breakingExplanation(change) });
      }
      this.sections.add(change.type, scope, index, line);
    }
  }

  /**
   * The notes of the commits added, as Markdown lines, without those `kept` says no to
   * (reverted pairs; null keeps every commit). Refuses news fragments (see the class).
   */
  finish(heading: NotesHeading, kept: ((index: number) => boolean) | null = null): NotesText {
    if ((heading.fragments ?? []).length > 0) {
      throw new Error('NotesLinesCollector cannot add news fragments: use NotesCollector');
    }
    const { config } = this;
    const keep = kept ?? (() => true);
    const sections = this.sections.finish();
    return {
      version: heading.version,
      date: heading.date,
      compareUrl: compareUrlOf(this.links, heading),
      breakingTitle: config.breakingTitle,
      breaking: sortByScope(this.breaking.filter(({ owner }) => keep(owner))),
      sections:
        kept === null
          ? sections.map(({ title, lines }) => ({ title, lines }))
          : this.keptSections(sections, kept),
      other:
        kept === null
          ? this.otherLines.slice()
          : this.otherLines.filter((_, at) => kept(this.otherOwners[at] ?? -1)),
      contributors: this.people.contributors(kept),
    };
  }

  /**
   * The sections as `groupSections` gives them for the kept commits' entries: the sorted lists
   * without the left-out changes (a stable sort of a subset is the subset of the stable sort),
   * and without the sections that leaves empty.
   */
  private keptSections(
    sections: readonly SortedSection<number>[],
    kept: (index: number) => boolean,
  ): NotesTextSection[] {
    const shown: NotesTextSection[] = [];
    for (const { title, items, lines } of sections) {
      const keptLines = lines.filter((_, at) => kept(items[at] ?? -1));
      if (keptLines.length > 0) shown.push({ title, lines: keptLines });
    }
    return shown;
  }
}
