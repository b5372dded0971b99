/** A commit as git gives it: the adapter's output and the parser's input. */
export interface RawCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  /** Unix seconds. */
  readonly authorTime: number;
  /** Unix seconds. */
  readonly committerTime: number;
  /** The whole message, header line first. */
  readonly message: string;
  /** Paths the commit changed, when the log was asked for them (monorepos). */
  readonly files?: readonly string[];
}

export interface Footer {
  /** As written (`Reviewed-by`, `BREAKING CHANGE`, `Closes`). */
  readonly token: string;
  /** Multi-line values keep their inner newlines; surrounding whitespace trimmed. */
  readonly value: string;
}

/** `(#123)`, `Merge pull request #123`, GitLab `!123`. */
export interface PullRequestRef {
  readonly number: number;
  /** `#` for GitHub/Gitea/Bitbucket style, `!` for a GitLab merge request. */
  readonly sigil: '#' | '!';
  /** `owner/repo` when the reference names another repository. */
  readonly repository: string | null;
}

export interface IssueRef {
  /** `45` for `#45`, `ABC-123` for a configured key pattern. */
  readonly id: string;
  readonly kind: 'number' | 'key';
  /** `owner/repo` for cross-repository references; null for this repository. */
  readonly repository: string | null;
  /** True when introduced by a closing keyword (Closes, Fixes, Resolves…). */
  readonly closing: boolean;
}

export interface Person {
  readonly name: string;
  readonly email: string | null;
}

/** One conventional unit of change. A squash merge yields several. */
export interface Change {
  /** Lower-cased type (`feat`, `fix`, …). */
  readonly type: string;
  readonly scope: string | null;
  readonly breaking: boolean;
  /** Texts of `BREAKING CHANGE:` / `BREAKING-CHANGE:` footers (empty when only `!` marks it). */
  readonly breakingNotes: readonly string[];
  readonly description: string;
  readonly body: string | null;
  readonly footers: readonly Footer[];
  readonly pullRequests: readonly PullRequestRef[];
  readonly issues: readonly IssueRef[];
}

export interface Revert {
  /** The reverted commit's header when the message names it. */
  readonly header: string | null;
  /** From `This reverts commit <sha>.` */
  readonly sha: string | null;
}

export interface Trailers {
  readonly reviewedBy: readonly Person[];
  readonly coAuthoredBy: readonly Person[];
  readonly signedOffBy: readonly Person[];
}

export interface ParsedCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author: Person;
  readonly authorTime: number;
  readonly committerTime: number;
  /** First line of the message. */
  readonly header: string;
  /** False when the header (and for merges, the PR title in the body) is not a Conventional Commit. */
  readonly conventional: boolean;
  /**
   * Empty for non-conventional commits. A revert yields one change of type `revert` (description:
   * the reverted header); the planner cancels both when the reverted commit is in the same window.
   */
  readonly changes: readonly Change[];
  readonly revert: Revert | null;
  /** `Release-As: x.y.z` footer value, as written. */
  readonly releaseAs: string | null;
  readonly trailers: Trailers;
  /** More than one parent. */
  readonly merge: boolean;
}

export interface ParserOptions {
  /**
   * Issue-key patterns such as `[A-Z][A-Z0-9]+-\d+` (Jira). Each is a regular expression source
   * without anchors or capture groups; matches become `IssueRef`s of kind `key`.
   */
  readonly issuePatterns?: readonly string[];
}
