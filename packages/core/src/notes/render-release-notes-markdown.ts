import { entryLinesOf, linesOfList } from './entry-line.js';
import { escapeItemStart, escapeMarkdown } from './escape-markdown.js';
import { OTHER_COMMITS_TITLE } from './notes-config.js';
import type { NotesBreakingChange, ReleaseNotes } from './release-notes.js';

/** Renders notes as one Markdown release: heading, breaking changes, sections, contributors. */
export function renderReleaseNotesMarkdown(notes: ReleaseNotes): string {
  return `${heading(notes)}\n\n${renderReleaseNotesBody(notes)}`;
}

/** The release's sections without its heading: what a changelog file puts under its own heading. */
export function renderReleaseNotesBody(notes: ReleaseNotes): string {
  const blocks: string[] = [];
  const entryLine = entryLinesOf(notes);
  if (notes.breaking.length > 0) {
    // Explanations are paragraphs inside items, which makes the list loose: blank lines between.
    const loose = notes.breaking.some((change) => change.explanation !== null);
    const items = notes.breaking
      .map((change) => breakingItem(change, entryLine(change.entry)))
      .join(loose ? '\n\n' : '\n');
    blocks.push(`### ${notes.breakingTitle}\n\n${items}`);
  }
  for (const section of notes.sections) {
    blocks.push(`### ${section.title}\n\n${linesOfList(section.entries, entryLine).join('\n')}`);
  }
  if (notes.other.length > 0) {
    blocks.push(`### ${OTHER_COMMITS_TITLE}\n\n${linesOfList(notes.other, entryLine).join('\n')}`);
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

function breakingItem(change: NotesBreakingChange, line: string): string {
  if (change.explanation === null) return line;
  // Indented under the bullet so multi-paragraph explanations stay inside the list item.
  const body = change.explanation
    .split('\n')
    .map((text) => (text.trim() === '' ? '' : `  ${text}`))
    .join('\n');
  return `${line}\n\n${body}`;
}
