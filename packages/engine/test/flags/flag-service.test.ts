import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { evaluateFlag } from '@slipway/core';
import type { LedgerService } from '../../src/index.js';
import {
  FakeFlagStore,
  FlagService,
  createFakeLedgerService,
  createFlagService,
  createLedgerService,
} from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { brokenFlags, checkoutFlags } from './flag-fixtures.js';

const prod = { service: 'shop', env: 'prod' };
const alice = { actor: 'alice' };

type Setup = () => Promise<{ flags: FlagService; ledger: Pick<LedgerService, 'listEvents'> }>;

function clock(): () => Date {
  let tick = Date.parse('2026-03-01T00:00:00.000Z');
  return () => new Date((tick += 1_000));
}

const setups: [string, Setup][] = [
  ...testDialects().map((dialect): [string, Setup] => [
    dialect,
    async () => {
      const database = await openMigratedTestDatabase(dialect);
      const now = clock();
      return {
        flags: createFlagService(database.db, { now }),
        ledger: createLedgerService(database.db, { now }),
      };
    },
  ]),
  [
    'fake',
    () => {
      const now = clock();
      const { service: ledgerService } = createFakeLedgerService({ now });
      const flags = new FlagService(new FakeFlagStore(), ledgerService, { now });
      return Promise.resolve({ flags, ledger: ledgerService });
    },
  ],
];

describe.each(setups)('flag service on %s', (_name, setup) => {
  let flags: FlagService;
  let ledger: Pick<LedgerService, 'listEvents'>;

  beforeEach(async () => {
    ({ flags, ledger } = await setup());
  });

  it('versions each change and records actor and diff in the ledger', async () => {
    const created = await flags.setFlag(
      prod,
      'dark-mode',
      { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' },
      alice,
    );
    expect(created).toMatchObject({ key: 'dark-mode', version: 1, updatedBy: 'alice' });
    const changed = await flags.setFlag(
      prod,
      'dark-mode',
      { defaultVariant: 'on' },
      { actor: 'bob' },
    );
    expect(changed.version).toBe(2);
    expect(changed.definition).toEqual({
      state: 'ENABLED',
      variants: { on: true, off: false },
      defaultVariant: 'on',
    });
    // Unchanged: no new version, no event.
    expect((await flags.setFlag(prod, 'dark-mode', { defaultVariant: 'on' }, alice)).version).toBe(
      2,
    );
    const history = await flags.flagHistory(prod, 'dark-mode');
    expect(history.map((v) => [v.version, v.change, v.actor])).toEqual([
      [1, 'set', 'alice'],
      [2, 'set', 'bob'],
    ]);
    const { events } = await ledger.listEvents();
    expect(events.map((e) => [e.type, e.subject, e.actor])).toEqual([
      ['flag.set', 'flag:shop/prod/dark-mode', 'alice'],
      ['flag.set', 'flag:shop/prod/dark-mode', 'bob'],
    ]);
    expect(events[1]?.payload).toEqual({
      service: 'shop',
      env: 'prod',
      flag: 'dark-mode',
      version: 2,
      diff: { defaultVariant: { before: 'off', after: 'on' } },
    });
  });

  it('refuses an invalid definition, naming flag and field, and changes nothing', async () => {
    await expect(
      flags.setFlag(
        prod,
        'x',
        { state: 'ENABLED', variants: { a: 1 }, defaultVariant: 'b' },
        alice,
      ),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/flag "x"/) });
    expect(await flags.listFlags(prod)).toEqual([]);
    expect((await ledger.listEvents()).events).toEqual([]);
  });

  it('imports a flagd file whole, exports it back, and skips unchanged flags', async () => {
    const report = await flags.importFlags(prod, checkoutFlags, alice);
    expect(report).toEqual({
      service: 'shop',
      env: 'prod',
      revision: 1,
      changed: ['banner-color', 'new-checkout'],
      unchanged: [],
    });
    const exported = await flags.exportFlags(prod);
    expect(exported.file).toEqual({
      $schema: 'https://flagd.dev/schema/v0/flags.json',
      ...checkoutFlags,
    });
    expect(exported.etag).toMatch(/^"[\w-]+"$/);
    const again = await flags.importFlags(prod, checkoutFlags, alice);
    expect(again).toMatchObject({
      revision: 1,
      changed: [],
      unchanged: ['banner-color', 'new-checkout'],
    });
    expect((await flags.exportFlags(prod)).etag).toBe(exported.etag);
    // Another environment is separate.
    expect((await flags.exportFlags({ service: 'shop', env: 'dev' })).file.flags).toEqual({});
    const types = (await ledger.listEvents()).events.map((e) => e.type);
    expect(types).toEqual(['flag.imported', 'flag.imported', 'flag-set.imported']);
  });

  it('an invalid file changes nothing and names flag and field', async () => {
    await flags.importFlags(prod, checkoutFlags, alice);
    const before = await flags.exportFlags(prod);
    const error: unknown = await flags
      .importFlags(prod, brokenFlags, alice)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toMatch(/flag "new-checkout", field "state"/);
    expect((error as Error).message).toMatch(/flag "other", field "defaultVariant"/);
    expect(await flags.exportFlags(prod)).toEqual(before);
    expect((await ledger.listEvents()).events).toHaveLength(3);
  });

  it('kill disables a flag at once; evaluation answers DISABLED', async () => {
    await flags.importFlags(prod, checkoutFlags, alice);
    const killed = await flags.killFlag(prod, 'new-checkout', { actor: 'oncall' });
    expect(killed).toMatchObject({ version: 2, definition: { state: 'DISABLED' } });
    const snapshot = await flags.snapshot(prod);
    expect(evaluateFlag(snapshot.flagSet, 'new-checkout', { targetingKey: 'u1' })).toMatchObject({
      reason: 'DISABLED',
    });
    const last = (await ledger.listEvents()).events.at(-1);
    expect(last).toMatchObject({
      type: 'flag.killed',
      actor: 'oncall',
      payload: { diff: { state: { before: 'ENABLED', after: 'DISABLED' } } },
    });
    await expect(flags.killFlag(prod, 'nope', alice)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rolls out step by step; a user on the new variant stays on it as the share grows', async () => {
    await flags.importFlags(prod, checkoutFlags, alice);
    await expect(
      flags.rolloutFlag(prod, 'new-checkout', { percent: 5 }, alice),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'variant' });
    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    let previous = new Set<string>();
    for (const percent of [5, 25, 50, 100]) {
      const flag = await flags.rolloutFlag(prod, 'new-checkout', { percent, variant: 'on' }, alice);
      expect(flag.definition.targeting).toEqual({
        fractional: [
          ['on', percent * 100],
          ['off', 10_000 - percent * 100],
        ],
      });
      const { flagSet } = await flags.snapshot(prod);
      const onUsers = new Set(
        users.filter(
          (user) => evaluateFlag(flagSet, 'new-checkout', { targetingKey: user }).value === true,
        ),
      );
      for (const user of previous) expect(onUsers.has(user)).toBe(true);
      expect(Math.abs(onUsers.size / users.length - percent / 100)).toBeLessThan(0.03);
      previous = onUsers;
    }
    expect(previous.size).toBe(users.length);
    await expect(
      flags.rolloutFlag(prod, 'new-checkout', { percent: 10, variant: 'off' }, alice),
    ).rejects.toMatchObject({ code: 'REFUSED' });
    await expect(
      flags.rolloutFlag(prod, 'banner-color', { percent: 10, variant: 'blue' }, alice),
    ).rejects.toMatchObject({ code: 'REFUSED', subject: 'targeting' });
    expect((await flags.flagHistory(prod, 'new-checkout')).map((v) => v.change)).toEqual([
      'import',
      'rollout',
      'rollout',
      'rollout',
      'rollout',
    ]);
  });

  it('serves a cached snapshot until the revision changes', async () => {
    await flags.importFlags(prod, checkoutFlags, alice);
    const first = await flags.snapshot(prod);
    expect(await flags.snapshot(prod)).toBe(first);
    await flags.killFlag(prod, 'new-checkout', alice);
    const second = await flags.snapshot(prod);
    expect(second.revision).toBe(first.revision + 1);
    expect(second.etag).not.toBe(first.etag);
  });

  it('issues client keys for one environment, authenticates and revokes them', async () => {
    const created = await flags.createClientKey(prod, alice);
    expect(created.secret).toMatch(/^slwf_/);
    expect(created.key).toMatchObject({
      service: 'shop',
      env: 'prod',
      createdBy: 'alice',
      revokedAt: null,
    });
    expect(created.key).not.toHaveProperty('hash');
    expect(await flags.authenticateClientKey(created.secret)).toEqual(created.key);
    expect(await flags.authenticateClientKey('slwf_nope')).toBeUndefined();
    await flags.revokeClientKey(created.key.id, alice);
    expect(await flags.authenticateClientKey(created.secret)).toBeUndefined();
    await expect(flags.revokeClientKey(created.key.id, alice)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await ledger.listEvents()).events.map((e) => e.type)).toEqual([
      'flag-client-key.created',
      'flag-client-key.revoked',
    ]);
  });
});
