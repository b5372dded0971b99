import { createHash } from 'node:crypto';
import type { JsonValue } from '@slipway/core';
import { canonicalJson } from '@slipway/core';
import type { LedgerEventDraft, StoredLedgerEvent } from './ledger-event.js';

export interface HashedFields {
  readonly id: string;
  readonly sequence: number;
  readonly type: string;
  readonly subject: string;
  readonly actor: string;
  readonly time: string;
  readonly payload: JsonValue;
  readonly previousHash: string;
}

/** sha256 (hex) over the canonical JSON of every field but the hash itself. */
export function hashLedgerEvent(fields: HashedFields): string {
  const text = canonicalJson({
    id: fields.id,
    sequence: fields.sequence,
    type: fields.type,
    subject: fields.subject,
    actor: fields.actor,
    time: fields.time,
    payload: fields.payload,
    previousHash: fields.previousHash,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Places a draft after the given head: the one step every store takes under its lock. */
export function sealLedgerEvent(
  draft: LedgerEventDraft,
  sequence: number,
  previousHash: string,
): StoredLedgerEvent {
  const hash = hashLedgerEvent({ ...draft, sequence, previousHash });
  return { ...draft, sequence, previousHash, hash, payload: canonicalJson(draft.payload) };
}
