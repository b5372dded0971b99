// The parts release notes are made of: entries, sections sorted by scope, contributors.
import type { Person } from '../commits/types.js';
import type { LinkBuilder } from '../links/create-link-builder.js';
import { UNLISTED_TYPES_TITLE, type NotesConfig } from './notes-config.js';
import type {
  NotesChange,
  NotesCommit,
  NotesContributor,
  NotesEntry,
  NotesSectionEntries,
} from './release-notes.js';

// A section keeps the input order across its types, so `[fix, refactor]` reads as history.
export function groupSections(
  entries: readonly NotesEntry[],
  config: NotesConfig,
): NotesSectionEntries[] {
  const byType = new Map<string, NotesEntry[]>();
  for (const entry of entries) {
    const same = byType.get(entry.type);
    if (same === undefined) byType.set(entry.type, [entry]);
    else same.push(entry);
  }
  const sections: NotesSectionEntries[] = [];
  const listed = new Set<string>();
  for (const section of config.sections) {
    const types = new Set(section.types);
    const mine =
      types.size === 1
        ? (byType.get(section.types[0] ?? '') ?? [])
        : entries.filter((entry) => types.has(entry.type));
    for (const type of section.types) listed.add(type);
    if (mine.length > 0) {
      sections.push({ title: section.title, types: section.types, entries: sortByScope(mine) });
    }
  }
  const hidden = new Set(config.hidden);
  const unlisted = (type: string): boolean => !listed.has(type) && !hidden.has(type);
  if ([...byType.keys()].some(unlisted)) {
    const rest = entries.filter((entry) => unlisted(entry.type));
    const types = [...new Set(rest.map((entry) => entry.type))];
    sections.push({ title: UNLISTED_TYPES_TITLE, types, entries: sortByScope(rest) });
  }
  return sections;
}

/**
 * Unscoped entries first, then by scope; the input order is kept within a scope. A stable sort
 * by key, done as one bucket per scope (few) rather than a comparison sort of every entry.
 */
export function sortByScope<T extends { readonly scope: string | null }>(items: readonly T[]): T[] {
  const buckets = new Map<string | null, T[]>();
  for (const item of items) {
    const bucket = buckets.get(item.scope);
    if (bucket === undefined) buckets.set(item.scope, [item]);
    else bucket.push(item);
  }
  if (buckets.size === 1) return [...items];
  const keyed = [...buckets.keys()].map((scope) => ({
    scope,
    key: scope === null ? '' : `~${scope.toLowerCase()}`,
  }));
  // Scopes that differ only in case share a key: their entries interleave in input order.
  if (new Set(keyed.map(({ key }) => key)).size < keyed.length) return sortByKey(items);
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sorted: T[] = [];
  for (const { scope } of keyed) {
    for (const item of buckets.get(scope) ?? []) sorted.push(item);
  }
  return sorted;
}

function sortByKey<T extends { readonly scope: string | null }>(items: readonly T[]): T[] {
  const key = (item: T): string => (item.scope === null ? '' : `~${item.scope.toLowerCase()}`);
  return items
    .map((item, index) => ({ item, index, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map(({ item }) => item);
}

export type CommitFields = Pick<NotesEntry, 'sha' | 'shortSha' | 'commitUrl' | 'authors'>;

export function changeEntry(
  fields: CommitFields,
  change: NotesChange,
  links: LinkBuilder | null,
): NotesEntry {
  return {
    type: change.type,
    scope: change.scope,
    description: withoutTrailingPullRequest(change),
    breaking: change.breaking,
    sha: fields.sha,
    shortSha: fields.shortSha,
    commitUrl: fields.commitUrl,
    authors: fields.authors,
    // Most changes have no pull request or no issue: they share one empty list.
    pullRequests:
      change.pullRequests.length === 0
        ? NONE
        : change.pullRequests.map((ref) => ({
            number: ref.number,
            sigil: ref.sigil,
            repository: ref.repository,
            url: links === null ? null : links.pullRequest(ref),
          })),
    issues:
      change.issues.length === 0
        ? NONE
        : change.issues.map((ref) => ({
            id: ref.id,
            repository: ref.repository,
            closing: ref.closing,
            url: links === null ? null : links.issue(ref),
          })),
    fragment: null,
  };
}

const NONE: readonly never[] = Object.freeze([]);

/** A breaking change's `BREAKING CHANGE:` notes as its explanation; null when only `!` marks it. */
export function breakingExplanation(change: NotesChange): string | null {
  return change.breakingNotes.length === 0 ? null : change.breakingNotes.join('\n\n');
}

/** The link comparing the previous release's tag with this one's; null without either. */
export function compareUrlOf(
  links: LinkBuilder | null,
  heading: { readonly previousTag: string | null; readonly tag: string },
): string | null {
  return links === null || heading.previousTag === null
    ? null
    : links.compare(heading.previousTag, heading.tag);
}

export function otherEntry(
  commit: NotesCommit,
  links: LinkBuilder | null,
  authors: AuthorLists,
): NotesEntry {
  const fields = commitFields(commit, links, authors);
  return {
    type: '',
    scope: null,
    description: commit.header,
    breaking: false,
    sha: fields.sha,
    shortSha: fields.shortSha,
    commitUrl: fields.commitUrl,
    authors: fields.authors,
    pullRequests: [],
    issues: [],
    fragment: null,
  };
}

export function commitFields(
  commit: NotesCommit,
  links: LinkBuilder | null,
  authors: AuthorLists,
): CommitFields {
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    commitUrl: links === null ? null : links.commit(commit.sha),
    authors: authors.of(commit),
  };
}

/**
 * Entry authors (author first, then co-authors, each name once) and contributor keys. Authors
 * are shared Person objects (the parser interns them), so a commit without co-authors reuses
 * one list and one key per person instead of building them again for each of its entries.
 */
export class AuthorLists {
  private readonly lists = new Map<Person, readonly string[]>();
  private readonly keys = new Map<Person, string>();

  of(commit: NotesCommit): readonly string[] {
    const { author } = commit;
    const coAuthors = commit.trailers.coAuthoredBy;
    if (coAuthors.length === 0) {
      let list = this.lists.get(author);
      if (list === undefined) {
        list = [author.name];
        this.lists.set(author, list);
      }
      return list;
    }
    return [...new Set([author, ...coAuthors].map((person) => person.name))];
  }

  key(person: Person): string {
    let key = this.keys.get(person);
    if (key === undefined) {
      key = personKey(person);
      this.keys.set(person, key);
    }
    return key;
  }
}

// Squash merges append `(#12)` to the title; the entry links the pull request itself.
function withoutTrailingPullRequest(change: NotesChange): string {
  // Most descriptions lost their `(#12)` to the parser already: no need to run the pattern.
  if (!change.description.endsWith(')')) return change.description;
  const match = /\s*\(([#!])(\d+)\)$/.exec(change.description);
  if (match === null) return change.description;
  const known = change.pullRequests.some(
    (ref) => ref.repository === null && ref.sigil === match[1] && String(ref.number) === match[2],
  );
  return known ? change.description.slice(0, match.index) : change.description;
}

/**
 * Authors and co-authors of the kept commits (`authorOf[i]` and `coAuthorsOf[i]` by window
 * position; `kept` null keeps all), most commits first; each person counts once per commit.
 */
export function countContributors(
  authorOf: readonly Person[],
  coAuthorsOf: readonly (readonly Person[])[],
  kept: ((index: number) => boolean) | null,
  authors: AuthorLists,
): NotesContributor[] {
  const people = new Map<string, { name: string; email: string | null; commits: number }>();
  const count = (person: Person, key: string): void => {
    const known = people.get(key);
    if (known === undefined)
      people.set(key, { name: person.name, email: person.email, commits: 1 });
    else known.commits += 1;
  };
  for (let index = 0; index < authorOf.length; index++) {
    const author = authorOf[index];
    if (author === undefined || (kept !== null && !kept(index))) continue;
    const coAuthors = coAuthorsOf[index] ?? [];
    if (coAuthors.length === 0) {
      count(author, authors.key(author));
      continue;
    }
    const seen = new Set<string>();
    for (const person of [author, ...coAuthors]) {
      const key = authors.key(person);
      if (seen.has(key)) continue;
      seen.add(key);
      count(person, key);
    }
  }
  return [...people.values()].sort(
    (a, b) => b.commits - a.commits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * `countContributors` kept up as commits arrive (every commit kept), so that a long window's
 * contributors need no second pass. A run of commits by one author without co-authors, the
 * common case, costs one comparison per commit.
 */
export class ContributorTally {
  private readonly people = new Map<
    string,
    { name: string; email: string | null; commits: number }
  >();
  private lastAuthor: Person | null = null;
  private last: { commits: number } | null = null;

  constructor(private readonly authors: AuthorLists) {}

  add(author: Person, coAuthors: readonly Person[]): void {
    if (coAuthors.length === 0) {
      if (author === this.lastAuthor && this.last !== null) {
        this.last.commits += 1;
        return;
      }
      this.lastAuthor = author;
      this.last = this.count(author, this.authors.key(author));
      return;
    }
    const seen = new Set<string>();
    for (const person of [author, ...coAuthors]) {
      const key = this.authors.key(person);
      if (seen.has(key)) continue;
      seen.add(key);
      this.count(person, key);
    }
  }

  /** As `countContributors` gives them for every commit added so far. */
  contributors(): NotesContributor[] {
    return [...this.people.values()]
      .map(({ name, email, commits }) => ({ name, email, commits }))
      .sort((a, b) => b.commits - a.commits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private count(person: Person, key: string): { commits: number } {
    const known = this.people.get(key);
    if (known !== undefined) {
      known.commits += 1;
      return known;
    }
    const added = { name: person.name, email: person.email, commits: 1 };
    this.people.set(key, added);
    return added;
  }
}

function personKey(person: Person): string {
  return person.email === null || person.email === ''
    ? `name:${person.name.toLowerCase()}`
    : `email:${person.email.toLowerCase()}`;
}
