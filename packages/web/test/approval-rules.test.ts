import { describe, expect, it } from 'vitest';
import type { Approval, ChangeRequestView } from '../src/api/api-types.js';
import {
  changeReferences,
  checksSummary,
  countedApprovers,
  decisionBlocks,
} from '../src/approvals/approval-rules.js';

const approval = (approver: string, contentDigest: string): Approval => ({
  id: `a-${approver}-${contentDigest}`,
  requestId: 'cr-1',
  approver,
  roles: ['approver'],
  decision: 'approve',
  comment: null,
  contentDigest,
  createdAt: '2026-11-26T10:00:00.000Z',
});

const request = (patch: Partial<ChangeRequestView> = {}): ChangeRequestView => ({
  id: 'cr-1',
  service: 'checkout',
  environment: 'prod',
  releaseId: 'r-1',
  version: '1.2.0',
  digests: [],
  strategy: 'all-at-once',
  requester: 'token:releaser',
  status: 'open',
  contentDigest: 'sha256:now',
  deploymentId: null,
  createdAt: '2026-11-26T09:00:00.000Z',
  updatedAt: '2026-11-26T09:00:00.000Z',
  approvals: [],
  content: {
    service: 'checkout',
    environment: 'prod',
    version: '1.2.0',
    releaseId: 'r-1',
    digests: [],
    strategy: 'all-at-once',
    commit: null,
    tag: null,
    notes: null,
    authors: ['token:author'],
    requester: 'token:releaser',
    running: null,
    diff: { fromVersion: null, toVersion: '1.2.0', addedDigests: [], removedDigests: [] },
    checks: [],
    policy: { version: 1, decision: 'needs_approval', unmet: [], requiredApprovals: 2 },
  },
  ...patch,
});

describe('who may decide on a change request', () => {
  it('lets an approver who is neither requester nor author decide', () => {
    expect(decisionBlocks(request(), { role: 'approver', actor: 'token:other' })).toEqual({
      decide: null,
      approve: null,
    });
  });

  it('keeps the requester and the authors from approving, but not from rejecting', () => {
    const requester = decisionBlocks(request(), { role: 'admin', actor: 'token:releaser' });
    expect(requester.decide).toBeNull();
    expect(requester.approve).toContain('you requested this change');
    const author = decisionBlocks(request(), { role: 'approver', actor: 'token:author' });
    expect(author.decide).toBeNull();
    expect(author.approve).toContain('you are an author of checkout 1.2.0');
  });

  it('needs role approver, and says which role the token has', () => {
    const blocks = decisionBlocks(request(), { role: 'releaser', actor: null });
    expect(blocks.decide).toBe('role approver needed to decide (this token has role releaser)');
    expect(blocks.approve).toBe(blocks.decide);
  });

  it('offers nothing while the role is being asked', () => {
    expect(decisionBlocks(request(), { role: null, actor: null, loading: true }).decide).toBe(
      'finding out what this token may do…',
    );
  });

  it('lets an unknown token try: the server decides', () => {
    expect(decisionBlocks(request(), { role: null, actor: null })).toEqual({
      decide: null,
      approve: null,
    });
  });

  it('allows no decision on a rejected or deployed request', () => {
    const blocks = decisionBlocks(request({ status: 'deployed' }), {
      role: 'admin',
      actor: 'token:x',
    });
    expect(blocks.decide).toBe('this change request is deployed: no more decisions');
  });

  it('counts each person once, and only approvals of the content as it reads now', () => {
    const view = request({
      approvals: [
        approval('token:a', 'sha256:now'),
        approval('token:a', 'sha256:now'),
        approval('token:b', 'sha256:old'),
      ],
    });
    expect(countedApprovers(view)).toEqual(['token:a']);
    expect(decisionBlocks(view, { role: 'approver', actor: 'token:a' }).approve).toContain(
      'one person counts once',
    );
    expect(decisionBlocks(view, { role: 'approver', actor: 'token:b' }).approve).toBeNull();
  });
});

describe('change references in release notes', () => {
  it('finds pull requests and issues by address, and bare references once', () => {
    const notes = [
      '* cart: faster ([#7](https://git.example/shop/pull/7))',
      '* fixes https://git.example/shop/issues/12 and #7 and #31',
      '* mr https://gitlab.example/g/p/-/merge_requests/4',
    ].join('\n');
    expect(changeReferences(notes)).toEqual([
      { kind: 'pull request', label: '#7', url: 'https://git.example/shop/pull/7' },
      { kind: 'issue', label: '#12', url: 'https://git.example/shop/issues/12' },
      { kind: 'pull request', label: '#4', url: 'https://gitlab.example/g/p/-/merge_requests/4' },
      { kind: 'reference', label: '#31', url: null },
    ]);
    expect(changeReferences(null)).toEqual([]);
  });
});

describe('checks in the queue', () => {
  it('counts the checks by status', () => {
    expect(checksSummary([])).toBe('none');
    expect(checksSummary([{ status: 'passed' }, { status: 'failed' }, { status: 'passed' }])).toBe(
      '2 passed, 1 failed',
    );
  });
});
