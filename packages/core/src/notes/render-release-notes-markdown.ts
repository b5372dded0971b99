import { escapeItemStart, escapeMarkdown } from './escape-markdown.js';
import { OTHER_COMMITS_TITLE } from './notes-config.js';
import type {
  NotesBreakingChange,
  NotesEntry,
  NotesIssue,
  NotesPullRequest,
  ReleaseNotes,
} from './release-notes.js';

/** Renders notes as one Markdown release: heading, breaking changes, sections, contributors. */
export function renderReleaseNotesMarkdown(notes: ReleaseNotes): string {
  return `${heading(notes)}\n\n${renderReleaseNotesBody(notes)}`;
}

/** The release's sections without its heading: what a changelog file puts under its own heading. */
export function renderReleaseNotesBody(notes: ReleaseNotes): string {
  const blocks: string[] = [];
  if (notes.breaking.length > 0) {
    // Explanations are paragraphs inside items, which makes the list loose: blank lines between.
    const loose = notes.breaking.some((change) => change.explanation !== null);
    const items = notes.breaking.map(breakingItem).join(loose ? '\n\n' : '\n');
    blocks.push(`### ${notes.breakingTitle}\n\n${items}`);
  }
  for (const section of notes.sections) {
    blocks.push(`### ${section.title}\n\n${section.entries.map(entryLine).join('\n')}`);
  }
  if (notes.other.length > 0) {
    blocks.push(`### ${OTHER_COMMITS_TITLE}\n\n${notes.other.map(entryLine).join('\n')}`);
  }
  if (blocks.length === 0) blocks.push('_No notable changes._');
  if (notes.contributors.length > 0) {
    const lines = notes.contributors.map(
      (person) =>
        `* ${escapeItemStart(escapeMarkdown(person.name))} (${person.commits} ${person.commits === 1 ? 'commit' : 'commits'})`,
    );
    blocks.push(`### Contributors\n\n${lines.join('\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

function heading(notes: ReleaseNotes): string {
  const version =
    notes.compareUrl === null ? notes.version : `[${notes.version}](${notes.compareUrl})`;
  return `## ${version} (${notes.date})`;
}

function breakingItem(change: NotesBreakingChange): string {
  const line = entryLine(change.entry);
  if (change.explanation === null) return line;
  // Indented under the bullet so multi-paragraph explanations stay inside the list item.
  const body = change.explanation
    .split('\n')
    .map((text) => (text.trim() === '' ? '' : `  ${text}`))
    .join('\n');
  return `${line}\n\n${body}`;
}

/**
 * One list item. Runs once per shown change (100,000 times on a long window, after git is done,
 * so on the critical path): plain loops and string appends, no temporary arrays or sets.
 */
function entryLine(entry: NotesEntry): string {
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
