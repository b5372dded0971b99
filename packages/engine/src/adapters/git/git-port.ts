import type { RawCommit } from '@slipway/core';

export interface TagRef {
  /** Short name: `v1.2.0`, `pkg-v1.0.0`. */
  readonly name: string;
  /** The commit the tag points to (annotated tags peeled). */
  readonly commit: string;
}

export interface HeadState {
  /** Null in a repository without commits. */
  readonly sha: string | null;
  /** Null when HEAD is detached. */
  readonly branch: string | null;
}

/** What one `rev-parse` tells about the repository and its HEAD. */
export interface RepositoryState {
  readonly topLevel: string;
  readonly gitDir: string;
  readonly shallow: boolean;
  readonly head: HeadState;
}

export interface LogQuery {
  /** Commits reachable from this revision… */
  readonly to: string;
  /** …and not from any of these (the last release's commit). Empty: all history. */
  readonly exclude: readonly string[];
  readonly firstParent?: boolean;
  /** Git pathspecs limiting the walk (monorepo packages). */
  readonly paths?: readonly string[];
  /** Also list the paths each commit changed (`--name-only`; merges against their first parent with firstParent). */
  readonly withFiles?: boolean;
  /**
   * What each commit carries. `planning`: SHA, parents, committer time and message only; the
   * author fields are empty (name, email) and 0 (author time). Ignored with `withFiles`.
   */
  readonly fields?: LogFields;
}

/** `full`: every RawCommit field (the default). `planning`: what the release planner reads. */
export type LogFields = 'full' | 'planning';

/**
 * Git, one process per query: one streamed `git log` for a window of commits,
 * one `for-each-ref` for tags. Never a process per commit or per tag.
 */
export interface GitPort {
  /** Absolute path of the work tree's top level; throws GIT_NOT_A_REPOSITORY. */
  topLevel(): Promise<string>;
  /** Absolute path of the git directory (`.git`), where caches live. */
  gitDir(): Promise<string>;
  head(): Promise<HeadState>;
  /** Top level, git directory, shallowness and HEAD together (one process where possible). */
  repository(): Promise<RepositoryState>;
  isShallow(): Promise<boolean>;
  /** Every tag with its peeled commit. */
  tags(): Promise<TagRef[]>;
  /** The tags whose commit is reachable from `rev` (one `for-each-ref --merged`). */
  tagsMergedInto(rev: string): Promise<TagRef[]>;
  /**
   * True when `ancestor` is `descendant` or one of its ancestors (`merge-base --is-ancestor`).
   * False, not an error, when either does not name a commit here (a cached SHA after a rebase).
   */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /**
   * Streams the commits of the window in git log's default order: newest commit date first.
   * Not topological (a child may follow its parent under clock skew); it lets git stream from the
   * first commit instead of walking the whole window before writing anything.
   */
  log(query: LogQuery): AsyncIterable<RawCommit>;
  /**
   * `log` in batches (the commits each read of the pipe completes), for consumers that fold a
   * long window: one await per batch rather than per commit.
   */
  logBatches(query: LogQuery): AsyncIterable<readonly RawCommit[]>;
  /** A best common ancestor of all `revs` (`merge-base --octopus`), or null when they share none. */
  mergeBase(revs: readonly string[]): Promise<string | null>;
  /** `remote.<name>.url`, or null. */
  remoteUrl(name?: string): Promise<string | null>;
  /** Commits reachable from `to` and not from `exclude` (`rev-list --count`); all when null. */
  countCommits(to: string, exclude: string | null): Promise<number>;
  /** Tracked files differ from HEAD or the index (`status --porcelain --untracked-files=no`). */
  isDirty(): Promise<boolean>;
  /** The abbreviated SHA git would print (`rev-parse --short`: at least 7, unique). */
  shortSha(rev: string): Promise<string>;
}
