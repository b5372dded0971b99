import { describe, expect, it } from 'vitest';
import { FakeFlagStore, FlagService, createFakeLedgerService } from '../../src/index.js';

describe('stale-flag report', () => {
  it('lists flags serving one variant in every environment, unchanged for N days', async () => {
    let clock = Date.parse('2026-03-01T00:00:00.000Z');
    const now = (): Date => new Date(clock);
    const { service: ledger } = createFakeLedgerService({ now });
    const flags = new FlagService(new FakeFlagStore(), ledger, { now });
    const actor = { actor: 'alice' };
    const boolFlag = { state: 'ENABLED' as const, variants: { on: true, off: false } };
    for (const env of ['staging', 'prod']) {
      const scope = { service: 'shop', env };
      // Done: on everywhere (100% rollout in prod, default variant in staging).
      await flags.setFlag(
        scope,
        'done',
        { ...boolFlag, defaultVariant: env === 'prod' ? 'off' : 'on' },
        actor,
      );
      if (env === 'prod')
        await flags.rolloutFlag(scope, 'done', { percent: 100, variant: 'on' }, actor);
      // Under way: 50% in prod.
      await flags.setFlag(scope, 'ramping', { ...boolFlag, defaultVariant: 'off' }, actor);
      if (env === 'prod')
        await flags.rolloutFlag(scope, 'ramping', { percent: 50, variant: 'on' }, actor);
      // Killed everywhere: serves the code default.
      await flags.setFlag(scope, 'killed', { ...boolFlag, defaultVariant: 'on' }, actor);
      await flags.killFlag(scope, 'killed', actor);
    }
    expect(await flags.staleFlags('shop', 30)).toEqual([]);
    clock += 31 * 86_400_000;
    expect(await flags.staleFlags('shop', 30)).toEqual([
      {
        service: 'shop',
        key: 'done',
        serves: { staging: 'on', prod: 'on' },
        unchangedSince: expect.any(String),
      },
      {
        service: 'shop',
        key: 'killed',
        serves: { staging: null, prod: null },
        unchangedSince: expect.any(String),
      },
    ]);
    // A change makes a flag fresh again.
    await flags.setFlag(
      { service: 'shop', env: 'prod' },
      'done',
      { metadata: { note: 'x' } },
      actor,
    );
    expect((await flags.staleFlags('shop', 30)).map((flag) => flag.key)).toEqual(['killed']);
  });
});
