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
  /** Logins of those who approved it (an approving review); the author never. */
  readonly reviewers: readonly string[];
  /** Logins of those asked to review who have not approved; the author never. */
  readonly requestedReviewers: readonly string[];
  /** Issues the body closes (`Closes #12`). */
  readonly linkedIssues: readonly number[];
  /** A squash merge keeps only the title: a `BREAKING CHANGE:` in the body still counts. */
  readonly breaking: boolean;
  readonly breakingNotes: readonly string[];
}

/** Where a pull or merge request starts and ends: what `slipway check --pr` checks. */
export interface ForgeChangeRequestRange {
  readonly number: number;
  readonly url: string;
  readonly title: string;
  /** The branch it merges into (`main`) and that branch's commit as the forge saw it. */
  readonly baseRef: string;
  readonly baseSha: string | null;
  /** The source branch and its last commit. */
  readonly headRef: string;
  readonly headSha: string;
}

/** Optional lookups in the forge's API; without a token nothing is looked up. */
export interface ForgeEnrichmentPort {
  /** The merged (or open) change requests containing `sha`; empty when none. */
  changeRequestsFor(sha: string): Promise<ForgeChangeRequest[]>;
  /** One change request by its number (GitHub) or `iid` (GitLab), with its reviewers. */
  changeRequest(number: number): Promise<ForgeChangeRequest>;
  /** The base and head of one change request. */
  changeRequestRange(number: number): Promise<ForgeChangeRequestRange>;
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
