import type { CheckStatus, PolicyDocument } from '@slipway/core';

/** One version of the policy; the newest is in force. Version 0 is the built-in defaults. */
export interface StoredPolicy {
  readonly version: number;
  readonly document: PolicyDocument;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
}

/** A test, scan or verification result about one release, as CI reports it. */
export interface CheckResult {
  readonly id: string;
  readonly releaseId: string;
  readonly service: string;
  readonly version: string;
  readonly name: string;
  readonly status: CheckStatus;
  readonly url: string | null;
  readonly details: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface NewCheckResult {
  readonly service: string;
  /** A version or an artifact digest of one of the service's releases. */
  readonly ref: string;
  readonly name: string;
  readonly status: CheckStatus;
  readonly url?: string | null;
  readonly details?: string | null;
}
