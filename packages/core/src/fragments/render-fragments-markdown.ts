import type { FragmentTypeDefinition } from './fragment-types.js';
import type { FragmentEntry } from './parse-fragment.js';

export interface RenderFragmentsOptions {
  /** Link for an issue reference; null or absent: plain `#123`. */
  readonly issueUrl?: (issue: string) => string | null;
  /** Heading level of the type sections (3 gives `### Features`). */
  readonly headingLevel?: number;
}

/**
 * Markdown sections for a release body, one per type in configuration order. Like towncrier,
 * fragments with the same text are merged into one bullet listing every issue, and types
 * that show no content list only their issues.
 */
export function renderFragmentsMarkdown(
  entries: readonly FragmentEntry[],
  types: readonly FragmentTypeDefinition[],
  options: RenderFragmentsOptions = {},
): string {
  const hashes = '#'.repeat(options.headingLevel ?? 3);
  const sections: string[] = [];
  for (const type of types) {
    const ofType = entries.filter((entry) => entry.type === type.key);
    if (ofType.length === 0) continue;
    const issuesByText = new Map<string, string[]>();
    for (const entry of ofType) {
      const issues = issuesByText.get(entry.text) ?? [];
      if (entry.issue !== null && !issues.includes(entry.issue)) issues.push(entry.issue);
      issuesByText.set(entry.text, issues);
    }
    const bullets: string[] = [];
    for (const [text, issues] of issuesByText) {
      const refs = [...issues].sort(compareIssues).map((issue) => issueRef(issue, options));
      if (text === '') {
        if (refs.length > 0) bullets.push(`- ${refs.join(', ')}`);
        continue;
      }
      const [first = '', ...rest] = text.split('\n');
      const suffix = refs.length === 0 ? '' : ` (${refs.join(', ')})`;
      const continuation = rest.map((line) => (line === '' ? '' : `  ${line}`));
      // Multi-line text keeps its lines inside the bullet; the issues close it on their own line.
      bullets.push(
        rest.length === 0
          ? `- ${first}${suffix}`
          : [`- ${first}`, ...continuation, ...(suffix === '' ? [] : [`  ${suffix.trim()}`])].join(
              '\n',
            ),
      );
    }
    if (bullets.length > 0) sections.push(`${hashes} ${type.title}\n\n${bullets.join('\n')}`);
  }
  return sections.join('\n\n');
}

function issueRef(issue: string, options: RenderFragmentsOptions): string {
  const label = /^\d+$/.test(issue) ? `#${issue}` : issue;
  const url = options.issueUrl?.(issue) ?? null;
  return url === null ? label : `[${label}](${url})`;
}

// Numbers in numeric order, then other references alphabetically (towncrier groups similarly).
function compareIssues(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
