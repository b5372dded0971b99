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

/** API tokens: only a hash of the secret is kept; scopes are JSON arrays of names, or null. */
export interface ApiTokenTable {
  id: string;
  /** The first characters of the token, for people to tell tokens apart. */
  prefix: string;
  /** sha256 (hex) of the whole token string. */
  hash: string;
  role: string;
  services: string | null;
  environments: string | null;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  /** Whom the token was issued to (migration 0013); null for none. */
  person: string | null;
}

export interface Database {
  ledger_events: LedgerEventTable;
  ledger_head: LedgerHeadTable;
  api_tokens: ApiTokenTable;
}

export type DatabaseDialectName = 'sqlite' | 'postgres';
