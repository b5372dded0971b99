import type { ParsedCommit, Person } from '../commits/types.js';

/** Slipway's change record of a release: what went in, who wrote and who reviewed it. */
export const changeRecordPredicateType = 'https://slipway.dev/attestations/change-record/v1';

export interface ChangeRecordPredicate {
  readonly service: string;
  readonly version: string;
  /** The release the changes are counted from; null for the first release. */
  readonly previousVersion: string | null;
  readonly commits: readonly {
    readonly sha: string;
    readonly header: string;
    readonly author: string;
    readonly time: string;
    readonly changes: readonly {
      readonly type: string;
      readonly scope: string | null;
      readonly breaking: boolean;
      readonly description: string;
    }[];
    readonly pullRequests: readonly string[];
    readonly issues: readonly string[];
    readonly reviewers: readonly string[];
  }[];
  /** Unions over the commits, sorted: the release's PRs, issues, authors and reviewers. */
  readonly pullRequests: readonly string[];
  readonly issues: readonly string[];
  readonly authors: readonly string[];
  readonly reviewers: readonly string[];
}

export interface ChangeRecordInput {
  readonly service: string;
  readonly version: string;
  readonly previousVersion: string | null;
  /** Oldest first, as the planner reads them. */
  readonly commits: readonly ParsedCommit[];
}

export function changeRecordPredicate(input: ChangeRecordInput): ChangeRecordPredicate {
  const commits = input.commits.map((commit) => {
    const changes = commit.changes;
    const pullRequests = unique(
      changes.flatMap((c) =>
        c.pullRequests.map((pr) => `${pr.repository ?? ''}${pr.sigil}${pr.number}`),
      ),
    );
    const issues = unique(
      changes.flatMap((c) =>
        c.issues.map((i) => `${i.repository ?? ''}${i.kind === 'number' ? '#' : ''}${i.id}`),
      ),
    );
    return {
      sha: commit.sha,
      header: commit.header,
      author: person(commit.author),
      time: new Date(commit.authorTime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      changes: changes.map((c) => ({
        type: c.type,
        scope: c.scope,
        breaking: c.breaking,
        description: c.description,
      })),
      pullRequests,
      issues,
      reviewers: unique(commit.trailers.reviewedBy.map(person)),
    };
  });
  return {
    service: input.service,
    version: input.version,
    previousVersion: input.previousVersion,
    commits,
    pullRequests: unique(commits.flatMap((c) => c.pullRequests)),
    issues: unique(commits.flatMap((c) => c.issues)),
    authors: unique([
      ...input.commits.map((c) => person(c.author)),
      ...input.commits.flatMap((c) => c.trailers.coAuthoredBy.map(person)),
    ]),
    reviewers: unique(commits.flatMap((c) => c.reviewers)),
  };
}

function person(p: Person): string {
  return p.email === null ? p.name : `${p.name} <${p.email}>`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
