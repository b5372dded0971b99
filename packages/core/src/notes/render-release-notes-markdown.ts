import { entryLinesOf, linesOfList } from './entry-line.js';
import { escapeItemStart, escapeMarkdown } from './escape-markdown.js';
import { OTHER_COMMITS_TITLE } from './notes-config.js';
import type { NotesText, NotesTextBreaking } from './notes-text.js';
import type { ReleaseNotes } from './release-notes.js';

/** Renders notes as one Markdown release: heading, breaking changes, sections, contributors. */
export function renderReleaseNotesMarkdown(notes: ReleaseNotes): string {
  return renderNotesTextMarkdown(notesTextOf(notes));
}

/** The release's sections without its heading: what a changelog file puts under its own heading. */
export function renderReleaseNotesBody(notes: ReleaseNotes): string {
  return renderNotesTextBody(notesTextOf(notes));
}

/** The lines `notes` render to (those rendered while the window streamed, where they were). */
export function notesTextOf(notes: ReleaseNotes): NotesText {
  const entryLine = entryLinesOf(notes);
  return {
    version: notes.version,
    date: notes.date,
    compareUrl: notes.compareUrl,
    breakingTitle: notes.breakingTitle,
    breaking: notes.breaking.map((change) => ({
      line: entryLine(change.entry),
      explanation: change.explanation,
    })),
    sections: notes.sections.map((section) => ({
      title: section.title,
      lines: linesOfList(section.entries, entryLine),
    })),
    other: linesOfList(notes.other, entryLine),
    contributors: notes.contributors,
  };
}

/** `renderReleaseNotesMarkdown` of notes already in their text form. */
export function renderNotesTextMarkdown(text: NotesText): string {
  return renderNotesTextChunks(text).join('');
}

/**
 * `renderNotesTextMarkdown` in pieces, for a caller that writes them out one after another: a
 * long release's notes are then never one string. That string would be stored two bytes per
 * character as soon as one character needs it (the ⚠ of the default breaking title), and its
 * copy and UTF-8 encoding cost more than the rendering (ADR 0026).
 */
export function renderNotesTextChunks(text: NotesText): string[] {
  const chunks = [`${heading(text)}\n\n`];
  notesTextBlocks(text).forEach((block, at) => {
    if (at > 0) chunks.push('\n\n');
    chunks.push(...block);
  });
  chunks.push('\n');
  return chunks;
}

/** `renderReleaseNotesBody` of notes already in their text form. */
export function renderNotesTextBody(text: NotesText): string {
  return `${notesTextBlocks(text)
    .map((block) => block.join(''))
    .join('\n\n')}\n`;
}

/**
 * The blocks of the body, each in pieces (its title apart from its long list): breaking
 * changes, each section, other changes, contributors.
 */
function notesTextBlocks(text: NotesText): string[][] {
  const blocks: string[][] = [];
  if (text.breaking.length > 0) {
    // Explanations are paragraphs inside items, which makes the list loose: blank lines between.
    const loose = text.breaking.some((change) => change.explanation !== null);
    const items = text.breaking.map(breakingItem).join(loose ? '\n\n' : '\n');
    blocks.push([`### ${text.breakingTitle}\n\n`, items]);
  }
  for (const section of text.sections) {
    blocks.push([`### ${section.title}\n\n`, section.lines.join('\n')]);
  }
  if (text.other.length > 0) {
    blocks.push([`### ${OTHER_COMMITS_TITLE}\n\n`, text.other.join('\n')]);
  }
  if (blocks.length === 0) blocks.push(['_No notable changes._']);
  if (text.contributors.length > 0) {
    const lines = text.contributors.map(
      (person) =>
        `* ${escapeItemStart(escapeMarkdown(person.name))} (${person.commits} ${person.commits === 1 ? 'commit' : 'commits'})`,
    );
    blocks.push(['### Contributors\n\n', lines.join('\n')]);
  }
  return blocks;
}

function heading(text: NotesText): string {
  const version = text.compareUrl === null ? text.version : `[${text.version}](${text.compareUrl})`;
  return `## ${version} (${text.date})`;
}

function breakingItem(change: NotesTextBreaking): string {
  if (change.explanation === null) return change.line;
  // Indented under the bullet so multi-paragraph explanations stay inside the list item.
  const body = change.explanation
    .split('\n')
    .map((text) => (text.trim() === '' ? '' : `  ${text}`))
    .join('\n');
  return `${change.line}\n\n${body}`;
}
