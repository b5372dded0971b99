import { UNLISTED_TYPES_TITLE, type NotesConfig } from './notes-config.js';
import type { NotesEntry, NotesSectionEntries } from './release-notes.js';

/** One scope's entries of a section, in window order, with their lines beside them. */
interface Bucket {
  readonly entries: NotesEntry[];
  readonly lines: string[];
}

/** A section's entries sorted as `sortByScope` sorts them, with their lines in the same order. */
export interface SortedSection {
  readonly entries: NotesEntry[];
  readonly lines: string[];
}

/** `sortByScope`'s key: unscoped first, then by scope regardless of case. */
function scopeKey(scope: string | null): string {
  return scope === null ? '' : `~${scope.toLowerCase()}`;
}

/** One section's buckets by scope key. Few scopes, so few buckets. */
class ScopeBuckets {
  private readonly byKey = new Map<string, Bucket>();
  // The previous entry's scope and bucket: entries of one scope often follow each other.
  private lastScope: string | null | undefined = undefined;
  private last: Bucket | null = null;

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  add(entry: NotesEntry, line: string): void {
    let bucket = this.last;
    if (bucket === null || entry.scope !== this.lastScope) {
      const key = scopeKey(entry.scope);
      bucket = this.byKey.get(key) ?? null;
      if (bucket === null) {
        bucket = { entries: [], lines: [] };
        this.byKey.set(key, bucket);
      }
      this.lastScope = entry.scope;
      this.last = bucket;
    }
    bucket.entries.push(entry);
    bucket.lines.push(line);
  }

  /**
   * Entries and lines by key, window order within a key: what `sortByScope` gives (scopes that
   * differ only in case share a key and interleave in window order there too).
   */
  sorted(): SortedSection {
    const keys = [...this.byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 1) {
      const only = this.byKey.get(keys[0] ?? '') as Bucket;
      return { entries: only.entries.slice(), lines: only.lines.slice() };
    }
    const entries: NotesEntry[] = [];
    const lines: string[] = [];
    for (const key of keys) {
      const bucket = this.byKey.get(key) as Bucket;
      for (let at = 0; at < bucket.entries.length; at++) {
        entries.push(bucket.entries[at] as NotesEntry);
        lines.push(bucket.lines[at] as string);
      }
    }
    return { entries, lines };
  }
}

/**
 * The notes' sections kept sorted as entries arrive, each entry's line beside it, so that
 * finishing a long window is concatenating a few buckets rather than grouping and sorting every
 * entry (what `groupSections` does, with the same result). Only valid while every collected
 * entry is kept: reverted pairs and news fragments go through `groupSections` instead.
 */
export class SectionBuckets {
  private readonly sections: ScopeBuckets[];
  private readonly unlisted = new ScopeBuckets();
  /** Types neither listed nor hidden, in the order of their first entry. */
  private readonly unlistedTypes: string[] = [];
  /** Per type: the indexes of the sections that list it; -1 for the unlisted section. */
  private readonly placement = new Map<string, readonly number[]>();
  private readonly hidden: ReadonlySet<string>;
  private lastType = '';
  private lastPlaces: readonly number[] | null = null;

  constructor(private readonly config: NotesConfig) {
    this.sections = config.sections.map(() => new ScopeBuckets());
    this.hidden = new Set(config.hidden);
  }

  add(entry: NotesEntry, line: string): void {
    // Types are few and repeat: the previous entry's type usually answers without a lookup.
    let places = this.lastPlaces;
    if (entry.type !== this.lastType || places === null) {
      places = this.placement.get(entry.type) ?? this.place(entry.type);
      this.lastType = entry.type;
      this.lastPlaces = places;
    }
    for (const at of places) {
      (at === -1 ? this.unlisted : (this.sections[at] as ScopeBuckets)).add(entry, line);
    }
  }

  /** The sections with entries, in `groupSections`' order, and each one's lines. */
  finish(): { sections: NotesSectionEntries[]; lines: Map<readonly NotesEntry[], string[]> } {
    const sections: NotesSectionEntries[] = [];
    const lines = new Map<readonly NotesEntry[], string[]>();
    const { config } = this;
    this.sections.forEach((buckets, at) => {
      if (buckets.empty) return;
      const section = config.sections[at];
      if (section === undefined) return;
      const sorted = buckets.sorted();
      sections.push({ title: section.title, types: section.types, entries: sorted.entries });
      lines.set(sorted.entries, sorted.lines);
    });
    if (!this.unlisted.empty) {
      const sorted = this.unlisted.sorted();
      const types = this.unlistedTypes.slice();
      sections.push({ title: UNLISTED_TYPES_TITLE, types, entries: sorted.entries });
      lines.set(sorted.entries, sorted.lines);
    }
    return { sections, lines };
  }

  private place(type: string): readonly number[] {
    const places: number[] = [];
    this.config.sections.forEach((section, at) => {
      if (section.types.includes(type)) places.push(at);
    });
    if (places.length === 0 && !this.hidden.has(type)) {
      places.push(-1);
      this.unlistedTypes.push(type);
    }
    this.placement.set(type, places);
    return places;
  }
}
