import { describe, expect, it } from 'vitest';
import type { RunningDeployment } from '../../src/index.js';
import {
  FakeDeploymentSources,
  createFakeApprovalService,
  createFakePolicyService,
} from '../../src/index.js';
import type { ReleaseRecord } from '../../src/index.js';
import { digestOf, releaseRecord, service, ticking } from '../deployments/deployment-fixtures.js';

/** Sources whose release can change its artifacts under a request (a re-pushed release). */
class MutableSources extends FakeDeploymentSources {
  release: ReleaseRecord = releaseRecord('pay', '2.0.0');

  override releaseById(): Promise<ReleaseRecord> {
    return Promise.resolve(this.release);
  }

  override releaseForRef(): Promise<ReleaseRecord> {
    return Promise.resolve(this.release);
  }
}

async function setUp() {
  const sources = new MutableSources();
  sources.addService(service('pay', { riskTier: 'high' }));
  const now = ticking();
  const { service: policy } = createFakePolicyService({ sources, now });
  await policy.setPolicy({ overrides: [] }, 'admin');
  for (const name of ['tests', 'security-scan', 'provenance', 'sbom']) {
    await policy.addCheckResult({ service: 'pay', ref: '2.0.0', name, status: 'passed' }, 'ci');
  }
  let running: RunningDeployment | null = null;
  const { service: approvals, ledger } = createFakeApprovalService({
    sources,
    policy,
    now,
    running: () => Promise.resolve(running),
  });
  const evaluation = await policy.evaluate({
    service: 'pay',
    ref: '2.0.0',
    environment: 'prod',
    requester: 'rita',
  });
  const request = await approvals.requestChange(sources.release, evaluation, 'rita');
  return {
    sources,
    approvals,
    ledger,
    request,
    setRunning: (next: RunningDeployment) => (running = next),
  };
}

describe('ApprovalService over fakes', () => {
  it('voids approvals when the artifacts change, so the same person may approve the new content', async () => {
    const { sources, approvals, ledger, request } = await setUp();
    expect(request.content.policy).toMatchObject({
      decision: 'needs_approval',
      requiredApprovals: 2,
    });
    await approvals.approve(request.id, { actor: 'carol' });

    sources.release = { ...sources.release, artifacts: [digestOf('pay-2.0.0-rebuilt.whl')] };
    const afterChange = await approvals.approve(request.id, { actor: 'dave' });
    expect(afterChange.contentDigest).not.toBe(request.contentDigest);
    expect(afterChange.digests).toEqual([digestOf('pay-2.0.0-rebuilt.whl')]);
    // carol approved the old digest: only dave counts, so the request stays open.
    expect(afterChange.status).toBe('open');
    expect(
      afterChange.approvals.map((a) => [a.approver, a.contentDigest === afterChange.contentDigest]),
    ).toEqual([
      ['carol', false],
      ['dave', true],
    ]);
    expect((await approvals.approve(request.id, { actor: 'carol' })).status).toBe('approved');
    const types = ledger.events.map((event) => event.type);
    expect(types.filter((type) => type === 'change.updated')).toHaveLength(1);
  });

  it('reopens an approved request when something else starts running in the environment', async () => {
    const { approvals, request, setRunning } = await setUp();
    await approvals.approve(request.id, { actor: 'carol' });
    expect((await approvals.approve(request.id, { actor: 'dave' })).status).toBe('approved');
    setRunning({ deploymentId: 'd-9', version: '1.9.9', digests: [digestOf('pay-1.9.9.whl')] });
    const refreshed = await approvals.refresh(await approvals.getRequest(request.id), 'rita');
    expect(refreshed.status).toBe('open');
    expect(refreshed.content.running).toMatchObject({ version: '1.9.9' });
    expect(refreshed.content.diff.removedDigests).toEqual([digestOf('pay-1.9.9.whl')]);
  });

  it('refuses a decision on content the approver did not read', async () => {
    const { approvals, request } = await setUp();
    await expect(
      approvals.approve(request.id, { actor: 'carol', seenDigest: 'sha256:stale' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await approvals.getRequest(request.id)).approvals).toEqual([]);
  });
});
