import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateFlag } from '@slipway/core';
import { testDialects } from '@slipway/test-utils';
import type { LedgerService } from '../../../src/index.js';
import {
  FakeFlagStore,
  FlagService,
  FlagTrafficRouter,
  createFakeLedgerService,
  createFlagService,
  createLedgerService,
  createTrafficRouter,
  flagServiceTrafficPort,
  flagTrafficEventType,
} from '../../../src/index.js';
import { openMigratedTestDatabase } from '../../db/migrated-test-database.js';
import { rollout } from './traffic-test-context.js';

const scope = { service: rollout.service, env: rollout.environment };
const variants = { stableVariant: 'v1', canaryVariant: 'v2' };

type Setup = () => Promise<{ flags: FlagService; ledger: Pick<LedgerService, 'listEvents'> }>;

const setups: [string, Setup][] = [
  ...testDialects().map((dialect): [string, Setup] => [
    dialect,
    async () => {
      const database = await openMigratedTestDatabase(dialect);
      return {
        flags: createFlagService(database.db),
        ledger: createLedgerService(database.db),
      };
    },
  ]),
  [
    'the fake flag store',
    () => {
      const { service: ledgerService } = createFakeLedgerService();
      const flags = new FlagService(new FakeFlagStore(), ledgerService);
      return Promise.resolve({ flags, ledger: ledgerService });
    },
  ],
];

describe.each(setups)('flag traffic router on %s', (_name, setup) => {
  let flags: FlagService;
  let ledger: Pick<LedgerService, 'listEvents'>;
  let router: FlagTrafficRouter;

  beforeEach(async () => {
    ({ flags, ledger } = await setup());
    await flags.setFlag(
      scope,
      'checkout-backend',
      { state: 'ENABLED', variants: { v1: 'v1', v2: 'v2', v3: 'v3' }, defaultVariant: 'v1' },
      { actor: 'bob' },
    );
    router = new FlagTrafficRouter(flagServiceTrafficPort(flags), {
      flag: 'checkout-backend',
      ...variants,
    });
  });

  const share = async (): Promise<number> => {
    const { flagSet } = await flags.snapshot(scope);
    let canary = 0;
    for (let user = 0; user < 2000; user += 1) {
      const result = evaluateFlag(flagSet, 'checkout-backend', { targetingKey: `user-${user}` });
      if (result.value === 'v2') canary += 1;
    }
    return canary / 2000;
  };

  it('moves the fractional split with the rollout plan, sticky and readable back', async () => {
    expect(await router.currentWeight(rollout)).toBe(0);
    await router.setWeight(25, rollout);
    const stored = await flags.getFlag(scope, 'checkout-backend');
    expect(stored.definition.targeting).toEqual({
      fractional: [
        ['v2', 2500],
        ['v1', 7500],
      ],
    });
    expect(stored.updatedBy).toBe('alice');
    expect(await router.currentWeight(rollout)).toBe(25);
    expect(await share()).toBeGreaterThan(0.2);
    expect(await share()).toBeLessThan(0.3);
    await router.setWeight(100, rollout);
    expect(await router.currentWeight(rollout)).toBe(100);
    expect(await share()).toBe(1);
    await router.setWeight(0, rollout);
    expect(await router.currentWeight(rollout)).toBe(0);
    expect(await share()).toBe(0);
  });

  it("records the rollout's actor and id in the flag's ledger transaction", async () => {
    await router.setWeight(10, rollout);
    const events = (await ledger.listEvents()).events;
    const rolledOut = events.find((event) => event.type === 'flag.rolled-out');
    const traffic = events.find((event) => event.type === flagTrafficEventType);
    expect(rolledOut).toMatchObject({ actor: 'alice', subject: 'flag:shop/prod/checkout-backend' });
    expect(traffic).toMatchObject({
      actor: 'alice',
      subject: 'flag:shop/prod/checkout-backend',
      payload: { rollout: 'ro-1', flag: 'checkout-backend', percent: 10, ...variants },
    });
    expect(traffic?.sequence).toBe((rolledOut?.sequence ?? 0) + 1);
  });

  it('writes nothing when the split is already there (abort repeats setWeight(0))', async () => {
    const before = (await ledger.listEvents()).events.length;
    await router.setWeight(0, rollout);
    await router.setWeight(0, rollout);
    expect((await ledger.listEvents()).events.length).toBe(before);
    expect((await flags.getFlag(scope, 'checkout-backend')).version).toBe(1);
    await router.setWeight(30, rollout);
    await router.setWeight(30, rollout);
    expect((await flags.getFlag(scope, 'checkout-backend')).version).toBe(2);
  });

  it('takes concurrent calls one at a time', async () => {
    await Promise.all([5, 20, 40].map((weight) => router.setWeight(weight, rollout)));
    expect(await router.currentWeight(rollout)).toBe(40);
    expect((await flags.getFlag(scope, 'checkout-backend')).version).toBe(4);
  });

  it('refuses a flag that serves another variant, another split or lacks a variant', async () => {
    await flags.rolloutFlag(
      scope,
      'checkout-backend',
      { percent: 10, variant: 'v3' },
      { actor: 'bob' },
    );
    expect(await router.currentWeight(rollout)).toBeNull();
    await expect(router.setWeight(20, rollout)).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/splits v3\/v1, not v2\/v1/) as unknown,
    });
    const missing = new FlagTrafficRouter(flagServiceTrafficPort(flags), {
      flag: 'checkout-backend',
      stableVariant: 'v1',
      canaryVariant: 'v9',
    });
    await expect(missing.setWeight(20, rollout)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      subject: 'trafficRouter.canaryVariant',
    });
    const absent = createTrafficRouter(
      { kind: 'flag', flag: 'nope', ...variants },
      { flags: flagServiceTrafficPort(flags) },
    );
    await expect(absent.setWeight(20, rollout)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to start from a flag whose default is not the stable variant', async () => {
    await flags.setFlag(scope, 'checkout-backend', { defaultVariant: 'v3' }, { actor: 'bob' });
    expect(await router.currentWeight(rollout)).toBeNull();
    await expect(router.setWeight(20, rollout)).rejects.toThrow(
      /serves v3 by default, not the stable variant v1/,
    );
  });
});
