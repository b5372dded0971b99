import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { StoredApiToken } from './api-token.js';

export interface TokenStore {
  insert(token: StoredApiToken, trx?: Transaction<Database>): Promise<void>;
  findByHash(hash: string): Promise<StoredApiToken | undefined>;
  findById(id: string): Promise<StoredApiToken | undefined>;
  /** Oldest first. */
  list(): Promise<StoredApiToken[]>;
  /** Sets revoked_at if not yet set; false when there was nothing to revoke. */
  revoke(id: string, at: string, trx?: Transaction<Database>): Promise<boolean>;
  /**
   * Runs `work` in one transaction, so a token change and its ledger event commit together.
   * Fakes run it without one.
   */
  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T>;
}
