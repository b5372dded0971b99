/**
 * The writing half of git, used by `release`: staging, committing, tagging, pushing, and the
 * undo operations that make a failed release leave nothing behind.
 */
export interface GitWorkTreePort {
  /** `git status --porcelain`: tracked changes (staged or not); untracked files are not listed. */
  trackedChanges(): Promise<string[]>;
  /** Stages these paths (new, modified or deleted files). */
  stage(paths: readonly string[]): Promise<void>;
  /** Commits what is staged; hooks run as usual. Returns the new commit's SHA. */
  commit(message: string): Promise<string>;
  /** An annotated tag at HEAD; git signs it when `tag.gpgSign` is set. */
  createTag(name: string, message: string): Promise<void>;
  deleteTag(name: string): Promise<void>;
  tagExists(name: string): Promise<boolean>;
  /** The message of an annotated tag (what createTag wrote); null for no or a lightweight tag. */
  tagMessage(name: string): Promise<string | null>;
  /** Moves the current branch, index and tracked files back to `sha`. */
  resetHard(sha: string): Promise<void>;
  /** `git push --atomic <remote> <refs…>`: every ref or none. */
  push(remote: string, refs: readonly string[], options?: { force?: boolean }): Promise<void>;
}
