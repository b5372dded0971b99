import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

describe.each(testDialects())('GET /api/whoami on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
  });

  it('names the calling token, its actor, role and unlimited scope', async () => {
    const { app, tokens, viewer } = fixture;
    const token = await tokens.authenticate(viewer);
    const answer = await app.inject({ method: 'GET', url: '/api/whoami', headers: bearer(viewer) });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      actor: `token:${token?.id ?? '?'}`,
      role: 'viewer',
      services: null,
      environments: null,
      tokenId: token?.id,
    });
  });

  it('answers a scoped token too, with its services and environments', async () => {
    const { app, tokens } = fixture;
    const created = await tokens.createToken({
      role: 'approver',
      services: ['billing'],
      environments: ['production'],
      createdBy: 'test',
    });
    const answer = await app.inject({
      method: 'GET',
      url: '/api/whoami',
      headers: bearer(created.secret),
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      actor: `token:${created.token.id}`,
      role: 'approver',
      services: ['billing'],
      environments: ['production'],
      tokenId: created.token.id,
    });
  });

  it('answers 401 without a token, with an unknown one, and with a revoked one', async () => {
    const { app, tokens } = fixture;
    const none = await app.inject({ method: 'GET', url: '/api/whoami' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/whoami',
      headers: bearer('slw_nobody-issued-this'),
    });
    expect(unknown.statusCode).toBe(401);
    const created = await tokens.createToken({ role: 'admin', createdBy: 'test' });
    await tokens.revokeToken(created.token.id, 'test');
    const revoked = await app.inject({
      method: 'GET',
      url: '/api/whoami',
      headers: bearer(created.secret),
    });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toBe('unknown or revoked token');
  });
});
