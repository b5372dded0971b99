import type { Change, ParsedCommit, Person } from '../commits/types.js';
import type { LinkBuilder } from '../links/create-link-builder.js';
import { addFragmentEntries } from './fragment-notes.js';
import { UNLISTED_TYPES_TITLE, type NotesConfig } from './notes-config.js';
import type {
  NotesBreakingChange,
  NotesContributor,
  NotesEntry,
  NotesInput,
  NotesSectionEntries,
  ReleaseNotes,
} from './release-notes.js';

/**
 * Groups the window's changes into the notes' sections. Pure and deterministic: the same input
 * gives the same notes, so a re-run of a release renders identical text.
 */
export function buildReleaseNotes(input: NotesInput): ReleaseNotes {
  const { config, links } = input;
  const breaking: NotesBreakingChange[] = [];
  const entries: NotesEntry[] = [];
  const other: NotesEntry[] = [];

  for (const commit of input.commits) {
    if (commit.changes.length === 0) {
      // Merge commits without a conventional title are bookkeeping, not changes.
      if (config.showOther && !commit.merge) other.push(otherEntry(commit, links));
      continue;
    }
    for (const change of commit.changes) {
      const entry = changeEntry(commit, change, links);
      if (change.breaking) {
        breaking.push({
          scope: entry.scope,
          description: entry.description,
          explanation: change.breakingNotes.length === 0 ? null : change.breakingNotes.join('\n\n'),
          entry,
        });
      }
      entries.push(entry);
    }
  }

  addFragmentEntries(entries, breaking, input.fragments ?? [], links);
  return {
    name: input.name ?? null,
    version: input.version,
    previousVersion: input.previousVersion,
    tag: input.tag,
    previousTag: input.previousTag,
    date: input.date,
    compareUrl:
      links === null || input.previousTag === null
        ? null
        : links.compare(input.previousTag, input.tag),
    breakingTitle: config.breakingTitle,
    breaking: sortByScope(breaking),
    sections: groupSections(entries, config),
    other,
    contributors: config.contributors ? countContributors(input.commits) : [],
  };
}

// A section keeps the input order across its types, so `[fix, refactor]` reads as history.
function groupSections(entries: readonly NotesEntry[], config: NotesConfig): NotesSectionEntries[] {
  const sections: NotesSectionEntries[] = [];
  const listed = new Set<string>();
  for (const section of config.sections) {
    const types = new Set(section.types);
    const mine = entries.filter((entry) => types.has(entry.type));
    for (const type of section.types) listed.add(type);
    if (mine.length > 0) {
      sections.push({ title: section.title, types: section.types, entries: sortByScope(mine) });
    }
  }
  const hidden = new Set(config.hidden);
  const rest = entries.filter((entry) => !listed.has(entry.type) && !hidden.has(entry.type));
  if (rest.length > 0) {
    const types = [...new Set(rest.map((entry) => entry.type))];
    sections.push({ title: UNLISTED_TYPES_TITLE, types, entries: sortByScope(rest) });
  }
  return sections;
}

/** Unscoped entries first, then by scope; the input order is kept within a scope. */
function sortByScope<T extends { readonly scope: string | null }>(items: readonly T[]): T[] {
  const key = (item: T): string => (item.scope === null ? '' : `~${item.scope.toLowerCase()}`);
  return items
    .map((item, index) => ({ item, index, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map(({ item }) => item);
}

function changeEntry(commit: ParsedCommit, change: Change, links: LinkBuilder | null): NotesEntry {
  return {
    type: change.type,
    scope: change.scope,
    description: withoutTrailingPullRequest(change),
    breaking: change.breaking,
    ...commitFields(commit, links),
    pullRequests: change.pullRequests.map((ref) => ({
      number: ref.number,
      sigil: ref.sigil,
      repository: ref.repository,
      url: links === null ? null : links.pullRequest(ref),
    })),
    issues: change.issues.map((ref) => ({
      id: ref.id,
      repository: ref.repository,
      closing: ref.closing,
      url: links === null ? null : links.issue(ref),
    })),
    fragment: null,
  };
}

function otherEntry(commit: ParsedCommit, links: LinkBuilder | null): NotesEntry {
  return {
    type: '',
    scope: null,
    description: commit.header,
    breaking: false,
    ...commitFields(commit, links),
    pullRequests: [],
    issues: [],
    fragment: null,
  };
}

function commitFields(
  commit: ParsedCommit,
  links: LinkBuilder | null,
): Pick<NotesEntry, 'sha' | 'shortSha' | 'commitUrl' | 'authors'> {
  const authors = [commit.author, ...commit.trailers.coAuthoredBy].map((person) => person.name);
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    commitUrl: links === null ? null : links.commit(commit.sha),
    authors: [...new Set(authors)],
  };
}

// Squash merges append `(#12)` to the title; the entry links the pull request itself.
function withoutTrailingPullRequest(change: Change): string {
  const match = /\s*\(([#!])(\d+)\)$/.exec(change.description);
  if (match === null) return change.description;
  const known = change.pullRequests.some(
    (ref) => ref.repository === null && ref.sigil === match[1] && String(ref.number) === match[2],
  );
  return known ? change.description.slice(0, match.index) : change.description;
}

function countContributors(commits: readonly ParsedCommit[]): NotesContributor[] {
  const people = new Map<string, { name: string; email: string | null; commits: number }>();
  for (const commit of commits) {
    const seen = new Set<string>();
    for (const person of [commit.author, ...commit.trailers.coAuthoredBy]) {
      const key = personKey(person);
      if (seen.has(key)) continue;
      seen.add(key);
      const known = people.get(key);
      if (known === undefined)
        people.set(key, { name: person.name, email: person.email, commits: 1 });
      else known.commits += 1;
    }
  }
  return [...people.values()].sort(
    (a, b) => b.commits - a.commits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

function personKey(person: Person): string {
  return person.email === null || person.email === ''
    ? `name:${person.name.toLowerCase()}`
    : `email:${person.email.toLowerCase()}`;
}
