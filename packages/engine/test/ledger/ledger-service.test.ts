import { describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import { GENESIS_HASH, createFakeLedgerService } from '../../src/index.js';

function fakeLedger() {
  let ids = 0;
  let tick = Date.parse('2026-03-01T12:00:00.000Z');
  return createFakeLedgerService({
    now: () => new Date((tick += 1_000)),
    newId: () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`,
  });
}

describe('LedgerService (fake store)', () => {
  it('fills in id, time and the chain fields', async () => {
    const { service } = fakeLedger();
    const event = await service.append({ type: 'svc.added', subject: 'svc/api', actor: 'ci' });
    expect(event).toMatchObject({
      id: '00000000-0000-4000-8000-000000000001',
      sequence: 1,
      time: '2026-03-01T12:00:01.000Z',
      payload: {},
      previousHash: GENESIS_HASH,
    });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the given id and normalizes the given time to UTC', async () => {
    const { service } = fakeLedger();
    const event = await service.append({
      type: 't',
      subject: 's',
      actor: 'a',
      id: 'given',
      time: '2026-03-01T13:00:00+01:00',
    });
    expect(event).toMatchObject({ id: 'given', time: '2026-03-01T12:00:00.000Z' });
  });

  it('stores the payload as canonical JSON, so key order does not change the hash', async () => {
    const one = fakeLedger();
    const two = fakeLedger();
    const a = await one.service.append({
      type: 't',
      subject: 's',
      actor: 'a',
      payload: { x: 1, y: 2 },
    });
    const b = await two.service.append({
      type: 't',
      subject: 's',
      actor: 'a',
      payload: { y: 2, x: 1 },
    });
    expect(a.hash).toBe(b.hash);
    expect(one.store.events[0]?.payload).toBe('{"x":1,"y":2}');
  });

  it('refuses events without type, subject or actor and bad queries', async () => {
    const { service } = fakeLedger();
    await expect(service.append({ type: ' ', subject: 's', actor: 'a' })).rejects.toThrow(
      /needs a type/,
    );
    await expect(service.listEvents({ limit: 0 })).rejects.toThrow(SlipwayError);
    await expect(service.listEvents({ limit: 1001 })).rejects.toThrow(/limit must be 1 to 1000/);
    await expect(service.listEvents({ since: 'yesterday' })).rejects.toThrow(/since is not an ISO/);
    await expect(service.listEvents({ after: -1 })).rejects.toThrow(/after must be/);
  });

  it('detects a payload changed in the store', async () => {
    const { service, store } = fakeLedger();
    for (let index = 0; index < 3; index += 1) {
      await service.append({ type: 't', subject: 's', actor: 'a', payload: { index } });
    }
    const victim = store.events[1];
    if (victim === undefined) throw new Error('expected three events');
    store.events[1] = { ...victim, payload: 'not json' };
    expect(await service.verifyLedger()).toEqual({
      ok: false,
      events: 1,
      firstBroken: {
        sequence: 2,
        id: victim.id,
        reason: 'hash-mismatch',
        detail: 'the payload is not valid JSON',
      },
    });
  });

  it('pages the fake store like the real one', async () => {
    const { service } = fakeLedger();
    for (let index = 0; index < 5; index += 1) {
      await service.append({ type: 't', subject: `s${index % 2}`, actor: 'a' });
    }
    const first = await service.listEvents({ subject: 's0', limit: 2 });
    expect(first.events.map((event) => event.sequence)).toEqual([1, 3]);
    expect(first.nextAfter).toBe(3);
    const second = await service.listEvents({ subject: 's0', limit: 2, after: 3 });
    expect(second.events.map((event) => event.sequence)).toEqual([5]);
    expect(second.nextAfter).toBeNull();
  });
});
