import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AnalysisRef, PauseState, RolloutSpec } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type {
  AnalysisPhase,
  JudgeRecord,
  MeasurementRecord,
  RolloutStatus,
} from './rollout-record.js';
import type { RolloutQuery } from './rollout-control-plane.js';
import type {
  FlagSnapshotEntry,
  RolloutClaim,
  RolloutStore,
  RolloutUnit,
  StoredAnalysisRun,
  StoredRollout,
} from './rollout-store.js';
import type { RolloutAnalysisRunsTable, RolloutTables, RolloutsTable } from './rollout-tables.js';

type RolloutDb = Kysely<Database & RolloutTables>;

const live = ['progressing', 'paused'] as const;

export class KyselyRolloutStore implements RolloutStore {
  readonly #db: RolloutDb;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<RolloutTables>();
  }

  transaction<T>(work: (unit: RolloutUnit) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(unitFor(trx)));
  }

  async get(id: string): Promise<StoredRollout | undefined> {
    const row = await this.#db
      .selectFrom('rollouts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async list(query: RolloutQuery & { readonly limit: number }): Promise<StoredRollout[]> {
    let select = this.#db.selectFrom('rollouts').selectAll();
    if (query.service !== undefined) select = select.where('service', '=', query.service);
    if (query.environment !== undefined) {
      select = select.where('environment', '=', query.environment);
    }
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    const rows = await select
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(fromRow);
  }

  async forDeployment(deploymentId: string): Promise<StoredRollout | undefined> {
    const row = await this.#db
      .selectFrom('rollouts')
      .selectAll()
      .where('deployment_id', '=', deploymentId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async runs(rolloutId: string): Promise<StoredAnalysisRun[]> {
    const rows = await this.#db
      .selectFrom('rollout_analysis_runs')
      .selectAll()
      .where('rollout_id', '=', rolloutId)
      .orderBy('attempt')
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    return rows.map(runFromRow);
  }

  async due(now: string, limit: number): Promise<StoredRollout[]> {
    const rows = await this.#db
      .selectFrom('rollouts')
      .selectAll()
      .where('status', 'in', live)
      .where('next_action_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .orderBy('next_action_at')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  async claim(claim: RolloutClaim): Promise<boolean> {
    const result = await this.#db
      .updateTable('rollouts')
      .set({
        revision: claim.revision + 1,
        claimed_by: claim.claimant,
        claimed_until: claim.until,
      })
      .where('id', '=', claim.id)
      .where('revision', '=', claim.revision)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', claim.now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function unitFor(trx: Transaction<Database>): RolloutUnit {
  const db = trx.withTables<RolloutTables>();
  return {
    trx,
    insert: async (rollout) => {
      await db.insertInto('rollouts').values(toRow(rollout)).execute();
    },
    update: async (next, revision) => {
      const { id: _id, created_at: _created, ...row } = toRow(next);
      const result = await db
        .updateTable('rollouts')
        .set(row)
        .where('id', '=', next.id)
        .where('revision', '=', revision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    insertRun: async (run) => {
      await db.insertInto('rollout_analysis_runs').values(runToRow(run)).execute();
    },
    updateRun: async (run) => {
      const { id: _id, rollout_id: _rollout, ...row } = runToRow(run);
      await db.updateTable('rollout_analysis_runs').set(row).where('id', '=', run.id).execute();
    },
  };
}

interface MachineColumn {
  readonly pause: PauseState | null;
  readonly attempt: number;
  readonly acceptedRuns: readonly string[];
  readonly timerAt: string | null;
}

function toRow(rollout: StoredRollout): RolloutsTable {
  const machine: MachineColumn = {
    pause: rollout.pause,
    attempt: rollout.attempt,
    acceptedRuns: rollout.acceptedRuns,
    timerAt: rollout.timerAt,
  };
  return {
    id: rollout.id,
    deployment_id: rollout.deploymentId,
    service: rollout.service,
    environment: rollout.environment,
    version: rollout.version,
    stable_version: rollout.stableVersion,
    spec: JSON.stringify(rollout.spec),
    status: rollout.status,
    current_step: rollout.currentStep,
    weight: rollout.weight,
    message: rollout.message,
    machine: JSON.stringify(machine),
    next_action_at: rollout.nextActionAt,
    roll_forward: rollout.rollForward,
    flag_snapshot: JSON.stringify(rollout.flagSnapshot),
    revision: rollout.revision,
    claimed_by: rollout.claimedBy,
    claimed_until: rollout.claimedUntil,
    created_by: rollout.createdBy,
    created_at: rollout.createdAt,
    updated_at: rollout.updatedAt,
  };
}

function fromRow(row: Selectable<RolloutsTable>): StoredRollout {
  const machine = JSON.parse(row.machine) as MachineColumn;
  return {
    id: row.id,
    deploymentId: row.deployment_id,
    service: row.service,
    environment: row.environment,
    version: row.version,
    stableVersion: row.stable_version,
    spec: JSON.parse(row.spec) as RolloutSpec,
    status: row.status as RolloutStatus,
    currentStep: Number(row.current_step),
    weight: Number(row.weight),
    message: row.message,
    nextActionAt: row.next_action_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attempt: machine.attempt,
    pause: machine.pause,
    acceptedRuns: machine.acceptedRuns,
    timerAt: machine.timerAt,
    rollForward: row.roll_forward,
    flagSnapshot: JSON.parse(row.flag_snapshot) as FlagSnapshotEntry[],
    revision: Number(row.revision),
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until,
  };
}

function runToRow(run: StoredAnalysisRun): RolloutAnalysisRunsTable {
  return {
    id: run.id,
    rollout_id: run.rolloutId,
    attempt: run.attempt,
    origin: run.origin,
    ref: JSON.stringify(run.ref),
    phase: run.phase,
    measurements: JSON.stringify(run.measurements),
    judgements: JSON.stringify(run.judgements),
    next_measurement_at: run.nextMeasurementAt,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
  };
}

function runFromRow(row: Selectable<RolloutAnalysisRunsTable>): StoredAnalysisRun {
  const ref = JSON.parse(row.ref) as AnalysisRef;
  return {
    id: row.id,
    rolloutId: row.rollout_id,
    attempt: Number(row.attempt),
    origin: row.origin,
    ref,
    templates: ref.templates,
    phase: row.phase as AnalysisPhase,
    measurements: JSON.parse(row.measurements) as MeasurementRecord[],
    judgements: JSON.parse(row.judgements) as JudgeRecord[],
    nextMeasurementAt: row.next_measurement_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
