import { beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { validateFlagFile } from '@slipway/core';
import { bearer, checkoutFlags, flagServerFixture } from './flag-server-fixture.js';
import type { FlagServerFixture } from './flag-server-fixture.js';

const scoped = '/flags/shop/prod/ofrep/v1/evaluate/flags';
const keyed = '/ofrep/v1/evaluate/flags';

describe.each(testDialects())('OFREP on %s', (dialect) => {
  let fixture: FlagServerFixture;
  let clientKey: string;
  let devKey: string;

  beforeAll(async () => {
    fixture = await flagServerFixture(dialect);
    const actor = { actor: 'test' };
    await fixture.controlPlane.flags.importFlags(
      { service: 'shop', env: 'prod' },
      checkoutFlags,
      actor,
    );
    clientKey = (
      await fixture.controlPlane.flags.createClientKey({ service: 'shop', env: 'prod' }, actor)
    ).secret;
    devKey = (
      await fixture.controlPlane.flags.createClientKey({ service: 'shop', env: 'dev' }, actor)
    ).secret;
  });

  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    fixture.app.inject({ method: 'POST', url, headers, payload: payload as object });

  it('evaluates one flag with a client key (X-API-Key or Bearer) and with a viewer token', async () => {
    const context = { context: { targetingKey: 'u1', email: 'a@example.com' } };
    const byKey = await post(`${keyed}/banner-color`, { 'x-api-key': clientKey }, context);
    expect(byKey.statusCode).toBe(200);
    expect(byKey.headers['content-type']).toMatch(/^application\/json/);
    expect(byKey.json()).toEqual({
      key: 'banner-color',
      value: 'blue',
      reason: 'TARGETING_MATCH',
      variant: 'blue',
      metadata: { version: 'v1' },
    });
    const byBearer = await post(`${keyed}/new-checkout`, bearer(clientKey), context);
    expect(byBearer.json()).toEqual({
      key: 'new-checkout',
      value: false,
      reason: 'STATIC',
      variant: 'off',
      metadata: { version: 'v1', owner: 'payments' },
    });
    const byToken = await post(`${scoped}/new-checkout`, bearer(fixture.viewer), context);
    expect(byToken.json()).toMatchObject({ key: 'new-checkout', value: false });
    const byScopedKey = await post(`${scoped}/new-checkout`, { 'x-api-key': clientKey }, context);
    expect(byScopedKey.statusCode).toBe(200);
  });

  it('answers a code default without a value, and errors in OFREP shapes', async () => {
    const auth = { 'x-api-key': clientKey };
    const codeDefault = await post(`${keyed}/code-default`, auth, { context: {} });
    expect(codeDefault.json()).toEqual({
      key: 'code-default',
      reason: 'DEFAULT',
      metadata: { version: 'v1' },
    });
    const missing = await post(`${keyed}/nope`, auth, { context: { targetingKey: 'u1' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ key: 'nope', errorCode: 'FLAG_NOT_FOUND' });
    expect(typeof missing.json().errorDetails).toBe('string');
    const badContext = await post(`${keyed}/new-checkout`, auth, { context: { targetingKey: 5 } });
    expect(badContext.statusCode).toBe(400);
    expect(badContext.json()).toMatchObject({ key: 'new-checkout', errorCode: 'INVALID_CONTEXT' });
    const badJson = await fixture.app.inject({
      method: 'POST',
      url: `${keyed}/new-checkout`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ errorCode: 'INVALID_CONTEXT' });
  });

  it('refuses missing, unknown and out-of-scope credentials with 401 and 403', async () => {
    const body = { context: { targetingKey: 'u1' } };
    const none = await post(`${keyed}/new-checkout`, {}, body);
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ errorDetails: expect.any(String) });
    expect(
      (await post(`${keyed}/new-checkout`, { 'x-api-key': 'slwf_nope' }, body)).statusCode,
    ).toBe(401);
    // A token names no environment: only the per-environment base URL takes it.
    expect((await post(`${keyed}/new-checkout`, bearer(fixture.viewer), body)).statusCode).toBe(
      403,
    );
    // A key of dev does not open prod; a token limited to another service neither.
    expect((await post(`${scoped}/new-checkout`, { 'x-api-key': devKey }, body)).statusCode).toBe(
      403,
    );
    expect(
      (await post(`${scoped}/new-checkout`, bearer(fixture.otherViewer), body)).statusCode,
    ).toBe(403);
  });

  it('bulk-evaluates with an ETag; If-None-Match answers 304 until a flag or the context changes', async () => {
    const auth = { 'x-api-key': clientKey };
    const body = { context: { targetingKey: 'u1' } };
    const first = await post(keyed, auth, body);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.json()).toEqual({
      flags: expect.arrayContaining([
        {
          key: 'new-checkout',
          value: false,
          reason: 'STATIC',
          variant: 'off',
          metadata: { version: 'v1', owner: 'payments' },
        },
        { key: 'code-default', reason: 'DEFAULT', metadata: { version: 'v1' } },
      ]),
      metadata: { version: 'v1' },
      eventStreams: [
        { type: 'sse', endpoint: { requestUri: '/ofrep/v1/events' }, inactivityDelaySec: 120 },
      ],
    });
    expect(first.json().flags).toHaveLength(3);
    const same = await post(keyed, { ...auth, 'if-none-match': etag }, body);
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    const otherContext = await post(
      keyed,
      { ...auth, 'if-none-match': etag },
      { context: { targetingKey: 'u2' } },
    );
    expect(otherContext.statusCode).toBe(200);
    await fixture.controlPlane.flags.killFlag({ service: 'shop', env: 'prod' }, 'banner-color', {
      actor: 'test',
    });
    const changed = await post(keyed, { ...auth, 'if-none-match': etag }, body);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().flags).toContainEqual({
      key: 'banner-color',
      reason: 'DISABLED',
      metadata: { version: 'v1' },
    });
  });

  it('serves the flag-sync file with an ETag, valid for flagd', async () => {
    const auth = { 'x-api-key': clientKey };
    const file = await fixture.app.inject({
      method: 'GET',
      url: '/flags/shop/prod/flagd.json',
      headers: auth,
    });
    expect(file.statusCode).toBe(200);
    expect(validateFlagFile(file.json())).toEqual({ valid: true, issues: [] });
    expect(Object.keys(file.json().flags).sort()).toEqual([
      'banner-color',
      'code-default',
      'new-checkout',
    ]);
    const again = await fixture.app.inject({
      method: 'GET',
      url: '/flags/shop/prod/flagd.json',
      headers: { ...auth, 'if-none-match': file.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const refused = await fixture.app.inject({
      method: 'GET',
      url: '/flags/shop/prod/flagd.json',
      headers: { 'x-api-key': devKey },
    });
    expect(refused.statusCode).toBe(403);
  });
});
