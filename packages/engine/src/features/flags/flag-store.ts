import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type {
  FlagRamp,
  FlagScope,
  FlagSetState,
  FlagVersion,
  StoredFlag,
  StoredFlagClientKey,
} from './flag-record.js';

/** Reads and writes inside one transaction of `FlagStore.transaction`. */
export interface FlagUnit {
  /** The transaction to append ledger events in; undefined for the in-memory fake. */
  readonly trx: Transaction<Database> | undefined;
  /**
   * The environment's set state with its revision already raised by one (created at revision 1
   * when new). Call it first: it locks the environment until the transaction ends.
   */
  nextRevision(scope: FlagScope, time: string): Promise<FlagSetState>;
  /** The set state as this transaction sees it (no lock), or undefined. */
  flagSet(scope: FlagScope): Promise<FlagSetState | undefined>;
  /** Replaces metadata and evaluators of a set whose revision nextRevision raised. */
  updateSet(state: FlagSetState): Promise<void>;
  flag(scope: FlagScope, key: string): Promise<StoredFlag | undefined>;
  /** Inserts or replaces the current version, and records it in the version history. */
  putFlag(flag: StoredFlag, version: FlagVersion): Promise<void>;
  insertClientKey(key: StoredFlagClientKey): Promise<void>;
  /** False when no unrevoked key has this id. */
  revokeClientKey(id: string, revokedAt: string): Promise<boolean>;
  insertRamp(ramp: FlagRamp): Promise<void>;
  /**
   * Writes `next` only if the ramp is still active at step `fromStep`: false when another run (or
   * server) moved it first, so each step runs once.
   */
  updateRamp(next: FlagRamp, fromStep: number): Promise<boolean>;
  /** Active ramps of one flag. */
  activeRamps(scope: FlagScope, key: string): Promise<FlagRamp[]>;
}

export interface FlagStore {
  /** Runs `work` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(work: (unit: FlagUnit) => Promise<T>): Promise<T>;
  /** The set state, or undefined when the environment never had a flag. */
  flagSet(scope: FlagScope): Promise<FlagSetState | undefined>;
  /** Just the revision (0 when none): the cheap check before serving a cached set. */
  revision(scope: FlagScope): Promise<number>;
  /** Sorted by key. */
  listFlags(scope: FlagScope): Promise<StoredFlag[]>;
  /** Every flag of a service, in every environment. */
  serviceFlags(service: string): Promise<StoredFlag[]>;
  flag(scope: FlagScope, key: string): Promise<StoredFlag | undefined>;
  /** Oldest first. */
  flagVersions(scope: FlagScope, key: string): Promise<FlagVersion[]>;

  clientKeyByHash(hash: string): Promise<StoredFlagClientKey | undefined>;
  /** Oldest first. */
  listClientKeys(): Promise<StoredFlagClientKey[]>;
  /** Active ramps whose next step is due at `now` (ISO 8601), oldest due first. */
  dueRamps(now: string): Promise<FlagRamp[]>;
  /** Ramps of one environment (every one when no scope), newest first. */
  listRamps(scope?: FlagScope): Promise<FlagRamp[]>;
  ramp(id: string): Promise<FlagRamp | undefined>;
}
