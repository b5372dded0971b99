import type { JsonValue } from '@slipway/core';
import { GENESIS_HASH } from '../../db/migrations/0001-ledger.js';
import type { LedgerBreak, LedgerVerification, StoredLedgerEvent } from './ledger-event.js';
import { hashLedgerEvent } from './ledger-hash.js';
import type { LedgerStore } from './ledger-store.js';

export const defaultVerifyPageSize = 500;

/**
 * Recomputes the chain from event 1, a page at a time, so memory stays flat however long the
 * ledger is. It reads up to the head seen at the start: events appended meanwhile are left for
 * the next run instead of being mistaken for a broken tail.
 */
export async function verifyLedgerChain(
  store: LedgerStore,
  pageSize = defaultVerifyPageSize,
): Promise<LedgerVerification> {
  const head = await store.head();
  let expected = { sequence: 1, previousHash: GENESIS_HASH };
  let last: StoredLedgerEvent | null = null;
  let checked = 0;
  for (;;) {
    const page = await store.list({
      after: expected.sequence - 1,
      through: head.sequence,
      limit: pageSize,
    });
    for (const event of page) {
      const broken = checkEvent(event, expected.sequence, expected.previousHash);
      if (broken !== null) return { ok: false, events: checked, firstBroken: broken };
      checked += 1;
      last = event;
      expected = { sequence: event.sequence + 1, previousHash: event.hash };
    }
    if (page.length < pageSize) break;
  }
  const tail = checkTail(last, head.sequence, head.hash);
  return { ok: tail === null, events: checked, firstBroken: tail };
}

function checkEvent(
  event: StoredLedgerEvent,
  sequence: number,
  previousHash: string,
): LedgerBreak | null {
  const at = { sequence: event.sequence, id: event.id };
  if (event.sequence !== sequence) {
    return {
      ...at,
      reason: 'sequence-gap',
      detail: `expected sequence ${sequence}, found ${event.sequence}`,
    };
  }
  if (event.previousHash !== previousHash) {
    return {
      ...at,
      reason: 'previous-hash-mismatch',
      detail: `previousHash ${event.previousHash} is not the hash of event ${sequence - 1} (${previousHash})`,
    };
  }
  const payload = parsePayload(event.payload);
  const recomputed =
    payload === undefined ? null : hashLedgerEvent({ ...event, payload: payload.value });
  if (recomputed !== event.hash) {
    return {
      ...at,
      reason: 'hash-mismatch',
      detail:
        recomputed === null
          ? 'the payload is not valid JSON'
          : `stored hash ${event.hash}, recomputed ${recomputed}`,
    };
  }
  return null;
}

function checkTail(
  last: StoredLedgerEvent | null,
  headSequence: number,
  headHash: string,
): LedgerBreak | null {
  const lastSequence = last?.sequence ?? 0;
  if (lastSequence < headSequence) {
    return {
      sequence: lastSequence + 1,
      id: null,
      reason: 'missing-events',
      detail: `the chain head is at ${headSequence}, the last stored event is ${lastSequence}`,
    };
  }
  if (last !== null && last.hash !== headHash) {
    return {
      sequence: last.sequence,
      id: last.id,
      reason: 'head-mismatch',
      detail: `the chain head recorded ${headHash} for this event, it carries ${last.hash}`,
    };
  }
  return null;
}

function parsePayload(text: string): { value: JsonValue } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch {
    return undefined;
  }
}
