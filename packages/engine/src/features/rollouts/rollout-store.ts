import type { Transaction } from 'kysely';
import type { AnalysisRef, FlagDefinition, PauseState } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { AnalysisRunRecord, Rollout } from './rollout-record.js';
import type { RolloutQuery } from './rollout-control-plane.js';

/** A flag of the rollout's environment as it was when the rollout started. */
export interface FlagSnapshotEntry {
  readonly key: string;
  readonly definition: FlagDefinition;
}

/** A rollout as stored: the public record plus the machine's state, its claim and snapshot. */
export interface StoredRollout extends Omit<Rollout, 'analysisRuns' | 'attempt'> {
  readonly attempt: number;
  readonly pause: PauseState | null;
  readonly acceptedRuns: readonly string[];
  /** The machine's own timer (pause end, auto-promotion, scale-down); `nextActionAt` also
   * counts the next measurement due. */
  readonly timerAt: string | null;
  /** What a frozen rollout asks of the fix release; null when the release can roll back. */
  readonly rollForward: string | null;
  readonly flagSnapshot: readonly FlagSnapshotEntry[];
  /** Raised by every claim and every write: the guard that makes each step run once. */
  readonly revision: number;
  readonly claimedBy: string | null;
  readonly claimedUntil: string | null;
}

export interface StoredAnalysisRun extends Omit<AnalysisRunRecord, 'attempt'> {
  readonly attempt: number;
  readonly ref: AnalysisRef;
  /** When the next measurement of a running run is due. */
  readonly nextMeasurementAt: string | null;
}

/** Reads and writes inside one transaction of `RolloutStore.transaction`. */
export interface RolloutUnit {
  /** The transaction to append ledger events in; undefined for the in-memory fake. */
  readonly trx: Transaction<Database> | undefined;
  insert(rollout: StoredRollout): Promise<void>;
  /** Writes `next` only if the row is still at `revision`: false when someone else moved it. */
  update(next: StoredRollout, revision: number): Promise<boolean>;
  insertRun(run: StoredAnalysisRun): Promise<void>;
  updateRun(run: StoredAnalysisRun): Promise<void>;
}

export interface RolloutClaim {
  readonly id: string;
  /** The revision the claimer read; the claim raises it by one. */
  readonly revision: number;
  readonly claimant: string;
  readonly now: string;
  readonly until: string;
}

export interface RolloutStore {
  /** Runs `work` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(work: (unit: RolloutUnit) => Promise<T>): Promise<T>;
  get(id: string): Promise<StoredRollout | undefined>;
  /** Newest first. */
  list(query: RolloutQuery & { readonly limit: number }): Promise<StoredRollout[]>;
  /** The rollout carrying out a deployment (the latest, if several). */
  forDeployment(deploymentId: string): Promise<StoredRollout | undefined>;
  /** Oldest first. */
  runs(rolloutId: string): Promise<StoredAnalysisRun[]>;
  /** Progressing or paused rollouts with next_action_at ≤ now and no live claim, oldest due first. */
  due(now: string, limit: number): Promise<StoredRollout[]>;
  /**
   * Takes the rollout for `until` if it is still at `revision` and nobody's claim is live:
   * a guarded UPDATE, so of two servers only one gets it.
   */
  claim(claim: RolloutClaim): Promise<boolean>;
}
