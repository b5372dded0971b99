import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { JsonValue } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import { FakeLedgerStore } from './fake-ledger-store.js';
import type {
  LedgerEvent,
  LedgerEventDraft,
  LedgerEventInput,
  LedgerPage,
  LedgerQuery,
  LedgerVerification,
  StoredLedgerEvent,
} from './ledger-event.js';
import { isoTime, ledgerFilterFor } from './ledger-filter.js';
import type { LedgerStore } from './ledger-store.js';
import { KyselyLedgerStore } from './kysely-ledger-store.js';
import { verifyLedgerChain } from './verify-ledger-chain.js';

export interface LedgerServiceOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export class LedgerService {
  readonly #store: LedgerStore;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(store: LedgerStore, options: LedgerServiceOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /**
   * Records an event inside the caller's transaction: its writes and the event commit together.
   * The chain head stays locked until that transaction ends, so append last, just before commit.
   */
  async appendEvent(trx: Transaction<Database>, input: LedgerEventInput): Promise<LedgerEvent> {
    return toEvent(await this.#store.append(this.#draft(input), trx));
  }

  /** Records an event in a transaction of its own. */
  async append(input: LedgerEventInput): Promise<LedgerEvent> {
    return toEvent(await this.#store.append(this.#draft(input)));
  }

  async listEvents(query: LedgerQuery = {}): Promise<LedgerPage> {
    const filter = ledgerFilterFor(query);
    const events = (await this.#store.list(filter)).map(toEvent);
    const last = events.at(-1);
    return {
      events,
      nextAfter: events.length === filter.limit && last !== undefined ? last.sequence : null,
    };
  }

  verifyLedger(options: { pageSize?: number } = {}): Promise<LedgerVerification> {
    return verifyLedgerChain(this.#store, options.pageSize);
  }

  #draft(input: LedgerEventInput): LedgerEventDraft {
    for (const field of ['type', 'subject', 'actor'] as const) {
      if (input[field].trim() === '') {
        throw new SlipwayError('USAGE', `a ledger event needs a ${field}`, { subject: field });
      }
    }
    return {
      id: input.id ?? this.#newId(),
      type: input.type,
      subject: input.subject,
      actor: input.actor,
      time: input.time === undefined ? this.#now().toISOString() : isoTime(input.time, 'time'),
      payload: input.payload ?? {},
    };
  }
}

function toEvent(stored: StoredLedgerEvent): LedgerEvent {
  return { ...stored, payload: JSON.parse(stored.payload) as JsonValue };
}

export function createLedgerService(
  db: Kysely<Database>,
  options: LedgerServiceOptions = {},
): LedgerService {
  return new LedgerService(new KyselyLedgerStore(db), options);
}

export function createFakeLedgerService(options: LedgerServiceOptions = {}): {
  service: LedgerService;
  store: FakeLedgerStore;
} {
  const store = new FakeLedgerStore();
  return { service: new LedgerService(store, options), store };
}
