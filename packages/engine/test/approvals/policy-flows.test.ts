import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openPolicy } from '@slipway/core';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { createEmbeddedControlPlane } from '../../src/index.js';
import type { EmbeddedControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import {
  as,
  evidence,
  failure,
  manualClock,
  release,
  requestIdOf,
  throughStaging,
} from './policy-flow-fixtures.js';

const start = '2026-11-25T10:00:00.000Z';

describe.each(testDialects())('policy, approvals and break-glass on %s', (dialect) => {
  const dataDir = makeTempDir('slipway-policy-');
  let plane: EmbeddedControlPlane;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    const database = await openMigratedTestDatabase(dialect);
    clock = manualClock(start);
    plane = createEmbeddedControlPlane({
      db: database.db,
      blobDir: `${dataDir.path}/${Math.random().toString(36).slice(2)}`,
      now: clock.now,
    });
  });

  afterAll(() => dataDir.cleanup());

  it('applies the tier defaults before any policy is stored; an open policy lifts them', async () => {
    await plane.addService({ name: 'api', owner: 'team-a' }, as('admin'));
    await release(plane, 'api', '1.0.0');
    await throughStaging(plane, 'api', '1.0.0');
    const defaults = await plane.checkPolicy({
      service: 'api',
      ref: '1.0.0',
      environment: 'prod',
    });
    expect(defaults.policyVersion).toBe(0);
    expect(defaults.verdict.decision).toBe('deny');
    expect(defaults.verdict.unmet.map((rule) => rule.rule)).toEqual([
      'required-checks',
      'required-approvals',
    ]);
    const refused = await failure(
      plane.deploy({ service: 'api', environment: 'prod', ref: '1.0.0' }, as('rita')),
    );
    expect(refused.message).toContain('tests');
    expect((await plane.listEvents({ type: 'deployment.refused' })).events).toHaveLength(1);
    expect((await plane.history('api')).map((d) => d.environment)).not.toContain('prod');
    const open = await plane.setPolicy(openPolicy, as('admin'));
    expect(open.version).toBe(1);
    const deployed = await plane.deploy(
      { service: 'api', environment: 'prod', ref: '1.0.0' },
      as('rita'),
    );
    expect(deployed).toMatchObject({ environment: 'prod', status: 'succeeded' });
    const stored = await plane.setPolicy({ overrides: [] }, as('admin'));
    expect(stored).toMatchObject({ version: 2, createdBy: 'admin' });
    expect((await plane.getPolicy()).version).toBe(2);
    expect(
      await failure(
        plane.setPolicy({ overrides: [{ rules: { requiredApprovals: -1 } }] }, as('admin')),
      ),
    ).toMatchObject({ code: 'USAGE' });
  });

  it('low risk: refused without its tests, deployed once they pass; the refusal changes nothing', async () => {
    await plane.setPolicy({ overrides: [] }, as('admin'));
    await plane.addService({ name: 'api', owner: 'team-a', riskTier: 'low' }, as('admin'));
    await release(plane, 'api', '1.0.0');
    await throughStaging(plane, 'api', '1.0.0');
    const before = await plane.listEvents({ limit: 1000 });
    const refused = await failure(
      plane.promote({ service: 'api', from: 'staging', to: 'prod' }, as('rita')),
    );
    expect(refused).toEqual({
      code: 'REFUSED',
      message: 'required check tests has no result for 1.0.0',
    });
    const after = await plane.listEvents({ limit: 1000 });
    expect(after.events.slice(before.events.length).map((event) => event.type)).toEqual([
      'deployment.refused',
    ]);
    expect(
      (await plane.status({ service: 'api' })).services[0]?.environments['prod'],
    ).toBeUndefined();
    expect(await plane.listChangeRequests()).toEqual([]);

    await plane.addCheckResult(
      {
        service: 'api',
        ref: '1.0.0',
        name: 'tests',
        status: 'passed',
        url: 'https://ci.example/1',
      },
      as('ci'),
    );
    const check = await plane.checkPolicy({ service: 'api', ref: '1.0.0', environment: 'prod' });
    expect(check.verdict).toMatchObject({ decision: 'allow', autoDeploy: true, unmet: [] });
    // autoDeploy: the passing check itself deployed it, as slipway:auto-deploy.
    const [prod] = await plane.history('api', { environment: 'prod' });
    expect(prod).toMatchObject({
      environment: 'prod',
      status: 'succeeded',
      version: '1.0.0',
      actor: 'slipway:auto-deploy',
    });
    const auto = await plane.listEvents({ type: 'deployment.auto' });
    expect(auto.events.map((event) => event.payload)).toMatchObject([
      {
        service: 'api',
        environment: 'prod',
        version: '1.0.0',
        deploymentId: prod?.id,
        trigger: { check: 'tests', recordedBy: 'ci' },
        checks: [{ name: 'tests', status: 'passed' }],
        requiredChecks: ['tests'],
      },
    ]);
    expect(await plane.listCheckResults('api', '1.0.0')).toMatchObject([
      { name: 'tests', status: 'passed', url: 'https://ci.example/1', recordedBy: 'ci' },
    ]);
  });

  it('high risk: waits for a change request, refuses self-approval, deploys after two approvals', async () => {
    await plane.setPolicy({ overrides: [] }, as('admin'));
    await plane.addService({ name: 'pay', owner: 'team-p', riskTier: 'high' }, as('admin'));
    const digest = await release(plane, 'pay', '2.0.0');
    await throughStaging(plane, 'pay', '2.0.0');
    const missing = await failure(
      plane.promote({ service: 'pay', from: 'staging', to: 'prod' }, as('rita')),
    );
    expect(missing.code).toBe('REFUSED');
    expect(missing.message).toContain('required check security-scan has no result for 2.0.0');
    for (const name of evidence) {
      await plane.addCheckResult(
        { service: 'pay', ref: '2.0.0', name, status: 'passed' },
        as('ci'),
      );
    }

    const held = await failure(
      plane.promote({ service: 'pay', from: 'staging', to: 'prod' }, as('rita')),
    );
    expect(held.code).toBe('APPROVAL_REQUIRED');
    const id = requestIdOf(held.message);
    const request = await plane.getChangeRequest(id);
    expect(request).toMatchObject({
      status: 'open',
      requester: 'rita',
      version: '2.0.0',
      digests: [digest],
      approvals: [],
      content: {
        authors: ['ci'],
        requester: 'rita',
        running: null,
        diff: { fromVersion: null, toVersion: '2.0.0', addedDigests: [digest], removedDigests: [] },
        policy: { decision: 'needs_approval', requiredApprovals: 2 },
      },
    });
    expect(request.content.checks.map((check) => check.name).sort()).toEqual([...evidence].sort());
    expect(request.contentDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Asking again finds the same request instead of opening another.
    const again = await failure(
      plane.deploy({ service: 'pay', environment: 'prod', ref: '2.0.0' }, as('rita')),
    );
    expect(requestIdOf(again.message)).toBe(id);

    expect(await failure(plane.approveChange(id, {}, as('rita')))).toMatchObject({
      code: 'FORBIDDEN',
      message: `rita requested change ${id} and cannot approve it (separation of duties)`,
    });
    expect((await failure(plane.approveChange(id, {}, as('ci')))).code).toBe('FORBIDDEN');
    expect(
      (await failure(plane.approveChange(id, { seenDigest: 'sha256:other' }, as('carol')))).code,
    ).toBe('CONFLICT');
    const one = await plane.approveChange(
      id,
      { comment: 'looks right', seenDigest: request.contentDigest },
      as('carol'),
    );
    expect(one).toMatchObject({
      status: 'open',
      approvals: [{ approver: 'carol', comment: 'looks right' }],
    });
    expect(one.approvals[0]?.contentDigest).toBe(request.contentDigest);
    expect((await failure(plane.approveChange(id, {}, as('carol')))).code).toBe('CONFLICT');
    const stillHeld = await failure(
      plane.deploy(
        { service: 'pay', environment: 'prod', ref: '2.0.0', requestId: id },
        as('rita'),
      ),
    );
    expect(stillHeld.message).toContain('(1 of 2 approvals counted)');
    expect((await plane.approveChange(id, {}, as('dave'))).status).toBe('approved');
    const checked = await plane.checkPolicy({
      service: 'pay',
      ref: '2.0.0',
      environment: 'prod',
      requester: 'rita',
    });
    expect(checked.verdict).toMatchObject({
      decision: 'allow',
      approvals: { required: 2, counted: ['carol', 'dave'] },
    });

    const deployed = await plane.deploy(
      { service: 'pay', environment: 'prod', ref: '2.0.0', requestId: id },
      as('rita'),
    );
    expect(deployed).toMatchObject({ environment: 'prod', status: 'succeeded', digests: [digest] });
    expect(await plane.getChangeRequest(id)).toMatchObject({
      status: 'deployed',
      deploymentId: deployed.id,
    });
    const types = (await plane.listEvents({ limit: 1000 })).events.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining(['change.requested', 'change.approved', 'change.deployed']),
    );
    expect((await failure(plane.approveChange(id, {}, as('erin')))).code).toBe('CONFLICT');
  });

  it('a rejection needs a comment and ends the request', async () => {
    await plane.setPolicy({ overrides: [] }, as('admin'));
    await plane.addService({ name: 'web', owner: 'team-w' }, as('admin'));
    await release(plane, 'web', '1.0.0');
    await throughStaging(plane, 'web', '1.0.0');
    await plane.addCheckResult(
      { service: 'web', ref: '1.0.0', name: 'tests', status: 'passed' },
      as('ci'),
    );
    const held = await failure(
      plane.promote({ service: 'web', from: 'staging', to: 'prod' }, as('rita')),
    );
    const id = requestIdOf(held.message);
    expect((await failure(plane.rejectChange(id, {}, as('carol')))).code).toBe('USAGE');
    expect(
      await plane.rejectChange(id, { comment: 'not during the sale' }, as('carol')),
    ).toMatchObject({
      status: 'rejected',
      approvals: [{ approver: 'carol', decision: 'reject', comment: 'not during the sale' }],
    });
    const refused = await failure(
      plane.deploy(
        { service: 'web', environment: 'prod', ref: '1.0.0', requestId: id },
        as('rita'),
      ),
    );
    expect(refused).toEqual({ code: 'REFUSED', message: `change request ${id} is rejected` });
  });

  it('break-glass deploys during a freeze, opens a review that becomes overdue, and blocks the team until closed', async () => {
    await plane.setPolicy(
      {
        overrides: [
          {
            environment: 'prod',
            rules: {
              freezeWindows: [
                {
                  kind: 'dates',
                  from: '2026-11-20',
                  to: '2026-12-01',
                  timeZone: 'Europe/Berlin',
                  name: 'sale',
                },
              ],
            },
          },
        ],
        breakGlass: { reviewDueHours: 24, blockWhenOverdue: true },
      },
      as('admin'),
    );
    await plane.addService({ name: 'shop', owner: 'team-s' }, as('admin'));
    await release(plane, 'shop', '1.0.0');
    await throughStaging(plane, 'shop', '1.0.0');
    await plane.addCheckResult(
      { service: 'shop', ref: '1.0.0', name: 'tests', status: 'passed' },
      as('ci'),
    );
    const frozen = await failure(
      plane.promote({ service: 'shop', from: 'staging', to: 'prod' }, as('rita')),
    );
    expect(frozen.code).toBe('REFUSED');
    expect(frozen.message).toContain(
      'prod is frozen: "sale" (2026-11-20 to 2026-12-01 Europe/Berlin)',
    );

    const emergency = await plane.promote(
      { service: 'shop', from: 'staging', to: 'prod', breakGlass: { reason: 'checkout down' } },
      as('rita'),
    );
    expect(emergency).toMatchObject({ environment: 'prod', status: 'succeeded' });
    const [review] = await plane.listReviews({ status: 'open' });
    expect(review).toMatchObject({
      deploymentId: emergency.id,
      team: 'team-s',
      owner: 'team-s',
      actor: 'rita',
      reason: 'checkout down',
      bypassed: ['required-approvals', 'freeze-window'],
      overdue: false,
    });
    const loud = (await plane.listEvents({ type: 'break_glass.used' })).events;
    expect(loud).toHaveLength(1);
    expect(loud[0]).toMatchObject({ actor: 'rita', payload: { reason: 'checkout down' } });

    clock.advance(25);
    expect(await plane.reviews?.announceOverdue()).toMatchObject([{ id: review?.id }]);
    expect(await plane.reviews?.announceOverdue()).toEqual([]);
    expect((await plane.listEvents({ type: 'review.overdue' })).events).toMatchObject([
      { subject: `review:${review?.id ?? ''}`, payload: { owner: 'team-s' } },
    ]);
    expect(await plane.listReviews({ overdue: true })).toMatchObject([
      { id: review?.id, overdue: true },
    ]);
    await release(plane, 'shop', '1.0.1');
    await throughStaging(plane, 'shop', '1.0.1');
    const blocked = await failure(
      plane.promote(
        { service: 'shop', from: 'staging', to: 'prod', breakGlass: { reason: 'again' } },
        as('rita'),
      ),
    );
    expect(blocked.code).toBe('REFUSED');
    expect(blocked.message).toContain(
      `break-glass is blocked for team-s: post-release review ${review?.id ?? ''} is overdue`,
    );

    expect((await failure(plane.closeReview(review?.id ?? '', '  ', as('rita')))).code).toBe(
      'USAGE',
    );
    expect(
      await plane.closeReview(
        review?.id ?? '',
        'payment provider outage; added a fallback',
        as('rita'),
      ),
    ).toMatchObject({ status: 'closed', overdue: false, closedBy: 'rita' });
    expect(await plane.listReviews({ overdue: true })).toEqual([]);
  });
});
