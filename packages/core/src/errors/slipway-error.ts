/**
 * Stable error codes. Only the CLI and the HTTP layer map them to exit and status codes;
 * everything below throws (or returns) these codes and never decides how they are shown.
 */
export type SlipwayErrorCode =
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'VERSION_INVALID'
  | 'GIT_FAILED'
  | 'GIT_NOT_A_REPOSITORY'
  | 'GIT_SHALLOW'
  | 'GIT_NO_COMMITS'
  | 'BRANCH_NOT_ALLOWED'
  | 'VERSION_OUT_OF_RANGE'
  | 'NOTHING_TO_RELEASE'
  /** A version file is missing, has no version where expected, or takes its version dynamically. */
  | 'VERSION_FILE'
  /** The work tree has uncommitted changes where a clean one is required. */
  | 'WORKTREE_DIRTY'
  | 'TAG_EXISTS'
  /** A release step failed; the repository was restored. */
  | 'RELEASE_FAILED'
  /** A forge (GitHub, GitLab) API call failed. */
  | 'FORGE_FAILED'
  | 'FRAGMENT_INVALID'
  /** The database could not be opened, reached or migrated. */
  | 'DATABASE'
  /** A request carried no credentials, or ones nobody issued (HTTP 401). */
  | 'UNAUTHENTICATED'
  /** The caller is known but its role or scope does not allow the action (HTTP 403). */
  | 'FORBIDDEN'
  /** The thing asked for does not exist (HTTP 404). */
  | 'NOT_FOUND'
  /** The request contradicts what is stored (same digest, other metadata; key reused) (HTTP 409). */
  | 'CONFLICT'
  /** Uploaded bytes do not hash to the digest they were sent for; nothing was stored. */
  | 'DIGEST_MISMATCH'
  /** A body or upload exceeds the configured size limit (HTTP 413). */
  | 'TOO_LARGE'
  /** A rule refused the action (lifecycle order, no rollback path, nothing to roll back to). */
  | 'REFUSED'
  /** Policy holds the deployment for approval; the message names the change request. */
  | 'APPROVAL_REQUIRED'
  /** A deployment ran and failed; it is recorded with status failed. */
  | 'DEPLOY_FAILED'
  /** The control-plane server (`--server`) could not be reached. */
  | 'UNREACHABLE'
  | 'INTERNAL';

export interface SlipwayErrorOptions {
  cause?: unknown;
  /** What the user can do about it, printed after the message. */
  hint?: string;
  /** The file, field or value the error is about, for --json consumers. */
  subject?: string;
}

export class SlipwayError extends Error {
  readonly code: SlipwayErrorCode;
  readonly hint: string | undefined;
  readonly subject: string | undefined;

  constructor(code: SlipwayErrorCode, message: string, options: SlipwayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlipwayError';
    this.code = code;
    this.hint = options.hint;
    this.subject = options.subject;
  }
}

/**
 * Structural as well as nominal: the CLI loads its heavy commands from a second bundle, whose
 * SlipwayError is another class with the same shape.
 */
export function isSlipwayError(error: unknown): error is SlipwayError {
  return (
    error instanceof SlipwayError ||
    (error instanceof Error &&
      error.name === 'SlipwayError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}
