import { SlipwayError } from '@slipway/core';
import type {
  ForgePort,
  PullRequestDraft,
  PullRequestForgeKind,
  PullRequestInfo,
} from './forge-port.js';

export type FakeForgeCall =
  | {
      readonly method: 'findOpenPullRequest' | 'findMergedPullRequest';
      readonly head: string;
      readonly base: string;
    }
  | { readonly method: 'createPullRequest'; readonly draft: PullRequestDraft }
  | {
      readonly method: 'updatePullRequest';
      readonly number: number;
      readonly draft: PullRequestDraft;
    };

/**
 * An in-memory forge with the real ones' rules: one open PR per head and base, labels are only
 * ever added, numbers count up. Records every call so tests can assert what a command did.
 */
export class FakeForge implements ForgePort {
  readonly calls: FakeForgeCall[] = [];
  private readonly pulls: PullRequestInfo[] = [];
  private nextNumber = 1;

  constructor(readonly kind: PullRequestForgeKind = 'github') {}

  /** Every PR/MR, oldest first, as copies. */
  get pullRequests(): PullRequestInfo[] {
    return this.pulls.map((pull) => ({ ...pull, labels: [...pull.labels] }));
  }

  findOpenPullRequest(head: string, base: string): Promise<PullRequestInfo | null> {
    this.calls.push({ method: 'findOpenPullRequest', head, base });
    return Promise.resolve(this.newest(head, base, 'open'));
  }

  findMergedPullRequest(head: string, base: string): Promise<PullRequestInfo | null> {
    this.calls.push({ method: 'findMergedPullRequest', head, base });
    return Promise.resolve(this.newest(head, base, 'merged'));
  }

  createPullRequest(draft: PullRequestDraft): Promise<PullRequestInfo> {
    this.calls.push({ method: 'createPullRequest', draft });
    if (this.newest(draft.head, draft.base, 'open') !== null) {
      return Promise.reject(this.fail(422, `a pull request from ${draft.head} already exists`));
    }
    const number = this.nextNumber++;
    const pull: PullRequestInfo = {
      number,
      url: `https://forge.test/owner/repo/pull/${number}`,
      title: draft.title,
      body: draft.body,
      head: draft.head,
      base: draft.base,
      state: 'open',
      labels: unique(draft.labels),
    };
    this.pulls.push(pull);
    return Promise.resolve({ ...pull, labels: [...pull.labels] });
  }

  updatePullRequest(number: number, draft: PullRequestDraft): Promise<PullRequestInfo> {
    this.calls.push({ method: 'updatePullRequest', number, draft });
    const index = this.pulls.findIndex((pull) => pull.number === number);
    const current = this.pulls[index];
    if (current === undefined) return Promise.reject(this.fail(404, 'Not Found'));
    const updated: PullRequestInfo = {
      ...current,
      title: draft.title,
      body: draft.body,
      base: draft.base,
      labels: unique([...current.labels, ...draft.labels]),
    };
    this.pulls[index] = updated;
    return Promise.resolve({ ...updated, labels: [...updated.labels] });
  }

  /** Merges (or closes) a PR, as a person would on the forge between two commands. */
  setState(number: number, state: 'merged' | 'closed'): void {
    const index = this.pulls.findIndex((pull) => pull.number === number);
    const current = this.pulls[index];
    if (current === undefined) throw new Error(`FakeForge: no pull request #${number}`);
    this.pulls[index] = { ...current, state };
  }

  private newest(
    head: string,
    base: string,
    state: PullRequestInfo['state'],
  ): PullRequestInfo | null {
    const found = this.pulls.findLast(
      (pull) => pull.head === head && pull.base === base && pull.state === state,
    );
    return found === undefined ? null : { ...found, labels: [...found.labels] };
  }

  private fail(status: number, message: string): SlipwayError {
    const forge = this.kind === 'github' ? 'GitHub' : 'GitLab';
    return new SlipwayError(
      'FORGE_FAILED',
      `${forge} (fake): request failed (HTTP ${status}): ${message}`,
    );
  }
}

function unique(labels: readonly string[]): string[] {
  return [...new Set(labels)];
}
