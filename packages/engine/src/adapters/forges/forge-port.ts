/** The forges that can host a release pull/merge request. */
export type PullRequestForgeKind = 'github' | 'gitlab';

export interface PullRequestInfo {
  /** GitHub's PR number, or GitLab's project-scoped `iid` (the `!12` a reader sees). */
  readonly number: number;
  /** The web page, for people and for `--json` output. */
  readonly url: string;
  readonly title: string;
  readonly body: string;
  readonly head: string;
  readonly base: string;
  readonly state: 'open' | 'closed' | 'merged';
  readonly labels: string[];
}

export interface PullRequestDraft {
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
}

export interface ForgePort {
  readonly kind: PullRequestForgeKind;
  /** The open PR/MR from `head` into `base`, or null. */
  findOpenPullRequest(head: string, base: string): Promise<PullRequestInfo | null>;
  createPullRequest(draft: PullRequestDraft): Promise<PullRequestInfo>;
  /**
   * Sets title, body and base, and adds the draft's labels. Labels someone added by hand stay:
   * the release PR is shared with people, and removing their labels would surprise them.
   */
  updatePullRequest(number: number, draft: PullRequestDraft): Promise<PullRequestInfo>;
  /** The most recently created merged PR whose head was `head` (for `release --tag-only`). */
  findMergedPullRequest(head: string, base: string): Promise<PullRequestInfo | null>;
}
