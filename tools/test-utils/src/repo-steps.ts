export interface Identity {
  readonly name: string;
  readonly email: string;
}

/** A date as unix seconds, an ISO string or a Date. */
export type StepDate = number | string | Date;

export interface CommitStep {
  /** The whole message; a trailing newline is added as `git commit` would. */
  readonly commit: string;
  /** Path → content, or null to delete. Without files, a unique file is written. */
  readonly files?: Readonly<Record<string, string | null>>;
  readonly author?: Identity;
  readonly date?: StepDate;
}

export interface TagStep {
  /** Tags the current HEAD. */
  readonly tag: string;
  /** Annotated when true or when a message is given; lightweight otherwise. */
  readonly annotated?: boolean;
  readonly message?: string;
}

/** Creates the branch at HEAD and checks it out. */
export interface BranchStep {
  readonly branch: string;
}

/** A branch name switches branches; a tag name detaches HEAD at the tag's commit. */
export interface CheckoutStep {
  readonly checkout: string;
}

/**
 * Merges a branch into the current one like `git merge`: fast-forwards when it can (unless
 * `noFf`), otherwise writes a merge commit whose tree is a three-way merge of the file maps.
 */
export interface MergeStep {
  readonly merge: string;
  readonly message?: string;
  readonly noFf?: boolean;
  readonly date?: StepDate;
}

export type RepoStep = CommitStep | TagStep | BranchStep | CheckoutStep | MergeStep;

export const TEST_IDENTITY: Identity = { name: 'Slipway Test', email: 'test@slipway.invalid' };

/** Commit dates start here and step by a minute, so every SHA is reproducible. */
export const BASE_EPOCH_SECONDS = 1_700_000_000;
export const DATE_STEP_SECONDS = 60;

export function toEpochSeconds(date: StepDate): number {
  if (typeof date === 'number') return Math.floor(date);
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (Number.isNaN(ms)) throw new Error(`invalid date in repo step: ${String(date)}`);
  return Math.floor(ms / 1000);
}
