import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import {
  IdempotencyService,
  KyselyIdempotencyStore,
  createFakeIdempotencyService,
  fingerprintOf,
  isIdempotencyKey,
} from '../../src/index.js';
import type { IdempotencyStore, IdempotentRequest } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const request: IdempotentRequest = {
  scope: 'token-1',
  key: 'deploy-42',
  method: 'POST',
  path: '/api/deployments',
  fingerprint: fingerprintOf('{"service":"api"}'),
};

const stores: [string, () => Promise<IdempotencyStore>][] = [
  ...testDialects().map((dialect): [string, () => Promise<IdempotencyStore>] => [
    dialect,
    async () => new KyselyIdempotencyStore((await openMigratedTestDatabase(dialect)).db),
  ]),
  ['the fake', () => Promise.resolve(createFakeIdempotencyService().store)],
];

describe.each(stores)('idempotency keys on %s', (_name, openStore) => {
  let store: IdempotencyStore;
  let clock: number;
  let keys: IdempotencyService;

  beforeEach(async () => {
    store = await openStore();
    clock = Date.parse('2026-05-01T00:00:00.000Z');
    keys = new IdempotencyService(store, { now: () => new Date(clock) });
  });

  it('reserves a new key once, then reports it in progress until it is answered', async () => {
    expect(await keys.claim(request)).toEqual({ outcome: 'reserved' });
    expect(await keys.claim(request)).toEqual({
      outcome: 'in-progress',
      since: '2026-05-01T00:00:00.000Z',
    });
    await keys.complete(request, 201, '{"id":"d1"}');
    expect(await keys.claim(request)).toEqual({
      outcome: 'replay',
      status: 201,
      response: '{"id":"d1"}',
    });
    // An answer is written once: a late second completion does not replace it.
    await keys.complete(request, 500, '{}');
    expect(await keys.claim(request)).toMatchObject({ status: 201 });
  });

  it('refuses the key for another body, method or path, naming the first use', async () => {
    await keys.claim(request);
    await keys.complete(request, 201, '{}');
    for (const other of [
      { ...request, fingerprint: fingerprintOf('{"service":"web"}') },
      { ...request, method: 'PUT' },
      { ...request, path: '/api/promotions' },
    ]) {
      expect(await keys.claim(other)).toEqual({
        outcome: 'mismatch',
        method: 'POST',
        path: '/api/deployments',
        since: '2026-05-01T00:00:00.000Z',
      });
    }
  });

  it('keeps keys apart per scope', async () => {
    await keys.claim(request);
    expect(await keys.claim({ ...request, scope: 'token-2' })).toEqual({ outcome: 'reserved' });
  });

  it('releases an unanswered key so the request may run again, but never an answered one', async () => {
    await keys.claim(request);
    await keys.release(request);
    expect(await keys.claim(request)).toEqual({ outcome: 'reserved' });
    await keys.complete(request, 200, '[]');
    await keys.release(request);
    expect(await keys.claim(request)).toMatchObject({ outcome: 'replay' });
  });

  it('forgets keys after 24 hours', async () => {
    // Purges only when asked, to show that an expired key is new even before any purge.
    keys = new IdempotencyService(store, {
      now: () => new Date(clock),
      purgeIntervalMs: Number.POSITIVE_INFINITY,
    });
    await keys.claim(request);
    await keys.complete(request, 201, '{}');
    const other = { ...request, key: 'other' };
    await keys.claim(other);
    clock += 24 * 60 * 60 * 1000 + 1;
    expect(await keys.claim(request)).toEqual({ outcome: 'reserved' });
    expect(await keys.purgeExpired()).toBe(1);
    expect(await store.find(other.scope, other.key)).toBeUndefined();
    expect(await store.find(request.scope, request.key)).toMatchObject({ status: null });
  });

  it('lets exactly one of 20 concurrent claims reserve a key', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => keys.claim(request)));
    expect(claims.filter((claim) => claim.outcome === 'reserved')).toHaveLength(1);
    expect(claims.filter((claim) => claim.outcome === 'in-progress')).toHaveLength(19);
  });
});

describe('idempotency keys', () => {
  it('are 1 to 255 visible ASCII characters', () => {
    expect(isIdempotencyKey('a')).toBe(true);
    expect(isIdempotencyKey('9f1c-4a!~')).toBe(true);
    expect(isIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(isIdempotencyKey('')).toBe(false);
    expect(isIdempotencyKey('x'.repeat(256))).toBe(false);
    expect(isIdempotencyKey('with space')).toBe(false);
    expect(isIdempotencyKey('tab\t')).toBe(false);
    expect(isIdempotencyKey('é')).toBe(false);
  });
});
