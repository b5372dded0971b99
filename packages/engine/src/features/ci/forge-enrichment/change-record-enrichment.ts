import type { ChangeRecordPredicate } from '@slipway/core';
import type { ReleaseEnrichment } from './release-enrichment.js';

/** The forge's part of a change record: what a reviewer of the evidence reads. */
export interface ForgeChangeRecord {
  readonly kind: string | null;
  readonly status: ReleaseEnrichment['status'];
  readonly notes: readonly string[];
  readonly changeRequests: readonly {
    readonly number: number;
    readonly url: string;
    readonly title: string;
    readonly author: string | null;
    readonly labels: readonly string[];
    readonly reviewers: readonly string[];
    readonly linkedIssues: readonly number[];
    readonly commits: readonly string[];
  }[];
}

export type EnrichedChangeRecord = ChangeRecordPredicate & { readonly forge: ForgeChangeRecord };

/**
 * The change record with the forge's reviewers and pull requests: each commit gains the pull
 * requests that brought it and their reviewers as `github:login` / `gitlab:login` (the form
 * approvers use, so an author is recognised), and the unions are recomputed. Pure.
 */
export function enrichChangeRecord(
  predicate: ChangeRecordPredicate,
  enrichment: ReleaseEnrichment,
): EnrichedChangeRecord {
  const prefix = enrichment.forge === null ? '' : `${enrichment.forge}:`;
  const sigil = enrichment.forge === 'gitlab' ? '!' : '#';
  const commits = predicate.commits.map((commit) => {
    const requests = enrichment.changeRequests.filter((request) =>
      request.commits.includes(commit.sha),
    );
    if (requests.length === 0) return commit;
    return {
      ...commit,
      pullRequests: unique([
        ...commit.pullRequests,
        ...requests.map((request) => `${sigil}${request.number}`),
      ]),
      issues: unique([
        ...commit.issues,
        ...requests.flatMap((request) => request.linkedIssues.map((issue) => `#${issue}`)),
      ]),
      reviewers: unique([
        ...commit.reviewers,
        ...requests.flatMap((request) => request.reviewers.map((login) => `${prefix}${login}`)),
      ]),
    };
  });
  return {
    ...predicate,
    commits,
    pullRequests: unique(commits.flatMap((commit) => commit.pullRequests)),
    issues: unique(commits.flatMap((commit) => commit.issues)),
    reviewers: unique(commits.flatMap((commit) => commit.reviewers)),
    forge: {
      kind: enrichment.forge,
      status: enrichment.status,
      notes: enrichment.notes,
      changeRequests: enrichment.changeRequests.map((request) => ({
        number: request.number,
        url: request.url,
        title: request.title,
        author: request.author,
        labels: request.labels,
        reviewers: request.reviewers,
        linkedIssues: request.linkedIssues,
        commits: request.commits,
      })),
    },
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
