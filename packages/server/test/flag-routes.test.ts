import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, checkoutFlags, flagServerFixture } from './flag-server-fixture.js';
import type { FlagServerFixture } from './flag-server-fixture.js';

const prod = '/api/services/shop/environments/prod';

describe.each(testDialects())('flag routes on %s', (dialect) => {
  let fixture: FlagServerFixture;

  beforeAll(async () => {
    fixture = await flagServerFixture(dialect);
  });

  it('imports a flagd file (releaser), refuses an invalid one whole, exports it back', async () => {
    const { app, releaser, viewer } = fixture;
    const refused = await app.inject({
      method: 'PUT',
      url: `${prod}/flag-file`,
      headers: bearer(viewer),
      payload: checkoutFlags,
    });
    expect(refused.statusCode).toBe(403);
    const imported = await app.inject({
      method: 'PUT',
      url: `${prod}/flag-file`,
      headers: bearer(releaser),
      payload: checkoutFlags,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({
      revision: 1,
      changed: ['banner-color', 'code-default', 'new-checkout'],
    });
    const invalid = await app.inject({
      method: 'PUT',
      url: `${prod}/flag-file`,
      headers: bearer(releaser),
      payload: {
        flags: {
          'new-checkout': { state: 'ENABLED', variants: { on: true }, defaultVariant: 'on' },
          broken: { state: 'MAYBE', variants: { on: true }, defaultVariant: 'on' },
        },
      },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/flag "broken", field "state"/);
    const exported = await app.inject({
      method: 'GET',
      url: `${prod}/flag-file`,
      headers: bearer(viewer),
    });
    expect(exported.json()).toMatchObject({ revision: 1, file: checkoutFlags });
  });

  it('sets, reads, kills and rolls out a flag; each change is a version with its actor', async () => {
    const { app, releaser, viewer } = fixture;
    const set = await app.inject({
      method: 'PATCH',
      url: `${prod}/flags/dark-mode`,
      headers: bearer(releaser),
      payload: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ key: 'dark-mode', version: 1 });
    const rollout = await app.inject({
      method: 'POST',
      url: `${prod}/flags/dark-mode/rollout`,
      headers: bearer(releaser),
      payload: { percent: 25, variant: 'on' },
    });
    expect(rollout.json()).toMatchObject({
      version: 2,
      definition: {
        targeting: {
          fractional: [
            ['on', 2500],
            ['off', 7500],
          ],
        },
      },
    });
    const killed = await app.inject({
      method: 'POST',
      url: `${prod}/flags/dark-mode/kill`,
      headers: bearer(releaser),
      payload: {},
    });
    expect(killed.json()).toMatchObject({ version: 3, definition: { state: 'DISABLED' } });
    const versions = await app.inject({
      method: 'GET',
      url: `${prod}/flags/dark-mode/versions`,
      headers: bearer(viewer),
    });
    const releaserId = (await fixture.controlPlane.tokens.authenticate(releaser))?.id;
    expect(
      versions.json().map((v: { change: string; actor: string }) => [v.change, v.actor]),
    ).toEqual([
      ['set', `token:${releaserId}`],
      ['rollout', `token:${releaserId}`],
      ['kill', `token:${releaserId}`],
    ]);
    const events = await fixture.controlPlane.listEvents({ subject: 'flag:shop/prod/dark-mode' });
    expect(events.events.map((e) => e.type)).toEqual([
      'flag.set',
      'flag.rolled-out',
      'flag.killed',
    ]);
    const list = await app.inject({ method: 'GET', url: `${prod}/flags`, headers: bearer(viewer) });
    expect(list.json().map((flag: { key: string }) => flag.key)).toContain('dark-mode');
  });

  it('reports stale flags of a service', async () => {
    const { app, viewer } = fixture;
    const report = await app.inject({
      method: 'GET',
      url: '/api/services/shop/stale-flags?days=0',
      headers: bearer(viewer),
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toContainEqual({
      service: 'shop',
      key: 'code-default',
      serves: { prod: null },
      unchangedSince: expect.any(String),
    });
    expect(report.json().map((flag: { key: string }) => flag.key)).not.toContain('banner-color');
  });

  it('names the unknown service, environment or flag', async () => {
    const { app, releaser, viewer } = fixture;
    const body = { state: 'ENABLED', variants: { on: true }, defaultVariant: 'on' };
    const noService = await app.inject({
      method: 'PATCH',
      url: '/api/services/nope/environments/prod/flags/x',
      headers: bearer(releaser),
      payload: body,
    });
    expect(noService.statusCode).toBe(404);
    const noEnv = await app.inject({
      method: 'PATCH',
      url: '/api/services/shop/environments/qa/flags/x',
      headers: bearer(releaser),
      payload: body,
    });
    expect(noEnv.statusCode).toBe(400);
    expect(noEnv.json().error.message).toMatch(/environment qa is not in the lifecycle of shop/);
    const noFlag = await app.inject({
      method: 'GET',
      url: `${prod}/flags/nope`,
      headers: bearer(viewer),
    });
    expect(noFlag.statusCode).toBe(404);
  });

  it('issues client keys to admins only, and lists and revokes them', async () => {
    const { app, admin, releaser } = fixture;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/flag-client-keys',
      headers: bearer(releaser),
      payload: { service: 'shop', env: 'prod' },
    });
    expect(refused.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/flag-client-keys',
      headers: bearer(admin),
      payload: { service: 'shop', env: 'prod' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^slwf_/);
    const id = created.json().key.id as string;
    const listed = await app.inject({
      method: 'GET',
      url: '/api/flag-client-keys',
      headers: bearer(admin),
    });
    expect(listed.json().map((key: { id: string }) => key.id)).toContain(id);
    expect(JSON.stringify(listed.json())).not.toContain(created.json().secret);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/flag-client-keys/${id}`,
      headers: bearer(admin),
    });
    expect(revoked.json().revokedAt).not.toBeNull();
  });
});
