import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { bearer, serverFixture } from './server-fixture.js';
import type { ServerFixture } from './server-fixture.js';

describe.each(testDialects())('a fix release (`fixes`) over HTTP on %s', (dialect) => {
  let fixture: ServerFixture;

  const post = (payload: Record<string, unknown>) =>
    fixture.app.inject({
      method: 'POST',
      url: '/api/releases',
      headers: bearer(fixture.releaser),
      payload,
    });

  beforeAll(async () => {
    fixture = await serverFixture(dialect);
    const created = await fixture.app.inject({
      method: 'POST',
      url: '/api/services',
      headers: bearer(fixture.admin),
      payload: { name: 'shop' },
    });
    expect(created.statusCode).toBe(201);
    expect((await post({ service: 'shop', version: '1.0.0' })).statusCode).toBe(201);
  });

  it('stores the version a release fixes and returns it when read back', async () => {
    const created = await post({ service: 'shop', version: '1.0.1', fixes: '1.0.0' });
    expect(created.statusCode).toBe(201);
    expect(created.json().fixes).toBe('1.0.0');
    const read = await fixture.app.inject({
      method: 'GET',
      url: '/api/services/shop/releases',
      headers: bearer(fixture.viewer),
    });
    const byVersion = new Map(
      (read.json() as { version: string; fixes?: string }[]).map((r) => [r.version, r]),
    );
    expect(byVersion.get('1.0.1')?.fixes).toBe('1.0.0');
    expect(Object.keys(byVersion.get('1.0.0') ?? {})).not.toContain('fixes');
  });

  it('refuses a fix of a version the service does not have, naming it', async () => {
    const refused = await post({ service: 'shop', version: '1.0.2', fixes: '0.9.0' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toContain('fixes');
    expect(refused.json().error.message).toContain('0.9.0');
  });

  it('refuses a release that fixes itself', async () => {
    const refused = await post({ service: 'shop', version: '1.0.3', fixes: '1.0.3' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('fixes');
  });
});
