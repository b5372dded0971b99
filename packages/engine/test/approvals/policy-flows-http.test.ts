import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { apiRoutes, startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import type { Role } from '@slipway/core';
import { HttpControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { evidence, failure, release, requestIdOf, throughStaging } from './policy-flow-fixtures.js';

const adminSecret = 'slw_policy-flows-http-admin-secret';
const as = { actor: 'ignored over HTTP' };

/** The documented answer of a route (its OpenAPI schema) checks what the engine really sends. */
function expectDocumented(method: string, url: string, answer: unknown): void {
  const route = apiRoutes(new HttpControlPlane({ url: 'http://unused', token: 'x' })).find(
    (candidate) => candidate.method === method && candidate.url === url,
  );
  if (route === undefined) throw new Error(`no route ${method} ${url}`);
  expect(route.response.safeParse(answer).error).toBeUndefined();
}

const day = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

describe.each(testDialects())('policy and approvals through the HTTP API on %s', (dialect) => {
  let server: RunningServer;
  let admin: HttpControlPlane;
  const dataDir = makeTempDir('slipway-policy-http-');

  async function client(role: Role): Promise<{ plane: HttpControlPlane; actor: string }> {
    const { token, secret } = await admin.createToken({ role }, as);
    return {
      plane: new HttpControlPlane({ url: server.url, token: secret }),
      actor: `token:${token.id}`,
    };
  }

  beforeAll(async () => {
    const database = await openMigratedTestDatabase(dialect);
    server = await startServer({
      port: 0,
      dataDir: dataDir.path,
      env: { SLIPWAY_DATABASE_URL: database.url, SLIPWAY_ADMIN_TOKEN: adminSecret },
    });
    admin = new HttpControlPlane({ url: server.url, token: adminSecret });
    const now = Date.now();
    const stored = await admin.setPolicy(
      {
        overrides: [
          {
            service: 'shop',
            environment: 'prod',
            rules: {
              freezeWindows: [
                {
                  kind: 'dates',
                  from: isoDate(now - day),
                  to: isoDate(now + 2 * day),
                  timeZone: 'UTC',
                  name: 'sale',
                },
              ],
            },
          },
        ],
        breakGlass: { reviewDueHours: 48 },
      },
      as,
    );
    expectDocumented('PUT', '/api/policy', stored);
  });

  afterAll(async () => {
    await server.close();
    dataDir.cleanup();
  });

  it('low risk deploys to prod once its tests pass', async () => {
    await admin.addService({ name: 'docs', riskTier: 'low' }, as);
    await release(admin, 'docs', '1.0.0');
    await throughStaging(admin, 'docs', '1.0.0');
    const denied = await admin.checkPolicy({ service: 'docs', ref: '1.0.0', environment: 'prod' });
    expectDocumented('GET', '/api/policy/check', denied);
    expect(denied).toMatchObject({ verdict: { decision: 'deny' } });
    const { plane: ci } = await client('releaser');
    const authors = await ci.recordReleaseAuthors(
      'docs',
      '1.0.0',
      [{ name: 'Ann Author', email: 'Ann@Example.com' }],
      as,
    );
    expectDocumented('POST', '/api/services/:service/releases/:ref/authors', authors);
    expect(authors).toEqual([{ name: 'Ann Author', email: 'ann@example.com' }]);
    const check = await ci.addCheckResult(
      { service: 'docs', ref: '1.0.0', name: 'tests', status: 'passed' },
      as,
    );
    expectDocumented('POST', '/api/services/:service/releases/:ref/checks', check);
    // The server deployed it by itself as the check passed (autoDeploy).
    const [prod] = await admin.history('docs', { environment: 'prod' });
    expect(prod).toMatchObject({
      environment: 'prod',
      status: 'succeeded',
      actor: 'slipway:auto-deploy',
    });
    const auto = await admin.listEvents({ type: 'deployment.auto' });
    expect(auto.events.map((event) => event.payload)).toMatchObject([
      { service: 'docs', environment: 'prod', trigger: { check: 'tests' } },
    ]);
  });

  it('high risk waits, refuses self-approval, deploys after two approvals', async () => {
    await admin.addService({ name: 'pay', riskTier: 'high' }, as);
    const { plane: releaser, actor: releaserActor } = await client('admin');
    await release(admin, 'pay', '1.0.0');
    await throughStaging(admin, 'pay', '1.0.0');
    for (const name of evidence) {
      await admin.addCheckResult({ service: 'pay', ref: '1.0.0', name, status: 'passed' }, as);
    }
    const held = await failure(
      releaser.promote({ service: 'pay', from: 'staging', to: 'prod' }, as),
    );
    expect(held.code).toBe('APPROVAL_REQUIRED');
    const id = requestIdOf(held.message);
    const request = await admin.getChangeRequest(id);
    expectDocumented('GET', '/api/change-requests/:id', request);
    expect(request).toMatchObject({ requester: releaserActor, status: 'open' });

    const self = await failure(releaser.approveChange(id, {}, as));
    expect(self).toEqual({
      code: 'FORBIDDEN',
      message: `${releaserActor} requested change ${id} and cannot approve it (separation of duties)`,
    });
    const { plane: developer } = await client('developer');
    expect((await failure(developer.approveChange(id, {}, as))).code).toBe('FORBIDDEN');
    const { plane: carol } = await client('approver');
    const { plane: dave } = await client('approver');
    const first = await carol.approveChange(
      id,
      { comment: 'ok', seenDigest: request.contentDigest },
      as,
    );
    expectDocumented('POST', '/api/change-requests/:id/approve', first);
    expect(first).toMatchObject({ status: 'open', approvals: [{ roles: ['approver'] }] });
    expect((await dave.approveChange(id, {}, as)).status).toBe('approved');

    const deployed = await releaser.deploy(
      { service: 'pay', environment: 'prod', ref: '1.0.0', requestId: id },
      as,
    );
    expect(deployed).toMatchObject({ environment: 'prod', status: 'succeeded' });
    const listed = await admin.listChangeRequests({ service: 'pay' });
    expectDocumented('GET', '/api/change-requests', listed);
    expect(listed).toMatchObject([{ id, status: 'deployed', deploymentId: deployed.id }]);
  });

  it('break-glass during a freeze needs its role, deploys, and leaves a review that becomes overdue', async () => {
    await admin.addService({ name: 'shop', owner: 'team-s' }, as);
    await release(admin, 'shop', '1.0.0');
    await throughStaging(admin, 'shop', '1.0.0');
    await admin.addCheckResult(
      { service: 'shop', ref: '1.0.0', name: 'tests', status: 'passed' },
      as,
    );
    const frozen = await failure(
      admin.promote({ service: 'shop', from: 'staging', to: 'prod' }, as),
    );
    expect(frozen.message).toContain('prod is frozen: "sale"');

    const { plane: releaser } = await client('releaser');
    const emergency = {
      service: 'shop',
      from: 'staging',
      to: 'prod',
      breakGlass: { reason: 'outage' },
    };
    expect((await failure(releaser.promote(emergency, as))).code).toBe('FORBIDDEN');
    const { plane: onCall, actor } = await client('approver');
    const deployed = await onCall.promote(emergency, as);
    expect(deployed).toMatchObject({ environment: 'prod', status: 'succeeded' });

    const open = await admin.listReviews({ status: 'open' });
    expectDocumented('GET', '/api/reviews', open);
    expect(open).toMatchObject([
      { deploymentId: deployed.id, actor, reason: 'outage', overdue: false },
    ]);
    const later = new Date(Date.now() + 3 * day).toISOString();
    expect(await admin.listReviews({ overdue: true, asOf: later })).toMatchObject([
      { deploymentId: deployed.id, overdue: true },
    ]);
    const closed = await onCall.closeReview(
      open[0]?.id ?? '',
      'provider outage, fallback added',
      as,
    );
    expectDocumented('POST', '/api/reviews/:id/close', closed);
    expect(closed).toMatchObject({ status: 'closed', closedBy: actor });
  });
});
