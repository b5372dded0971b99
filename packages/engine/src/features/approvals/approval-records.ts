import type { JsonValue, PolicyDecision, UnmetRule } from '@slipway/core';

export const changeRequestStatuses = ['open', 'approved', 'rejected', 'deployed'] as const;
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];

/**
 * What an approver must see, generated from recorded data. The digest covers the parts that
 * define the change (release, artifacts, people, what runs now); checks and the verdict are
 * shown as they were when the content was generated and are evaluated again at deploy time.
 */
export interface ChangeRequestContent {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly releaseId: string;
  readonly digests: readonly string[];
  readonly strategy: string;
  readonly commit: string | null;
  readonly tag: string | null;
  readonly notes: string | null;
  /** Who may not approve as an author: the release's creator and its commits' author emails. */
  readonly authors: readonly string[];
  /** The authors of the release's commits, when recorded (absent otherwise). */
  readonly commitAuthors?: readonly CommitAuthor[];
  /**
   * Who approved the release's pull requests on the forge (`github:login`), from its change
   * record, when known (absent otherwise). For the approver to read: it grants nothing.
   */
  readonly reviewers?: readonly string[];
  readonly requester: string;
  /** What runs in the environment now: the diff's left side and the rollback target. */
  readonly running: {
    readonly deploymentId: string;
    readonly version: string;
    readonly digests: readonly string[];
  } | null;
  readonly diff: {
    readonly fromVersion: string | null;
    readonly toVersion: string;
    readonly addedDigests: readonly string[];
    readonly removedDigests: readonly string[];
  };
  readonly checks: readonly {
    readonly name: string;
    readonly status: string;
    readonly url: string | null;
    readonly recordedAt: string;
  }[];
  readonly policy: {
    readonly version: number;
    readonly decision: PolicyDecision;
    readonly unmet: readonly UnmetRule[];
    readonly requiredApprovals: number;
  };
}

export interface ChangeRequest {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly releaseId: string;
  readonly version: string;
  readonly digests: readonly string[];
  readonly strategy: string;
  readonly requester: string;
  readonly status: ChangeRequestStatus;
  readonly content: ChangeRequestContent;
  /** `sha256:` of the canonical JSON of the digested part of the content. */
  readonly contentDigest: string;
  readonly deploymentId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ApprovalDecision = 'approve' | 'reject';

/** An author of one of the release's commits, as git records it. */
export interface CommitAuthor {
  readonly name: string;
  /** Lower-cased. */
  readonly email: string;
}

/** The first pending request for a (service, environment, release) exists already. */
export class PendingRequestExistsError extends Error {
  constructor(
    readonly service: string,
    readonly environment: string,
    readonly releaseId: string,
  ) {
    super(`a pending change request for ${service} release ${releaseId} to ${environment} exists`);
    this.name = 'PendingRequestExistsError';
  }
}

/** Who decided, when, and what they saw (the content digest). */
export interface Approval {
  readonly id: string;
  readonly requestId: string;
  readonly approver: string;
  readonly roles: readonly string[];
  readonly decision: ApprovalDecision;
  readonly comment: string | null;
  readonly contentDigest: string;
  readonly createdAt: string;
}

export interface ChangeRequestView extends ChangeRequest {
  readonly approvals: readonly Approval[];
}

export const reviewStatuses = ['open', 'closed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Opened by every break-glass deployment; stays overdue until closed with a summary. */
export interface PostReleaseReview {
  readonly id: string;
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly team: string;
  readonly owner: string;
  readonly actor: string;
  readonly reason: string;
  readonly bypassed: readonly string[];
  readonly dueAt: string;
  readonly status: ReviewStatus;
  readonly summary: string | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
}

export interface ReviewView extends PostReleaseReview {
  /** Open and past its due date at the time of reading. */
  readonly overdue: boolean;
}

export interface DecideOptions {
  readonly actor: string;
  /** The approver's role and groups, matched against the policy's approver roles. */
  readonly roles?: readonly string[];
  readonly comment?: string;
  /** The content digest the approver looked at; refused when the content has changed since. */
  readonly seenDigest?: string;
}

export type ContentJson = Record<string, JsonValue>;
