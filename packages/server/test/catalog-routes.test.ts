import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
spec:
  type: service
  owner: team-pay
  lifecycle: production
`;

describe.each(testDialects())('catalog routes on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
  });

  it('adds, reads, lists and changes a service, recording the token as actor', async () => {
    const { app, releaser, viewer, tokens } = fixture;
    const added = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(releaser),
      payload: { name: 'api', owner: 'team-a', lifecycle: ['dev', 'prod'] },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      name: 'api',
      owner: 'team-a',
      lifecycle: ['dev', 'prod'],
      riskTier: 'standard',
      deployer: null,
    });
    const one = await app.inject({
      method: 'GET',
      url: '/api/services/api',
      headers: bearer(viewer),
    });
    expect(one.json()).toEqual(added.json());
    const list = await app.inject({
      method: 'GET',
      url: '/api/services?search=TEAM-A',
      headers: bearer(viewer),
    });
    expect(list.json().map((service: { name: string }) => service.name)).toEqual(['api']);
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/services/api',
      headers: bearer(releaser),
      payload: { riskTier: 'high' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ riskTier: 'high', owner: 'team-a' });
    const releaserId = (await tokens.authenticate(releaser))?.id;
    const events = await fixture.ledger.listEvents({ subject: 'service:api' });
    expect(events.events.map((event) => [event.type, event.actor])).toEqual([
      ['service.added', `token:${releaserId}`],
      ['service.updated', `token:${releaserId}`],
    ]);
  });

  it('answers 404 for an unknown service and 400 naming the invalid field', async () => {
    const { app, releaser, viewer } = fixture;
    const missing = await app.inject({
      method: 'GET',
      url: '/api/services/nope',
      headers: bearer(viewer),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no service named nope' },
    });
    const badLifecycle = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(releaser),
      payload: { name: 'web', lifecycle: ['Dev'] },
    });
    expect(badLifecycle.statusCode).toBe(400);
    expect(badLifecycle.json().error.message).toMatch(/^body\.lifecycle\.0: environment names/);
    const unknownField = await app.inject({
      method: 'PATCH',
      url: '/api/services/api',
      headers: bearer(releaser),
      payload: { colour: 'red' },
    });
    expect(unknownField.json().error.message).toMatch(/^body\.colour: /);
  });

  it('lets only admins set a deployer, and scoped tokens act only on their services', async () => {
    const { app, admin, releaser, tokens } = fixture;
    const command = { kind: 'command', command: ['./deploy.sh'] };
    const refused = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(releaser),
      payload: { name: 'worker', deployer: command },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({
      code: 'FORBIDDEN',
      message: 'role admin needed for deployers.configure (this token has role releaser)',
    });
    const byAdmin = await app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(admin),
      payload: { name: 'worker', deployer: command },
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json().deployer).toEqual(command);
    const { secret: scoped } = await tokens.createToken({
      role: 'releaser',
      services: ['worker'],
      createdBy: 'test',
    });
    const own = await app.inject({
      method: 'PATCH',
      url: '/api/services/worker',
      headers: bearer(scoped),
      payload: { owner: 'team-w' },
    });
    expect(own.statusCode).toBe(200);
    const other = await app.inject({
      method: 'PATCH',
      url: '/api/services/api',
      headers: bearer(scoped),
      payload: { owner: 'team-w' },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe(
      'this token is not allowed catalog.write on service api (limited to worker)',
    );
    const everything = await app.inject({
      method: 'GET',
      url: '/api/services',
      headers: bearer(scoped),
    });
    expect(everything.statusCode).toBe(403);
    expect(everything.json().error.message).toBe(
      'catalog.read needs a token for every service; this token is limited to service worker',
    );
  });

  it('imports catalog-info files and reports what changed', async () => {
    const { app, releaser } = fixture;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: bearer(releaser),
      payload: { files: [{ file: 'billing/catalog-info.yaml', text: catalogInfo }] },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ applied: true, added: ['billing'], errors: [] });
    const again = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: bearer(releaser),
      payload: { files: [{ file: 'billing/catalog-info.yaml', text: catalogInfo }] },
    });
    expect(again.json()).toMatchObject({ applied: true, added: [], unchanged: ['billing'] });
    const empty = await app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      headers: bearer(releaser),
      payload: { files: [] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/^body\.files: /);
  });
});
