import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { evaluateFlag } from '@slipway/core';
import type { FlagService, LedgerService } from '../../src/index.js';
import { createFlagService, createLedgerService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';
import { checkoutFlags } from './flag-fixtures.js';

const prod = { service: 'shop', env: 'prod' };
const alice = { actor: 'alice' };
const start = Date.parse('2026-03-01T00:00:00.000Z');
const minutes = (n: number): string => new Date(start + n * 60_000).toISOString();

describe.each(testDialects())('scheduled ramps on %s', (dialect) => {
  let database: MigratedTestDatabase;
  let clock: number;
  let flags: FlagService;
  let ledger: LedgerService;
  /** A second "server" on the same database, as after a restart or beside another server. */
  let other: FlagService;

  beforeEach(async () => {
    database = await openMigratedTestDatabase(dialect);
    clock = start;
    const now = (): Date => new Date(clock);
    flags = createFlagService(database.db, { now });
    other = createFlagService(database.db, { now });
    ledger = createLedgerService(database.db, { now });
    await flags.importFlags(prod, checkoutFlags, alice);
  });

  const percentOf = async (service: FlagService): Promise<number> => {
    const { flagSet } = await service.snapshot(prod);
    let on = 0;
    for (let i = 0; i < 1000; i += 1) {
      if (evaluateFlag(flagSet, 'new-checkout', { targetingKey: `u${i}` }).value === true) on += 1;
    }
    return on / 10;
  };

  it('moves the split at each step, once, across "restarts" and servers', async () => {
    const ramp = await flags.scheduleRamp(
      prod,
      'new-checkout',
      {
        variant: 'on',
        steps: [
          { percent: 5, at: minutes(0) },
          { percent: 25, at: minutes(10) },
          { percent: 100, at: minutes(20) },
        ],
      },
      alice,
    );
    expect(ramp).toMatchObject({ status: 'active', nextStep: 0 });
    // Two runners at once (two servers): the step runs once.
    const [a, b] = await Promise.all([flags.runDueRamps(), other.runDueRamps()]);
    expect(a.length + b.length).toBe(1);
    expect(Math.abs((await percentOf(flags)) - 5)).toBeLessThan(3);
    expect(await flags.runDueRamps()).toEqual([]);

    clock = Date.parse(minutes(11));
    // The first service "crashed": a new one on the same database carries on.
    expect(await other.runDueRamps()).toMatchObject([{ nextStep: 2, status: 'active' }]);
    expect(Math.abs((await percentOf(other)) - 25)).toBeLessThan(4);

    clock = Date.parse(minutes(30));
    expect(await other.runDueRamps()).toMatchObject([{ nextStep: 3, status: 'done' }]);
    expect(await percentOf(other)).toBe(100);
    const history = await flags.flagHistory(prod, 'new-checkout');
    expect(history.map((v) => [v.change, v.actor])).toEqual([
      ['import', 'alice'],
      ['rollout', `ramp:${ramp.id}`],
      ['rollout', `ramp:${ramp.id}`],
      ['rollout', `ramp:${ramp.id}`],
    ]);
    const types = (await ledger.listEvents()).events.map((event) => event.type);
    expect(types.filter((type) => type.startsWith('flag-ramp'))).toEqual([
      'flag-ramp.scheduled',
      'flag-ramp.done',
    ]);
  });

  it('after downtime runs only the latest due step; a killed flag fails the ramp', async () => {
    const ramp = await flags.scheduleRamp(
      prod,
      'new-checkout',
      {
        variant: 'on',
        steps: [
          { percent: 5, at: minutes(0) },
          { percent: 50, at: minutes(5) },
          { percent: 75, at: minutes(60) },
        ],
      },
      alice,
    );
    clock = Date.parse(minutes(6));
    expect(await flags.runDueRamps()).toMatchObject([{ nextStep: 2 }]);
    expect((await flags.flagHistory(prod, 'new-checkout')).length).toBe(2);
    await flags.killFlag(prod, 'new-checkout', { actor: 'oncall' });
    clock = Date.parse(minutes(61));
    expect(await flags.runDueRamps()).toMatchObject([
      { id: ramp.id, status: 'failed', lastError: expect.stringMatching(/killed/) },
    ]);
    expect((await flags.getFlag(prod, 'new-checkout')).definition.state).toBe('DISABLED');
    const last = (await ledger.listEvents()).events.at(-1);
    expect(last).toMatchObject({ type: 'flag-ramp.failed', actor: `ramp:${ramp.id}` });
  });

  it('refuses bad schedules and a second ramp, and cancels', async () => {
    const steps = [{ percent: 10, at: minutes(1) }];
    await expect(
      flags.scheduleRamp(prod, 'new-checkout', { variant: 'nope', steps }, alice),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'variant' });
    await expect(
      flags.scheduleRamp(
        prod,
        'new-checkout',
        {
          variant: 'on',
          steps: [
            { percent: 50, at: minutes(1) },
            { percent: 20, at: minutes(2) },
          ],
        },
        alice,
      ),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'steps.1' });
    const ramp = await flags.scheduleRamp(prod, 'new-checkout', { variant: 'on', steps }, alice);
    await expect(
      flags.scheduleRamp(prod, 'new-checkout', { variant: 'on', steps }, alice),
    ).rejects.toMatchObject({ code: 'REFUSED' });
    expect(await flags.cancelRamp(ramp.id, alice)).toMatchObject({ status: 'cancelled' });
    clock = Date.parse(minutes(5));
    expect(await flags.runDueRamps()).toEqual([]);
    expect((await flags.listRamps(prod)).map((r) => r.status)).toEqual(['cancelled']);
  });
});
