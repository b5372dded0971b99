import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CheckResult, StoredPolicy } from './policy-records.js';

export interface PolicyStore {
  /** The newest stored version, or undefined when none was ever set. */
  currentPolicy(trx?: Transaction<Database>): Promise<StoredPolicy | undefined>;
  insertPolicy(policy: StoredPolicy, trx?: Transaction<Database>): Promise<void>;
  insertCheckResult(result: CheckResult, trx?: Transaction<Database>): Promise<void>;
  /** Oldest first. */
  checkResults(releaseId: string): Promise<CheckResult[]>;
  /** Runs `work` in one transaction, so a change and its ledger event commit together. */
  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T>;
}
