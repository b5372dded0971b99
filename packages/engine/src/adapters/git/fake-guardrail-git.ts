import type { CommitSignature } from '@slipway/core';
import type { FakeGit } from './fake-git.js';
import type { CommitSummary, GuardrailGitPort, SignerTrust } from './guardrail-git-port.js';

/**
 * The guardrail port over a FakeGit's commit graph. What real git would compute with keys and
 * patch-ids (signature verdicts, unported commits) is set by the test.
 */
export class FakeGuardrailGit implements GuardrailGitPort {
  /** SHA → signature facts; a commit not listed is unsigned. */
  readonly signaturesBySha = new Map<string, Omit<CommitSignature, 'sha'>>();
  /** Branch → SHAs whose change the base lacks. */
  readonly unportedByBranch = new Map<string, string[]>();
  /** The trust each `signatures` call was given, for assertions. */
  readonly trustSeen: SignerTrust[] = [];

  constructor(
    private readonly git: FakeGit,
    private readonly branchNames: readonly string[] = [],
  ) {}

  resolveCommit(rev: string): Promise<string | null> {
    try {
      return Promise.resolve(this.git.resolve(rev));
    } catch {
      return Promise.resolve(null);
    }
  }

  async signatures(base: string, head: string, trust: SignerTrust): Promise<CommitSignature[]> {
    this.trustSeen.push(trust);
    const summaries = await this.commitSummaries(base, head);
    return summaries.map(({ sha }) => ({
      sha,
      ...(this.signaturesBySha.get(sha) ?? { status: 'N', signer: '', key: '', allowed: false }),
    }));
  }

  async commitSummaries(base: string, head: string): Promise<CommitSummary[]> {
    const summaries: CommitSummary[] = [];
    for await (const commit of this.git.log({ to: head, exclude: [base] })) {
      summaries.push({
        sha: commit.sha,
        parents: commit.parents,
        committerTime: commit.committerTime,
        subject: commit.message.split('\n')[0] ?? '',
      });
    }
    return summaries;
  }

  unported(_upstream: string, head: string): Promise<string[]> {
    return Promise.resolve(this.unportedByBranch.get(head) ?? []);
  }

  branches(): Promise<string[]> {
    return Promise.resolve([...this.branchNames]);
  }

  async commitTime(rev: string): Promise<number> {
    for await (const commit of this.git.log({ to: rev, exclude: [] })) return commit.committerTime;
    return 0;
  }
}
