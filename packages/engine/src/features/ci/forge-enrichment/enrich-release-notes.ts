import type { NotesEntry, NotesIssue, NotesPullRequest, ReleaseNotes } from '@slipway/core';
import type {
  EnrichableCommit,
  EnrichedChangeRequest,
  ReleaseEnrichment,
} from './release-enrichment.js';

function allEntries(notes: ReleaseNotes): NotesEntry[] {
  return [
    ...notes.breaking.map((change) => change.entry),
    ...notes.sections.flatMap((section) => section.entries),
    ...notes.other,
  ];
}

/**
 * The commits behind the notes and the pull request numbers their entries name (of this
 * repository only: `owner/other#3` belongs to another forge project). Entries from news
 * fragments alone have no commit and are left out.
 */
export function commitsOfNotes(notes: ReleaseNotes): EnrichableCommit[] {
  const bySha = new Map<string, Set<number>>();
  for (const entry of allEntries(notes)) {
    if (entry.sha === '') continue;
    const numbers = bySha.get(entry.sha) ?? new Set<number>();
    for (const ref of entry.pullRequests) if (ref.repository === null) numbers.add(ref.number);
    bySha.set(entry.sha, numbers);
  }
  return [...bySha].map(([sha, numbers]) => ({ sha, pullRequests: [...numbers] }));
}

/**
 * The notes with what the forge knows: each pull request's title and author ("thanks
 * @author"), the pull request of a commit whose message names none, and the issues its body
 * closes. Pure; notes of an offline enrichment come back unchanged.
 */
export function applyEnrichmentToNotes(
  notes: ReleaseNotes,
  enrichment: ReleaseEnrichment,
): ReleaseNotes {
  if (enrichment.changeRequests.length === 0) return notes;
  const byNumber = new Map(enrichment.changeRequests.map((request) => [request.number, request]));
  const bySha = new Map<string, EnrichedChangeRequest[]>();
  for (const request of enrichment.changeRequests) {
    for (const sha of request.commits) bySha.set(sha, [...(bySha.get(sha) ?? []), request]);
  }
  const sigil = enrichment.forge === 'gitlab' ? '!' : '#';
  const enrich = (entry: NotesEntry): NotesEntry => {
    const named = entry.pullRequests.filter((ref) => ref.repository === null);
    const requests =
      named.length > 0
        ? named.flatMap((ref) => byNumber.get(ref.number) ?? [])
        : (bySha.get(entry.sha) ?? []);
    if (requests.length === 0) return entry;
    const pullRequests: NotesPullRequest[] =
      named.length > 0
        ? entry.pullRequests.map((ref) => {
            const request = ref.repository === null ? byNumber.get(ref.number) : undefined;
            return request === undefined ? ref : withForgeFacts(ref, request);
          })
        : requests.map((request) =>
            withForgeFacts(
              { number: request.number, sigil, repository: null, url: request.url },
              request,
            ),
          );
    const known = new Set(
      entry.issues.filter((issue) => issue.repository === null).map((issue) => issue.id),
    );
    const linked: NotesIssue[] = [];
    for (const request of requests) {
      for (const issue of request.linkedIssues) {
        if (known.has(String(issue))) continue;
        known.add(String(issue));
        linked.push({
          id: String(issue),
          repository: null,
          closing: true,
          url: issueUrl(request, issue),
        });
      }
    }
    return {
      ...entry,
      pullRequests,
      issues: linked.length === 0 ? entry.issues : [...entry.issues, ...linked],
    };
  };
  return {
    ...notes,
    breaking: notes.breaking.map((change) => ({ ...change, entry: enrich(change.entry) })),
    sections: notes.sections.map((section) => ({
      ...section,
      entries: section.entries.map(enrich),
    })),
    other: notes.other.map(enrich),
    thanks: enrichment.authors,
  };
}

/**
 * Sentences about pull requests whose body declares a breaking change their commit does not:
 * a squash merge keeps only the title, so the plan's bump cannot see it.
 */
export function breakingMismatches(notes: ReleaseNotes, enrichment: ReleaseEnrichment): string[] {
  const breakingShas = new Set(notes.breaking.map((change) => change.entry.sha));
  return enrichment.changeRequests
    .filter((request) => request.breaking && !request.commits.some((sha) => breakingShas.has(sha)))
    .map(
      (request) =>
        `pull request ${request.forge === 'gitlab' ? '!' : '#'}${request.number} declares a breaking change in its description, but commit ${request.commits[0]?.slice(0, 7) ?? '?'} does not mark it: these notes are planned from git alone and do not count it (plan, version and release with a forge token do); add "!" or a BREAKING CHANGE footer to the commit`,
    );
}

function withForgeFacts(ref: NotesPullRequest, request: EnrichedChangeRequest): NotesPullRequest {
  return {
    ...ref,
    url: ref.url ?? request.url,
    title: request.title,
    ...(request.author === null ? {} : { author: request.author }),
  };
}

// The issue page beside the request's: GitHub `/pull/12` → `/issues/40`, GitLab `/-/merge_requests/3` → `/-/issues/9`.
function issueUrl(request: EnrichedChangeRequest, issue: number): string | null {
  const github = /^(.*)\/pull\/\d+\/?$/.exec(request.url);
  if (github !== null) return `${github[1] ?? ''}/issues/${issue}`;
  const gitlab = /^(.*)\/-\/merge_requests\/\d+\/?$/.exec(request.url);
  if (gitlab !== null) return `${gitlab[1] ?? ''}/-/issues/${issue}`;
  return null;
}
