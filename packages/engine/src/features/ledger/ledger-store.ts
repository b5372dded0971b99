import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { LedgerEventDraft, LedgerHead, StoredLedgerEvent } from './ledger-event.js';

/** A validated query: every bound explicit. */
export interface LedgerFilter {
  readonly subject?: string;
  readonly type?: string;
  readonly actor?: string;
  readonly since?: string;
  readonly until?: string;
  /** Sequence strictly above. */
  readonly after: number;
  /** Sequence at most (verification reads up to the head it saw). */
  readonly through?: number;
  readonly limit: number;
}

export interface LedgerStore {
  /**
   * Appends after the current head. With `trx`, inside the caller's transaction (so the caller's
   * own writes and the event commit together); without, in a transaction of its own. Appenders
   * are serialized on the chain head, so concurrent appends never fork the chain.
   */
  append(draft: LedgerEventDraft, trx?: Transaction<Database>): Promise<StoredLedgerEvent>;
  /** Ascending by sequence. */
  list(filter: LedgerFilter): Promise<StoredLedgerEvent[]>;
  head(): Promise<LedgerHead>;
}
