import type { PullRequestForgeKind } from '../../../adapters/forges/forge-port.js';

/** A pull or merge request that brought a commit, as release notes and evidence use it. */
export interface ForgeChangeRequest {
  readonly forge: PullRequestForgeKind;
  /** GitHub's number or GitLab's `iid`. */
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly body: string;
  /** Login of the author ("thanks @author"), or null when the forge hides it. */
  readonly author: string | null;
  readonly labels: readonly string[];
  /** Logins of those who approved, and of those asked to review; the author never. */
  readonly reviewers: readonly string[];
  /** Issues the body closes (`Closes #12`). */
  readonly linkedIssues: readonly number[];
  /** A squash merge keeps only the title: a `BREAKING CHANGE:` in the body still counts. */
  readonly breaking: boolean;
  readonly breakingNotes: readonly string[];
}

/** Optional lookups in the forge's API; without a token nothing is looked up. */
export interface ForgeEnrichmentPort {
  /** The merged (or open) change requests containing `sha`; empty when none. */
  changeRequestsFor(sha: string): Promise<ForgeChangeRequest[]>;
}

const closing = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)/gi;
const breakingFooter = /^BREAKING[ -]CHANGE:\s*(.+)$/gm;

/** What the body and title say beyond the API's fields: closed issues and breaking changes. */
export function bodyFacts(
  title: string,
  body: string,
): Pick<ForgeChangeRequest, 'linkedIssues' | 'breaking' | 'breakingNotes'> {
  const linkedIssues = [...new Set([...body.matchAll(closing)].map((match) => Number(match[1])))];
  const breakingNotes = [...body.matchAll(breakingFooter)].map((match) => (match[1] ?? '').trim());
  const bang = /^[a-z][a-z0-9_-]*(?:\([^)]*\))?!:/i.test(title);
  return { linkedIssues, breaking: bang || breakingNotes.length > 0, breakingNotes };
}

export function uniqueLogins(
  logins: readonly (string | null | undefined)[],
  author: string | null,
): string[] {
  return [
    ...new Set(
      logins.filter(
        (login): login is string => typeof login === 'string' && login !== '' && login !== author,
      ),
    ),
  ];
}
