import type { ChangeRecordPredicate, InTotoStatement } from '@slipway/core';
import { CliGit } from '../../../adapters/git/cli-git.js';
import { enrichmentSource } from './enrich-release.js';
import {
  enrichCommits,
  offlineEnrichment,
  type EnrichableCommit,
  type ReleaseEnrichment,
} from './release-enrichment.js';

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
    readonly requestedReviewers: readonly string[];
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
        requestedReviewers: request.requestedReviewers,
        linkedIssues: request.linkedIssues,
        commits: request.commits,
      })),
    },
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The commits of a change record and the pull request numbers of this repository they name. */
export function commitsOfChangeRecord(predicate: ChangeRecordPredicate): EnrichableCommit[] {
  return predicate.commits.map((commit) => ({
    sha: commit.sha,
    pullRequests: commit.pullRequests.flatMap((ref) => {
      const match = /^[#!](\d+)$/.exec(ref);
      return match === null ? [] : [Number(match[1])];
    }),
  }));
}

/**
 * A signed-to-be change-record statement with the forge's pull requests and reviewers, for the
 * evidence builder: `await enrichChangeRecordStatement(statement, { cwd, env })`. Offline (no
 * token, no forge remote) the predicate gains only a `forge` section saying so.
 */
export async function enrichChangeRecordStatement(
  statement: InTotoStatement,
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly remote?: string },
): Promise<InTotoStatement> {
  const predicate = statement.predicate as ChangeRecordPredicate;
  const source = enrichmentSource({
    remoteUrl: await new CliGit({ cwd: options.cwd }).remoteUrl(options.remote ?? 'origin'),
    env: options.env,
  });
  const enrichment =
    source.kind === null
      ? offlineEnrichment(source.note)
      : await enrichCommits(commitsOfChangeRecord(predicate), source.port, source.kind);
  return { ...statement, predicate: enrichChangeRecord(predicate, enrichment) };
}
