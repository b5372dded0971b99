import type { PullRequestForgeKind } from '../../../adapters/forges/forge-port.js';
import type { ForgeChangeRequest, ForgeEnrichmentPort } from './change-request.js';

/** A commit of the release and the pull/merge request numbers its message names. */
export interface EnrichableCommit {
  readonly sha: string;
  readonly pullRequests: readonly number[];
}

/** A change request of the release with the commits that brought it in. */
export interface EnrichedChangeRequest extends ForgeChangeRequest {
  readonly commits: readonly string[];
}

/**
 * What the forge adds to a release's change record: the pull or merge requests behind its
 * commits, who wrote and who reviewed them. `offline` when nothing was looked up (no token, no
 * forge remote); `partial` when some lookups failed (the notes say which).
 */
export interface ReleaseEnrichment {
  readonly forge: PullRequestForgeKind | null;
  readonly status: 'enriched' | 'partial' | 'offline';
  /** Sentences for people: why it is offline, which lookups failed, breaking markers. */
  readonly notes: readonly string[];
  /** In the order their commits come. */
  readonly changeRequests: readonly EnrichedChangeRequest[];
  /** Authors of the change requests, in order of first appearance. */
  readonly authors: readonly string[];
  /** Those who approved any of the change requests (approving reviews), each once. */
  readonly reviewers: readonly string[];
}

export function offlineEnrichment(note: string): ReleaseEnrichment {
  return {
    forge: null,
    status: 'offline',
    notes: [note],
    changeRequests: [],
    authors: [],
    reviewers: [],
  };
}

const parallel = 4;
const refusal = /\(HTTP 40[13]\)/;

/**
 * Looks up the change requests of the commits: by number where the message names one (a
 * squash merge's `(#12)`), else by the commit's SHA. One failed lookup becomes a note, not a
 * failed release: the forge only adds to what git already says.
 */
export async function enrichCommits(
  commits: readonly EnrichableCommit[],
  port: ForgeEnrichmentPort,
  forge: PullRequestForgeKind,
): Promise<ReleaseEnrichment> {
  const found = new Map<number, { request: ForgeChangeRequest; commits: string[] }>();
  const notes: string[] = [];
  let failed = false;
  const add = (request: ForgeChangeRequest, sha: string): void => {
    const known = found.get(request.number);
    if (known === undefined) found.set(request.number, { request, commits: [sha] });
    else if (!known.commits.includes(sha)) known.commits.push(sha);
  };
  const lookUp = async (commit: EnrichableCommit) => {
    try {
      const requests =
        commit.pullRequests.length > 0
          ? await Promise.all(commit.pullRequests.map((number) => port.changeRequest(number)))
          : await port.changeRequestsFor(commit.sha);
      return { commit, requests, error: null as unknown };
    } catch (error) {
      return { commit, requests: [], error };
    }
  };
  // A few at a time: forges limit concurrent requests per token.
  const results = [];
  let stopped: string | null = null;
  for (let start = 0; start < commits.length; start += parallel) {
    const batch = await Promise.all(commits.slice(start, start + parallel).map(lookUp));
    results.push(...batch);
    // A refused token (a CI job token the API does not accept) fails every lookup alike.
    const refused = batch.find(
      ({ error }) => error instanceof Error && refusal.test(error.message),
    );
    const left = commits.length - start - batch.length;
    if (refused !== undefined && left > 0) {
      stopped = `${left} more commit${left === 1 ? '' : 's'} not looked up: the forge refused the token`;
      break;
    }
  }
  for (const { commit, requests, error } of results) {
    if (error !== null) {
      failed = true;
      const message = error instanceof Error ? error.message : '';
      notes.push(`commit ${commit.sha.slice(0, 7)}: ${message || String(error)}`);
    }
    for (const request of requests) add(request, commit.sha);
  }
  if (stopped !== null) notes.push(stopped);
  const changeRequests = [...found.values()].map(({ request, commits: shas }) => ({
    ...request,
    commits: shas,
  }));
  return {
    forge,
    status: failed ? 'partial' : 'enriched',
    notes,
    changeRequests,
    authors: unique(changeRequests.map((request) => request.author)),
    reviewers: unique(changeRequests.flatMap((request) => request.reviewers)),
  };
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value !== ''))];
}
