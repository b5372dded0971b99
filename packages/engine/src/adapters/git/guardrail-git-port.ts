import type { CommitSignature } from '@slipway/core';

/** Where git finds the allowed signers; null: the user's own git and GnuPG configuration. */
export interface SignerTrust {
  /** A GnuPG home directory (`GNUPGHOME`) whose public keys are the allowed GPG signers. */
  readonly gpgHome: string | null;
  /** An SSH allowed-signers file (`gpg.ssh.allowedSignersFile`). */
  readonly allowedSigners: string | null;
}

/** A commit in one line: enough to name it in a finding. */
export interface CommitSummary {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Unix seconds. */
  readonly committerTime: number;
  readonly subject: string;
}

/**
 * The git queries of `slipway check` that the release port does not need: signatures,
 * patch-id comparison and branch listing. Kept apart from `GitPort` so the planner's hot log
 * path is untouched.
 */
export interface GuardrailGitPort {
  /** The full SHA `rev` names, or null when it names no commit here. */
  resolveCommit(rev: string): Promise<string | null>;
  /** Signature status of each commit reachable from `head` and not from `base`, newest first. */
  signatures(base: string, head: string, trust: SignerTrust): Promise<CommitSignature[]>;
  /** Commits reachable from `head` and not from `base`, newest first. */
  commitSummaries(base: string, head: string): Promise<CommitSummary[]>;
  /** SHAs of commits on `head` whose change (patch-id) `upstream` lacks (`git cherry`). */
  unported(upstream: string, head: string): Promise<string[]>;
  /** Local and remote-tracking branch names (`main`, `origin/release/1.0`). */
  branches(): Promise<string[]>;
  /** Committer time (Unix seconds) of a commit. */
  commitTime(rev: string): Promise<number>;
}
