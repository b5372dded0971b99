import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { apiRoutes } from '@slipway/server';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

describe.each(testDialects())('API routes on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
  });

  it('answers 401 saying whether the token is missing, malformed or unknown', async () => {
    const { app } = fixture;
    const none = await app.inject({ method: 'GET', url: '/api/ledger/events' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'no token: send Authorization: Bearer <token>' },
    });
    const basic = await app.inject({
      method: 'GET',
      url: '/api/ledger/events',
      headers: { authorization: 'Basic abc' },
    });
    expect(basic.json().error.message).toBe(
      'the Authorization header is not of the form Bearer <token>',
    );
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/ledger/verify',
      headers: bearer('slw_not-a-token-anyone-issued'),
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'unknown or revoked token',
    });
  });

  it('answers 401 on every API route before looking at the request', async () => {
    for (const route of apiRoutes(fixture.controlPlane)) {
      const url = route.url.replace(/:(\w+)/g, 'x');
      for (const headers of [{}, bearer('slw_unknown-secret')]) {
        const response = await fixture.app.inject({
          method: route.method,
          url,
          headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.json().error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('lists tokens to admins only, never with a secret or hash', async () => {
    const { app, admin, viewer } = fixture;
    const listed = await app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(admin) });
    expect(listed.statusCode).toBe(200);
    const tokens = listed.json<Record<string, unknown>[]>();
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const token of tokens) {
      expect(Object.keys(token).sort()).toEqual([
        'createdAt',
        'createdBy',
        'environments',
        'id',
        'person',
        'prefix',
        'revokedAt',
        'role',
        'services',
      ]);
    }
    const refused = await app.inject({
      method: 'GET',
      url: '/api/tokens',
      headers: bearer(viewer),
    });
    expect(refused.statusCode).toBe(403);
  });

  it('answers 403 naming the role needed', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(fixture.viewer),
      payload: { role: 'viewer' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'role admin needed for tokens.manage (this token has role viewer)',
      },
    });
  });

  it('answers 400 naming the invalid field', async () => {
    const { app, admin, viewer } = fixture;
    const badRole = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(admin),
      payload: { role: 'root' },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.code).toBe('USAGE');
    expect(badRole.json().error.message).toMatch(/^body\.role: /);
    const badLimit = await app.inject({
      method: 'GET',
      url: '/api/ledger/events?limit=5000',
      headers: bearer(viewer),
    });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().error.message).toMatch(/^query\.limit: /);
    const extra = await app.inject({
      method: 'GET',
      url: '/api/ledger/events?colour=red',
      headers: bearer(viewer),
    });
    expect(extra.json().error.message).toMatch(/^query\.colour: /);
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { ...bearer(admin), 'content-type': 'application/json' },
      payload: '{"role":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('USAGE');
  });

  it('issues, uses and revokes a token, recording both in the ledger', async () => {
    const { app, admin } = fixture;
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(admin),
      payload: { role: 'releaser', services: ['api'] },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<{ token: { id: string }; secret: string }>();
    expect(created.json().token).toMatchObject({ role: 'releaser', services: ['api'] });
    // A token scoped to one service cannot read the whole ledger.
    const scoped = await app.inject({
      method: 'GET',
      url: '/api/ledger/events',
      headers: bearer(secret),
    });
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().error.message).toBe(
      'ledger.read needs a token for every service; this token is limited to service api',
    );
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${token.id}`,
      headers: bearer(admin),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    const again = await app.inject({
      method: 'DELETE',
      url: '/api/tokens/no-such-id',
      headers: bearer(admin),
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toEqual({
      code: 'NOT_FOUND',
      message: 'no token with id no-such-id',
    });
    const events = await app.inject({
      method: 'GET',
      url: `/api/ledger/events?subject=token:${token.id}`,
      headers: bearer(fixture.viewer),
    });
    expect(events.statusCode).toBe(200);
    expect(events.json().events.map((event: { type: string }) => event.type)).toEqual([
      'token.created',
      'token.revoked',
    ]);
    expect(events.json().nextAfter).toBeNull();
    const verify = await app.inject({
      method: 'GET',
      url: '/api/ledger/verify',
      headers: bearer(fixture.viewer),
    });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('pages ledger events with the same filters as the CLI', async () => {
    const { app, ledger, viewer } = fixture;
    for (const actor of ['ann', 'ben', 'ann']) {
      await ledger.append({ type: 'demo', subject: 'service/x', actor });
    }
    const page = await app.inject({
      method: 'GET',
      url: '/api/ledger/events?type=demo&actor=ann&limit=1',
      headers: bearer(viewer),
    });
    const body = page.json<{ events: { actor: string }[]; nextAfter: number }>();
    expect(body.events.map((event) => event.actor)).toEqual(['ann']);
    const next = await app.inject({
      method: 'GET',
      url: `/api/ledger/events?type=demo&actor=ann&after=${body.nextAfter}`,
      headers: bearer(viewer),
    });
    expect(next.json().events).toHaveLength(1);
  });

  it('answers unknown routes in the error shape', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /api/nothing' },
    });
  });

  it('publishes an OpenAPI document built from the request schemas', async () => {
    const response = await fixture.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/artifacts',
      '/api/artifacts/{digest}',
      '/api/artifacts/{digest}/content',
      '/api/catalog/import',
      '/api/change-requests',
      '/api/change-requests/{id}',
      '/api/change-requests/{id}/approve',
      '/api/change-requests/{id}/reject',
      '/api/deployments',
      '/api/deployments/{id}',
      '/api/deployments/{id}/status',
      '/api/flag-client-keys',
      '/api/flag-client-keys/{id}',
      '/api/flag-ramps/{id}',
      '/api/images/events',
      '/api/ledger/events',
      '/api/ledger/verify',
      '/api/packages/{project}/unyank',
      '/api/packages/{project}/yank',
      '/api/policy',
      '/api/policy/check',
      '/api/promotions',
      '/api/releases',
      '/api/releases/{service}/{version}/evidence',
      '/api/releases/{service}/{version}/evidence/bundle',
      '/api/reviews',
      '/api/reviews/{id}/close',
      '/api/rollback-plan',
      '/api/rollbacks',
      '/api/rollouts',
      '/api/rollouts/{id}',
      '/api/rollouts/{id}/abort',
      '/api/rollouts/{id}/pause',
      '/api/rollouts/{id}/promote',
      '/api/rollouts/{id}/resume',
      '/api/rollouts/{id}/retry',
      '/api/services',
      '/api/services/{name}',
      '/api/services/{service}/deployments',
      '/api/services/{service}/environments/{env}/flag-file',
      '/api/services/{service}/environments/{env}/flag-ramps',
      '/api/services/{service}/environments/{env}/flags',
      '/api/services/{service}/environments/{env}/flags/{key}',
      '/api/services/{service}/environments/{env}/flags/{key}/kill',
      '/api/services/{service}/environments/{env}/flags/{key}/ramps',
      '/api/services/{service}/environments/{env}/flags/{key}/rollout',
      '/api/services/{service}/environments/{env}/flags/{key}/versions',
      '/api/services/{service}/releases',
      '/api/services/{service}/releases/{ref}/authors',
      '/api/services/{service}/releases/{ref}/checks',
      '/api/services/{service}/releases/{version}',
      '/api/services/{service}/stale-flags',
      '/api/status',
      '/api/tokens',
      '/api/tokens/{id}',
      '/api/whoami',
    ]);
    // The route registered by hand is described too, with the shape it answers.
    expect(
      document.paths['/api/whoami'].get.responses['200'].content['application/json'].schema,
    ).toMatchObject({ required: expect.arrayContaining(['actor', 'role', 'tokenId']) as unknown });
    // Every route, with its method, is in the document.
    for (const route of apiRoutes(fixture.controlPlane)) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(
        document.paths[path][route.method.toLowerCase()],
        `${route.method} ${path}`,
      ).toMatchObject({ summary: route.summary, 'x-slipway-action': route.action });
    }
    expect(document.paths['/api/deployments'].post.summary).toMatch(
      /answers 201 with the deployment even when the deployer failed/,
    );
    const upload = document.paths['/api/artifacts/{digest}/content'].put;
    expect(upload.requestBody.content).toEqual({
      'application/octet-stream': { schema: expect.objectContaining({ format: 'binary' }) },
    });
    const create = document.paths['/api/tokens'].post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['role'],
      properties: { role: { enum: ['viewer', 'developer', 'releaser', 'approver', 'admin'] } },
    });
    const list = document.paths['/api/ledger/events'].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'subject',
      'type',
      'actor',
      'since',
      'until',
      'limit',
      'after',
    ]);
    expect(document.paths['/api/tokens/{id}'].delete.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
    expect(
      document.paths['/api/tokens'].get.parameters.map(
        (parameter: { name: string }) => parameter.name,
      ),
    ).toEqual([]);
  });
});
