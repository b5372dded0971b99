import { describe, expect, it } from 'vitest';
import type { PolicyEvaluation } from '../../src/features/policy/policy-service.js';
import type { ReleaseRecord } from '../../src/features/registry/release-record.js';
import {
  changeRequestContent,
  contentDigest,
} from '../../src/features/approvals/change-request-content.js';

const release: ReleaseRecord = {
  id: 'r1',
  service: 'shop',
  version: '1.2.0',
  tag: 'v1.2.0',
  commit: 'c'.repeat(40),
  notes: '## 1.2.0\n\n- cards (#12)',
  artifacts: [`sha256:${'a'.repeat(64)}`],
  components: [],
  rollForward: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'ci@example.com',
};

const evaluation = {
  service: 'shop',
  environment: 'prod',
  version: '1.2.0',
  releaseId: 'r1',
  digests: release.artifacts,
  strategy: 'all-at-once',
  policyVersion: 3,
  enforced: true,
  at: '2026-11-02T00:00:00.000Z',
  ineligibleApprovers: ['ci@example.com', 'rita'],
  checks: [],
  verdict: { decision: 'needs_approval', unmet: [], approvals: { required: 2 } },
} as unknown as PolicyEvaluation;

const grace = { name: 'Grace Hopper', email: 'grace@example.com' };

describe('changeRequestContent: the forge reviewers', () => {
  it('shows the pull requests’ approving reviewers when the change record names them', () => {
    const content = changeRequestContent(
      release,
      evaluation,
      'rita',
      null,
      [grace],
      ['github:erin', 'github:bob', 'github:erin'],
    );
    expect(content.reviewers).toEqual(['github:bob', 'github:erin']);
    // Reviewers grant nothing and bar nobody: who may not approve is as before.
    expect(content.authors).toEqual(['ci@example.com', 'grace@example.com']);
    expect(content.commitAuthors).toEqual([grace]);
  });

  it('leaves them out when unknown, and out of the digest approvers sign', () => {
    const without = changeRequestContent(release, evaluation, 'rita', null, [grace]);
    expect(without).not.toHaveProperty('reviewers');
    const withReviewers = changeRequestContent(
      release,
      evaluation,
      'rita',
      null,
      [grace],
      ['github:bob'],
    );
    // Evidence uploaded after a request (and its reviewers) does not void approvals given.
    expect(contentDigest(withReviewers)).toBe(contentDigest(without));
    const otherAuthors = changeRequestContent(release, evaluation, 'rita', null, []);
    expect(contentDigest(otherAuthors)).not.toBe(contentDigest(without));
  });
});
