import type { FragmentEntry } from '../fragments/parse-fragment.js';
import type { LinkBuilder } from '../links/create-link-builder.js';
import type { NotesBreakingChange, NotesEntry } from './release-notes.js';

/** towncrier's type names, read as the conventional types whose sections they share. */
const conventionalTypeOf: Readonly<Record<string, string>> = {
  feature: 'feat',
  bugfix: 'fix',
  doc: 'docs',
  perf: 'perf',
};

export function fragmentNotesType(type: string): string {
  return conventionalTypeOf[type] ?? type;
}

/**
 * Folds news fragments into the notes' entries. A fragment for issue 45 and a commit that closes
 * #45 are one entry: the fragment's text (written for readers) with the commit's links. Other
 * fragments become entries of their own, without a commit.
 */
export function addFragmentEntries(
  entries: NotesEntry[],
  breaking: NotesBreakingChange[],
  fragments: readonly FragmentEntry[],
  links: LinkBuilder | null,
): void {
  for (const fragment of fragments) {
    const description = fragmentDescription(fragment);
    const closing =
      fragment.issue === null
        ? -1
        : entries.findIndex((entry) => closes(entry, fragment.issue ?? ''));
    const existing = entries[closing];
    if (existing !== undefined) {
      const merged = { ...existing, description, fragment: fragment.file };
      entries[closing] = merged;
      const listed = breaking.find((change) => change.entry === existing);
      if (listed !== undefined) Object.assign(listed, { description, entry: merged });
      else if (fragment.breaking)
        breaking.push({ scope: merged.scope, description, explanation: null, entry: merged });
      continue;
    }
    const issue =
      fragment.issue === null
        ? []
        : [
            {
              id: fragment.issue,
              repository: null,
              closing: true,
              url:
                links === null
                  ? null
                  : links.issue({
                      id: fragment.issue,
                      kind: /^\d+$/.test(fragment.issue) ? 'number' : 'key',
                      repository: null,
                      closing: true,
                    }),
            },
          ];
    const entry: NotesEntry = {
      type: fragmentNotesType(fragment.type),
      scope: null,
      description,
      breaking: fragment.breaking,
      sha: '',
      shortSha: '',
      commitUrl: null,
      pullRequests: [],
      issues: issue,
      authors: [],
      fragment: fragment.file,
    };
    entries.push(entry);
    if (fragment.breaking) breaking.push({ scope: null, description, explanation: null, entry });
  }
}

function closes(entry: NotesEntry, issue: string): boolean {
  return entry.issues.some((ref) => ref.closing && ref.repository === null && ref.id === issue);
}

/** The fragment's text as one entry line; types without content show their issue. */
function fragmentDescription(fragment: FragmentEntry): string {
  const text = fragment.text.replace(/\s*\n\s*/g, ' ').trim();
  if (text !== '') return text;
  return fragment.issue === null ? fragment.file : `#${fragment.issue}`;
}
