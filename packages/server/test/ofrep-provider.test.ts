import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenFeature } from '@openfeature/server-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { compileFlagSet, evaluateFlag } from '@slipway/core';
import { bearer, checkoutFlags, flagServerFixture } from './flag-server-fixture.js';
import type { FlagServerFixture } from './flag-server-fixture.js';

const prod = { service: 'shop', env: 'prod' };

/** The real OpenFeature server SDK with the real OFREP provider, over loopback HTTP. */
describe('OFREP with @openfeature/ofrep-provider', () => {
  let fixture: FlagServerFixture;
  let baseUrl: string;

  beforeAll(async () => {
    fixture = await flagServerFixture('sqlite');
    await fixture.controlPlane.flags.importFlags(prod, checkoutFlags, { actor: 'test' });
    baseUrl = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await OpenFeature.close();
  });

  it('a client sees a flag change after a rollout step', async () => {
    const domain = 'slipway-ofrep';
    await OpenFeature.setProviderAndWait(
      domain,
      new OFREPProvider({
        baseUrl: `${baseUrl}/flags/shop/prod`,
        headers: Object.entries(bearer(fixture.viewer)),
      }),
    );
    const client = OpenFeature.getClient(domain);
    // A user whom a 25% split puts on the new variant (flagd's bucketing, computed here).
    const at25 = compileFlagSet({
      flags: {
        'new-checkout': {
          ...checkoutFlags.flags['new-checkout'],
          targeting: {
            fractional: [
              ['on', 2500],
              ['off', 7500],
            ],
          },
        },
      },
    }).flagSet;
    const users = Array.from({ length: 100 }, (_, i) => `user-${i}`);
    const early = users.find(
      (user) => evaluateFlag(at25, 'new-checkout', { targetingKey: user }).value === true,
    ) as string;
    expect(early).toBeDefined();

    const before = await client.getBooleanDetails('new-checkout', true, { targetingKey: early });
    expect(before).toMatchObject({ value: false, variant: 'off', reason: 'STATIC' });

    await fixture.controlPlane.flags.rolloutFlag(
      prod,
      'new-checkout',
      { percent: 25, variant: 'on' },
      { actor: 'test' },
    );
    const after = await client.getBooleanDetails('new-checkout', false, { targetingKey: early });
    expect(after).toMatchObject({ value: true, variant: 'on', reason: 'TARGETING_MATCH' });
    expect(after.flagMetadata).toEqual({ version: 'v1', owner: 'payments' });

    // Everyone the server puts on "on" is who flagd's rule would, user by user.
    for (const user of users.slice(0, 20)) {
      const seen = await client.getBooleanValue('new-checkout', false, { targetingKey: user });
      expect(seen).toBe(evaluateFlag(at25, 'new-checkout', { targetingKey: user }).value);
    }

    await fixture.controlPlane.flags.killFlag(prod, 'new-checkout', { actor: 'test' });
    const killed = await client.getBooleanValue('new-checkout', false, { targetingKey: early });
    expect(killed).toBe(false);
    const missing = await client.getStringDetails('nope', 'fallback', { targetingKey: early });
    expect(missing).toMatchObject({ value: 'fallback', errorCode: 'FLAG_NOT_FOUND' });
  });
});
