import { UNLISTED_TYPES_TITLE, type NotesConfig } from './notes-config.js';

/** One scope's items of a section, in window order, with their lines beside them. */
interface Bucket<T> {
  readonly items: T[];
  readonly lines: string[];
}

/** A section's items sorted as `sortByScope` sorts entries, with their lines in the same order. */
export interface SortedSection<T> {
  readonly title: string;
  readonly types: readonly string[];
  readonly items: T[];
  readonly lines: string[];
}

/** `sortByScope`'s key: unscoped first, then by scope regardless of case. */
function scopeKey(scope: string | null): string {
  return scope === null ? '' : `~${scope.toLowerCase()}`;
}

/** One section's buckets by scope key. Few scopes, so few buckets. */
class ScopeBuckets<T> {
  private readonly byKey = new Map<string, Bucket<T>>();
  // The previous item's scope and bucket: changes of one scope often follow each other.
  private lastScope: string | null | undefined = undefined;
  private last: Bucket<T> | null = null;

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  add(scope: string | null, item: T, line: string): void {
    let bucket = this.last;
    if (bucket === null || scope !== this.lastScope) {
      const key = scopeKey(scope);
      bucket = this.byKey.get(key) ?? null;
      if (bucket === null) {
        bucket = { items: [], lines: [] };
        this.byKey.set(key, bucket);
      }
      this.lastScope = scope;
      this.last = bucket;
    }
    bucket.items.push(item);
    bucket.lines.push(line);
  }

  /**
   * Items and lines by key, window order within a key: what `sortByScope` gives (scopes that
   * differ only in case share a key and interleave in window order there too).
   */
  sorted(): Bucket<T> {
    const keys = [...this.byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length === 1) {
      const only = this.byKey.get(keys[0] ?? '') as Bucket<T>;
      return { items: only.items.slice(), lines: only.lines.slice() };
    }
    // Copied whole, bucket by bucket: on a long window this is on the way to the output.
    const buckets = keys.map((key) => this.byKey.get(key) as Bucket<T>);
    return {
      items: ([] as T[]).concat(...buckets.map((bucket) => bucket.items)),
      lines: ([] as string[]).concat(...buckets.map((bucket) => bucket.lines)),
    };
  }
}

/**
 * The notes' sections kept sorted as items arrive (entries, or whatever stands for them), each
 * one's line beside it, so that finishing a long window is concatenating a few buckets rather
 * than grouping and sorting every entry (what `groupSections` does, with the same result).
 * Items that finishing leaves out (reverted pairs) can be filtered from the sorted lists: a
 * stable sort of a subset is the subset of the stable sort.
 */
export class SectionBuckets<T> {
  private readonly sections: ScopeBuckets<T>[];
  private readonly unlisted = new ScopeBuckets<T>();
  /** Types neither listed nor hidden, in the order of their first item. */
  private readonly unlistedTypes: string[] = [];
  /** Per type: the indexes of the sections that list it; -1 for the unlisted section. */
  private readonly placement = new Map<string, readonly number[]>();
  private readonly hidden: ReadonlySet<string>;
  private lastType = '';
  private lastPlaces: readonly number[] | null = null;

  constructor(private readonly config: NotesConfig) {
    this.sections = config.sections.map(() => new ScopeBuckets<T>());
    this.hidden = new Set(config.hidden);
  }

  add(type: string, scope: string | null, item: T, line: string): void {
    for (const at of this.places(type)) {
      (at === -1 ? this.unlisted : (this.sections[at] as ScopeBuckets<T>)).add(scope, item, line);
    }
  }

  /** The sections with items, in `groupSections`' order, each with its items' lines. */
  finish(): SortedSection<T>[] {
    const sections: SortedSection<T>[] = [];
    const { config } = this;
    this.sections.forEach((buckets, at) => {
      const section = config.sections[at];
      if (buckets.empty || section === undefined) return;
      const { title, types } = section;
      sections.push({ title, types, ...buckets.sorted() });
    });
    if (!this.unlisted.empty) {
      const types = this.unlistedTypes.slice();
      sections.push({ title: UNLISTED_TYPES_TITLE, types, ...this.unlisted.sorted() });
    }
    return sections;
  }

  private places(type: string): readonly number[] {
    // Types are few and repeat: the previous item's type usually answers without a lookup.
    let places = this.lastPlaces;
    if (type !== this.lastType || places === null) {
      places = this.placement.get(type) ?? this.place(type);
      this.lastType = type;
      this.lastPlaces = places;
    }
    return places;
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
