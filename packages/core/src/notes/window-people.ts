import type { Person } from '../commits/types.js';
import type { NotesConfig } from './notes-config.js';
import { AuthorLists, ContributorTally, countContributors } from './notes-entries.js';
import type { NotesCommit, NotesContributor } from './release-notes.js';

/**
 * The people of a window's commits, by window position, for the notes collectors: each commit's
 * author and co-authors (kept by column, so that reverted pairs can be left out at the end) and
 * the contributors tallied as the commits arrive (for when every commit is kept).
 */
export class WindowPeople {
  /** Entry author lists and contributor keys, shared by a collector's entries. */
  readonly authors = new AuthorLists();
  private readonly authorOf: Person[] = [];
  private readonly coAuthorsOf: (readonly Person[])[] = [];
  private readonly tally = new ContributorTally(this.authors);

  /** `counted` false: the notes list no contributors, so none are tallied. */
  constructor(private readonly counted: boolean) {}

  /** Records the next (older) commit; returns its window position. */
  add(commit: NotesCommit): number {
    const index = this.authorOf.length;
    const coAuthors = commit.trailers.coAuthoredBy;
    this.authorOf.push(commit.author);
    this.coAuthorsOf.push(coAuthors);
    if (this.counted) this.tally.add(commit.author, coAuthors);
    return index;
  }

  /** The contributors of the commits `kept` says yes to (null keeps all); none if not counted. */
  contributors(kept: ((index: number) => boolean) | null): NotesContributor[] {
    if (!this.counted) return [];
    if (kept === null) return this.tally.contributors();
    return countContributors(this.authorOf, this.coAuthorsOf, kept, this.authors);
  }
}

/** Hidden types that no section lists: their changes show only when breaking. */
export function unseenTypes(config: NotesConfig): ReadonlySet<string> {
  const listed = new Set(config.sections.flatMap((section) => section.types));
  return new Set(config.hidden.filter((type) => !listed.has(type)));
}
