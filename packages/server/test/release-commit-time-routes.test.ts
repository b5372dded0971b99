import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

describe.each(testDialects())('a release’s first commit time over HTTP on %s', (dialect) => {
  let fixture: ServerFixture;

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
    const created = await fixture.app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(fixture.admin),
      payload: { name: 'shop' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('accepts it, stores it in UTC and returns it', async () => {
    const { app, releaser, viewer } = fixture;
    const created = await app.inject({
      method: 'POST',
      url: '/api/releases',
      headers: bearer(releaser),
      payload: { service: 'shop', version: '1.0.0', firstCommitTime: '2026-05-01T08:00:00-04:00' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().firstCommitTime).toBe('2026-05-01T12:00:00.000Z');
    const read = await app.inject({
      method: 'GET',
      url: '/api/services/shop/releases/1.0.0',
      headers: bearer(viewer),
    });
    expect(read.json().firstCommitTime).toBe('2026-05-01T12:00:00.000Z');
    const without = await app.inject({
      method: 'POST',
      url: '/api/releases',
      headers: bearer(releaser),
      payload: { service: 'shop', version: '1.0.1' },
    });
    expect(without.statusCode).toBe(201);
    expect(Object.keys(without.json())).not.toContain('firstCommitTime');
  });

  it('answers 400 naming the field for a time that is not ISO 8601', async () => {
    const refused = await fixture.app.inject({
      method: 'POST',
      url: '/api/releases',
      headers: bearer(fixture.releaser),
      payload: { service: 'shop', version: '2.0.0', firstCommitTime: 'last tuesday' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('firstCommitTime');
  });
});
