import type { PullRequestRef } from './types.js';
import { isDigit } from './char-classes.js';
import { isBlank } from './message-lines.js';
import { stripTrailingPullRequests } from './parse-header.js';

/** A forge merge commit: the PR title stands in for the header. */
export interface MergeMessage {
  /** The title paragraph's lines joined; '' when the merge has no title. */
  readonly title: string;
  /** First line after the title paragraph. */
  readonly bodyFrom: number;
  readonly pullRequest: PullRequestRef | null;
}

const GITHUB_MERGE = 'Merge pull request #';
const GITLAB_MERGE = "Merge branch '";

/**
 * GitHub's `Merge pull request #123 from owner/branch` and GitLab's `Merge branch 'x' into 'main'`
 * put the pull request title in the paragraph after a blank line. Other merges (`Merge tag`,
 * local `Merge branch 'x'` without a title) return a merge with an empty or non-conventional title.
 */
export function parseMergeMessage(
  header: string,
  lines: readonly string[],
  headerIndex: number,
): MergeMessage | null {
  let pullRequest: PullRequestRef | null = null;
  if (header.startsWith(GITHUB_MERGE)) {
    let end = GITHUB_MERGE.length;
    while (isDigit(header.charCodeAt(end))) end++;
    if (end > GITHUB_MERGE.length) {
      pullRequest = {
        number: Number(header.slice(GITHUB_MERGE.length, end)),
        sigil: '#',
        repository: null,
      };
    }
  } else if (!header.startsWith(GITLAB_MERGE)) {
    return null;
  }
  let i = headerIndex + 1;
  while (i < lines.length && isBlank(lines[i] ?? '')) i++;
  const title: string[] = [];
  for (; i < lines.length && !isBlank(lines[i] ?? ''); i++) title.push((lines[i] ?? '').trim());
  return { title: title.join(' '), bodyFrom: i, pullRequest };
}

/** git's default `Revert "<header>"`, optionally followed by a squash suffix ` (#15)`. */
export interface GitRevert {
  readonly header: string;
  readonly pullRequests: readonly number[];
}

const GIT_REVERT = 'Revert "';

export function parseGitRevert(title: string): GitRevert | null {
  if (!title.startsWith(GIT_REVERT)) return null;
  const { description, numbers } = stripTrailingPullRequests(title);
  // The last quote closes the outermost pair, so `Revert "Revert "x""` reverts `Revert "x"`.
  const close = description.lastIndexOf('"');
  const inner = close >= GIT_REVERT.length ? description.slice(GIT_REVERT.length, close) : '';
  const header = inner.trim();
  return header === '' ? null : { header, pullRequests: numbers };
}

const REVERTS_COMMIT = 'This reverts commit ';

/** The sha from git's `This reverts commit <sha>.` line, or null. */
export function revertedSha(text: string): string | null {
  const at = text.indexOf(REVERTS_COMMIT);
  if (at < 0) return null;
  const from = at + REVERTS_COMMIT.length;
  let end = from;
  for (;;) {
    const c = text.charCodeAt(end);
    if (!isDigit(c) && !(c >= 97 && c <= 102) && !(c >= 65 && c <= 70)) break;
    end++;
  }
  return end - from >= 4 ? text.slice(from, end).toLowerCase() : null;
}
