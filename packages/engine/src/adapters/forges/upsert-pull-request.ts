import type { ForgePort, PullRequestDraft, PullRequestInfo } from './forge-port.js';

export interface UpsertResult {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly pullRequest: PullRequestInfo;
}

/** Open or update: the one call `release-pr` makes. An up-to-date PR is left alone. */
export async function upsertPullRequest(
  forge: ForgePort,
  draft: PullRequestDraft,
): Promise<UpsertResult> {
  const open = await forge.findOpenPullRequest(draft.head, draft.base);
  if (open === null) {
    return { action: 'created', pullRequest: await forge.createPullRequest(draft) };
  }
  if (isUpToDate(open, draft)) return { action: 'unchanged', pullRequest: open };
  return { action: 'updated', pullRequest: await forge.updatePullRequest(open.number, draft) };
}

function isUpToDate(open: PullRequestInfo, draft: PullRequestDraft): boolean {
  const present = new Set(open.labels);
  return (
    open.title === draft.title &&
    sameText(open.body, draft.body) &&
    draft.labels.every((label) => present.has(label))
  );
}

// Bodies edited in a browser come back with CRLF, and forges trim trailing whitespace;
// neither is a change worth a new API call and a notification to every watcher.
function sameText(a: string, b: string): boolean {
  const normal = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();
  return normal(a) === normal(b);
}
