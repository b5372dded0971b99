import { GENESIS_HASH } from '../../db/migrations/0001-ledger.js';
import type { LedgerEventDraft, LedgerHead, StoredLedgerEvent } from './ledger-event.js';
import { sealLedgerEvent } from './ledger-hash.js';
import type { LedgerFilter, LedgerStore } from './ledger-store.js';

/** In memory, for unit tests of services that record events. Ignores transactions. */
export class FakeLedgerStore implements LedgerStore {
  readonly events: StoredLedgerEvent[] = [];
  #head: LedgerHead = { sequence: 0, hash: GENESIS_HASH };

  append(draft: LedgerEventDraft): Promise<StoredLedgerEvent> {
    const event = sealLedgerEvent(draft, this.#head.sequence + 1, this.#head.hash);
    this.events.push(event);
    this.#head = { sequence: event.sequence, hash: event.hash };
    return Promise.resolve(event);
  }

  list(filter: LedgerFilter): Promise<StoredLedgerEvent[]> {
    const matches = this.events.filter(
      (event) =>
        event.sequence > filter.after &&
        (filter.through === undefined || event.sequence <= filter.through) &&
        (filter.subject === undefined || event.subject === filter.subject) &&
        (filter.type === undefined || event.type === filter.type) &&
        (filter.actor === undefined || event.actor === filter.actor) &&
        (filter.since === undefined || event.time >= filter.since) &&
        (filter.until === undefined || event.time < filter.until),
    );
    return Promise.resolve(matches.sort((a, b) => a.sequence - b.sequence).slice(0, filter.limit));
  }

  head(): Promise<LedgerHead> {
    return Promise.resolve(this.#head);
  }
}
