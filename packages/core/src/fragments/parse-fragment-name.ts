/** A file name that is a news fragment, split the way towncrier splits it. */
export interface ParsedFragmentName {
  readonly kind: 'fragment';
  readonly type: string;
  /** Null for orphans (`+slug.type.md`); leading zeros of numeric issues are dropped. */
  readonly issue: string | null;
  /** The orphan's slug (without the prefix); null when there is an issue. */
  readonly slug: string | null;
  /** `123.feature.2.md` → 2; 0 when absent. */
  readonly counter: number;
  /** What follows the type and counter, without the dot ("md", "rst", ""). */
  readonly extension: string;
}

export type FragmentNameResult =
  | ParsedFragmentName
  /** Not a fragment and not a problem: README, templates, dot files. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'problem'; readonly message: string };

// Files that live in fragment directories by convention and are never fragments.
const ignoredNames = /^(?:\..*|readme(?:\..*)?|template(?:\..*)?|_template(?:\..*)?)$/i;

/**
 * Parses `<issue>.<type>[.<counter>][.<extension>]` like towncrier: the type is the last part
 * (from the right, never the first part) that names a known type, everything before it is the
 * issue, and a number right after it is the counter.
 */
export function parseFragmentName(
  name: string,
  typeKeys: readonly string[],
  orphanPrefix = '+',
): FragmentNameResult {
  if (ignoredNames.test(name)) return { kind: 'ignored' };
  const parts = name.split('.');
  if (parts.length < 2) {
    return {
      kind: 'problem',
      message: `${name}: not a fragment name (expected <issue>.<type>.md)`,
    };
  }
  for (let index = parts.length - 1; index >= 1; index -= 1) {
    const type = parts[index] ?? '';
    if (!typeKeys.includes(type)) continue;
    const head = parts.slice(0, index).join('.').trim();
    const next = parts[index + 1];
    const hasCounter = next !== undefined && /^\d+$/.test(next);
    const counter = hasCounter ? Number(next) : 0;
    const extension = parts.slice(index + (hasCounter ? 2 : 1)).join('.');
    if (head === '' || head === orphanPrefix) {
      return { kind: 'problem', message: `${name}: the issue or orphan slug is empty` };
    }
    if (orphanPrefix !== '' && head.startsWith(orphanPrefix)) {
      return {
        kind: 'fragment',
        type,
        issue: null,
        slug: head.slice(orphanPrefix.length),
        counter,
        extension,
      };
    }
    return { kind: 'fragment', type, issue: normalizeIssue(head), slug: null, counter, extension };
  }
  const guessed = parts[1] ?? '';
  return {
    kind: 'problem',
    message: `${name}: unknown fragment type "${guessed}" (valid types: ${typeKeys.join(', ')})`,
  };
}

/** towncrier drops leading zeros of numeric issues so `007` and `7` are the same issue. */
export function normalizeIssue(issue: string): string {
  const trimmed = issue.trim().replace(/^#/, '');
  return /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : trimmed;
}
