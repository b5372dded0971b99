import { escapeItemStart, escapeMarkdown } from './escape-markdown.js';
import type { NotesEntry, NotesIssue, NotesPullRequest, ReleaseNotes } from './release-notes.js';

/**
 * Lines rendered ahead, by the notes they were rendered for. NotesCollector renders each entry's
 * line as the entry is built, while git is still streaming (the process waits on git for part
 * of that time), so that rendering a long release after git is done only joins finished lines.
 * Entries are immutable: a notes object whose entries were replaced (forge enrichment builds
 * new ones) simply misses, and those lines are rendered then.
 */
const renderedAhead = new WeakMap<ReleaseNotes, ReadonlyMap<NotesEntry, string>>();

/** Records lines rendered ahead for the entries of `notes` (see NotesCollector). */
export function rememberEntryLines(
  notes: ReleaseNotes,
  lines: ReadonlyMap<NotesEntry, string>,
): void {
  if (lines.size > 0) renderedAhead.set(notes, lines);
}

/**
 * Lines rendered ahead for a whole list of entries (a section's, the "other" commits'), in the
 * list's order. Keyed by the array: lists are built once by NotesCollector and never changed, and
 * notes whose lists were replaced (forge enrichment) miss and are rendered then.
 */
const listLines = new WeakMap<readonly NotesEntry[], readonly string[]>();

/** Records the lines of `entries`, one per entry and in its order (see NotesCollector). */
export function rememberListLines(entries: readonly NotesEntry[], lines: readonly string[]): void {
  if (lines.length === entries.length && lines.length > 0) listLines.set(entries, lines);
}

/** The lines of a list of entries, one per entry: rendered ahead when they were, else now. */
export function linesOfList(
  entries: readonly NotesEntry[],
  entryLine: (entry: NotesEntry) => string,
): readonly string[] {
  const ahead = listLines.get(entries);
  return ahead !== undefined && ahead.length === entries.length ? ahead : entries.map(entryLine);
}

/** The line of each entry of `notes`: rendered ahead when it was, else now. */
export function entryLinesOf(notes: ReleaseNotes): (entry: NotesEntry) => string {
  const ahead = renderedAhead.get(notes);
  return ahead === undefined ? entryLine : (entry) => ahead.get(entry) ?? entryLine(entry);
}

/**
 * An entry's line for keeping: flat, so that what is kept is one string of the line's length,
 * not the tree of pieces that appending builds (reading a character flattens it in place).
 */
export function entryLineToKeep(entry: NotesEntry): string {
  const line = entryLine(entry);
  line.charCodeAt(0);
  return line;
}

/**
 * One list item. Runs once per shown change (100,000 times on a long window, after git is done,
 * so on the critical path): plain loops and string appends, no temporary arrays or sets.
 */
export function entryLine(entry: NotesEntry): string {
  const description = escapeMarkdown(entry.description);
  let line =
    entry.scope === null
      ? `* ${escapeItemStart(description)}`
      : `* **${escapeMarkdown(entry.scope)}:** ${description}`;
  const { pullRequests, issues } = entry;
  if (pullRequests.length > 0) {
    line += ' (';
    for (let at = 0; at < pullRequests.length; at++) {
      if (at > 0) line += ', ';
      line += pullRequestLink(pullRequests[at] as NotesPullRequest);
    }
    line += ')';
  }
  // Entries from news fragments alone have no commit to link.
  if (entry.shortSha !== '') line += ` (${link(entry.shortSha, entry.commitUrl)})`;
  if (issues.length > 0) {
    line += issueLinks(issues, true, ', closes ');
    line += issueLinks(issues, false, ', refs ');
  }
  return pullRequests.length === 0 ? line : withThanks(line, pullRequests);
}

/** `<lead>` and the links of the closing (or the other) issues, comma separated; '' if none. */
function issueLinks(issues: readonly NotesIssue[], closing: boolean, lead: string): string {
  let text = '';
  for (const issue of issues) {
    if (issue.closing !== closing) continue;
    text += text === '' ? lead : ', ';
    text += issueLink(issue);
  }
  return text;
}

// Only enriched notes name forge logins: the text of notes from git alone does not change.
function withThanks(line: string, pullRequests: readonly NotesPullRequest[]): string {
  // Each login once, in the order of first mention; most entries have none (no list is made).
  let logins: string[] | null = null;
  for (const ref of pullRequests) {
    if (ref.author === undefined) continue;
    logins ??= [];
    if (!logins.includes(ref.author)) logins.push(ref.author);
  }
  return logins === null
    ? line
    : `${line}, thanks ${logins.map((login) => `@${escapeMarkdown(login)}`).join(', ')}`;
}

function pullRequestLink(ref: NotesPullRequest): string {
  return link(`${ref.repository ?? ''}${ref.sigil}${ref.number}`, ref.url);
}

function issueLink(ref: NotesIssue): string {
  // Key issues (ABC-123) carry no sigil; numbered ones read as #45 or owner/repo#45.
  const label = /^\d+$/.test(ref.id) ? `${ref.repository ?? ''}#${ref.id}` : ref.id;
  return link(label, ref.url);
}

function link(label: string, url: string | null): string {
  return url === null ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${url})`;
}
