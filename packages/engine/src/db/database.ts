import type { Generated } from 'kysely';

/** Rows as stored. Payloads are canonical JSON text, so a hash is recomputed from the bytes kept. */
export interface LedgerEventTable {
  id: string;
  sequence: number;
  type: string;
  subject: string;
  actor: string;
  /** ISO 8601 UTC with milliseconds (`Date.toISOString()`), so text order is time order. */
  time: string;
  payload: string;
  previous_hash: string;
  hash: string;
}

/** One row (id 1): the last sequence and hash. Appenders lock it, so the chain never forks. */
export interface LedgerHeadTable {
  id: Generated<number>;
  sequence: number;
  hash: string;
}

export interface Database {
  ledger_events: LedgerEventTable;
  ledger_head: LedgerHeadTable;
}

export type DatabaseDialectName = 'sqlite' | 'postgres';
