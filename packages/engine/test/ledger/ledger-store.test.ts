import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@slipway/test-utils';
import { GENESIS_HASH, createLedgerService, hashLedgerEvent } from '../../src/index.js';
import type { LedgerService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';

describe.each(testDialects())('ledger store on %s', (dialect) => {
  let database: MigratedTestDatabase;
  let ledger: LedgerService;

  beforeEach(async () => {
    database = await openMigratedTestDatabase(dialect);
    let tick = Date.parse('2026-01-01T00:00:00.000Z');
    ledger = createLedgerService(database.db, { now: () => new Date((tick += 60_000)) });
  });

  async function appendSome(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      await ledger.append({
        type: index % 2 === 0 ? 'deployment.created' : 'service.registered',
        subject: `service/${index % 3}`,
        actor: index % 2 === 0 ? 'alice' : 'bob',
        payload: { index, nested: { b: [1, 2], a: 'x' } },
      });
    }
  }

  it('appends a chain that starts at genesis and verifies', async () => {
    const first = await ledger.append({ type: 't', subject: 's', actor: 'a', payload: { n: 1 } });
    const second = await ledger.append({ type: 't', subject: 's', actor: 'a' });
    expect(first).toMatchObject({ sequence: 1, previousHash: GENESIS_HASH, payload: { n: 1 } });
    expect(second).toMatchObject({ sequence: 2, previousHash: first.hash, payload: {} });
    expect(first.hash).toBe(hashLedgerEvent(first));
    expect(first.time).toBe('2026-01-01T00:01:00.000Z');
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    const { events } = await ledger.listEvents();
    expect(events).toEqual([first, second]);
    expect(await ledger.verifyLedger()).toEqual({ ok: true, events: 2, firstBroken: null });
  });

  it('verifies an empty ledger', async () => {
    expect(await ledger.verifyLedger()).toEqual({ ok: true, events: 0, firstBroken: null });
  });

  it('filters by subject, type, actor and time', async () => {
    await appendSome(12);
    const bySubject = await ledger.listEvents({ subject: 'service/1' });
    expect(bySubject.events.map((event) => event.sequence)).toEqual([2, 5, 8, 11]);
    const byTypeAndActor = await ledger.listEvents({ type: 'service.registered', actor: 'bob' });
    expect(byTypeAndActor.events.map((event) => event.sequence)).toEqual([2, 4, 6, 8, 10, 12]);
    const byActorOnly = await ledger.listEvents({ actor: 'alice', type: 'service.registered' });
    expect(byActorOnly.events).toEqual([]);
    // Event n was recorded at minute n: since is inclusive, until exclusive.
    const window = await ledger.listEvents({
      since: '2026-01-01T00:03:00Z',
      until: '2026-01-01T00:06:00.000Z',
    });
    expect(window.events.map((event) => event.sequence)).toEqual([3, 4, 5]);
  });

  it('pages with a keyset cursor', async () => {
    await appendSome(7);
    const seen: number[] = [];
    let after: number | null = 0;
    let pages = 0;
    while (after !== null) {
      const page = await ledger.listEvents({ limit: 3, after });
      seen.push(...page.events.map((event) => event.sequence));
      after = page.nextAfter;
      pages += 1;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
    const filtered = await ledger.listEvents({ subject: 'service/0', limit: 2 });
    expect(filtered.events.map((event) => event.sequence)).toEqual([1, 4]);
    const next = await ledger.listEvents({ subject: 'service/0', limit: 2, after: 4 });
    expect(next.events.map((event) => event.sequence)).toEqual([7]);
    expect(next.nextAfter).toBeNull();
  });

  it('verifies across many pages', async () => {
    await appendSome(25);
    expect(await ledger.verifyLedger({ pageSize: 4 })).toEqual({
      ok: true,
      events: 25,
      firstBroken: null,
    });
  });

  it('commits the event with the caller’s transaction, or not at all', async () => {
    await ledger.append({ type: 't', subject: 's', actor: 'a' });
    const failed = database.db.transaction().execute(async (trx) => {
      await ledger.appendEvent(trx, { type: 'rolled.back', subject: 's', actor: 'a' });
      throw new Error('the caller’s own write failed');
    });
    await expect(failed).rejects.toThrow('the caller’s own write failed');
    const kept = await database.db
      .transaction()
      .execute((trx) => ledger.appendEvent(trx, { type: 'kept', subject: 's', actor: 'a' }));
    expect(kept.sequence).toBe(2);
    const { events } = await ledger.listEvents();
    expect(events.map((event) => event.type)).toEqual(['t', 'kept']);
    expect((await ledger.verifyLedger()).ok).toBe(true);
  });

  it('names exactly the row whose payload was changed behind its back', async () => {
    await appendSome(6);
    const { events } = await ledger.listEvents();
    const target = events[3];
    if (target === undefined) throw new Error('expected six events');
    await sql`update ledger_events set payload = ${'{"index":99}'} where id = ${target.id}`.execute(
      database.db,
    );
    expect(await ledger.verifyLedger({ pageSize: 2 })).toEqual({
      ok: false,
      events: 3,
      firstBroken: {
        sequence: 4,
        id: target.id,
        reason: 'hash-mismatch',
        detail: expect.stringMatching(/^stored hash [0-9a-f]{64}, recomputed [0-9a-f]{64}$/),
      },
    });
  });

  it('names a re-hashed row by the next event’s previous hash, and a deleted row as a gap', async () => {
    await appendSome(5);
    const forged = (await ledger.listEvents()).events[1];
    if (forged === undefined) throw new Error('expected five events');
    const rehashed = hashLedgerEvent({ ...forged, actor: 'mallory' });
    await sql`update ledger_events set actor = 'mallory', hash = ${rehashed} where sequence = 2`.execute(
      database.db,
    );
    const afterForgery = await ledger.verifyLedger();
    expect(afterForgery.firstBroken).toMatchObject({
      sequence: 3,
      reason: 'previous-hash-mismatch',
    });
    await sql`delete from ledger_events where sequence = 2`.execute(database.db);
    const afterDelete = await ledger.verifyLedger();
    expect(afterDelete.firstBroken).toMatchObject({ sequence: 3, reason: 'sequence-gap' });
    await sql`delete from ledger_events where sequence >= 2`.execute(database.db);
    const afterTruncate = await ledger.verifyLedger();
    expect(afterTruncate.firstBroken).toEqual({
      sequence: 2,
      id: null,
      reason: 'missing-events',
      detail: 'the chain head is at 5, the last stored event is 1',
    });
  });
});
