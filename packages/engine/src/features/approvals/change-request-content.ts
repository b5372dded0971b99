import { createHash } from 'node:crypto';
import { canonicalJson } from '@slipway/core';
import type { PolicyEvaluation } from '../policy/policy-service.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import type { ChangeRequestContent, CommitAuthor } from './approval-records.js';

/** What runs in an environment now, as a change request shows it. */
export interface RunningDeployment {
  readonly deploymentId: string;
  readonly version: string;
  readonly digests: readonly string[];
}

/** Reads what runs in an environment (the deployments' store behind it). */
export type RunningLookup = (
  service: string,
  environment: string,
) => Promise<RunningDeployment | null>;

/**
 * Generated from recorded data only: the release, its checks, the verdict, what runs now, and
 * the pull requests' approving reviewers when the release's change record names them.
 */
export function changeRequestContent(
  release: ReleaseRecord,
  evaluation: PolicyEvaluation,
  requester: string,
  running: RunningDeployment | null,
  commitAuthors: readonly CommitAuthor[] = [],
  reviewers: readonly string[] = [],
): ChangeRequestContent {
  const latest = new Map(evaluation.checks.map((check) => [check.name, check]));
  return {
    service: evaluation.service,
    environment: evaluation.environment,
    version: release.version,
    releaseId: release.id,
    digests: [...release.artifacts],
    strategy: evaluation.strategy,
    commit: release.commit,
    tag: release.tag,
    notes: release.notes,
    authors: [
      release.createdBy,
      ...commitAuthors.map((author) => author.email).filter((email) => email !== release.createdBy),
    ],
    // Only when recorded, so requests of releases without them keep their digest.
    ...(commitAuthors.length === 0 ? {} : { commitAuthors: [...commitAuthors] }),
    ...(reviewers.length === 0 ? {} : { reviewers: [...new Set(reviewers)].sort() }),
    requester,
    running:
      running === null
        ? null
        : {
            deploymentId: running.deploymentId,
            version: running.version,
            digests: [...running.digests],
          },
    diff: {
      fromVersion: running?.version ?? null,
      toVersion: release.version,
      addedDigests: release.artifacts.filter(
        (digest) => !(running?.digests ?? []).includes(digest),
      ),
      removedDigests: (running?.digests ?? []).filter(
        (digest) => !release.artifacts.includes(digest),
      ),
    },
    checks: [...latest.values()].map((check) => ({
      name: check.name,
      status: check.status,
      url: check.url,
      recordedAt: check.recordedAt,
    })),
    policy: {
      version: evaluation.policyVersion,
      decision: evaluation.verdict.decision,
      unmet: evaluation.verdict.unmet,
      requiredApprovals: evaluation.verdict.approvals.required,
    },
  };
}

/**
 * The digest approvers sign off on: the change itself (release, artifacts, people, what it
 * replaces). Checks and the verdict are left out: they are evaluated again when the deployment
 * runs, and a new check result should not void the approvals already given. So are the forge
 * reviewers: they are what the forge says about the pull requests, read, never who may approve.
 */
export function contentDigest(content: ChangeRequestContent): string {
  const { checks: _checks, policy: _policy, reviewers: _reviewers, ...change } = content;
  return `sha256:${createHash('sha256').update(canonicalJson(change), 'utf8').digest('hex')}`;
}
