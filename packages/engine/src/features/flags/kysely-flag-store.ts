import type { Kysely, Selectable, Transaction } from 'kysely';
import type { FlagDefinition, FlagMetadata, JsonValue } from '@slipway/core';
import type { Database } from '../../db/database.js';
import { isUniqueViolation, retryTransaction } from '../../db/unique-violation.js';
import type {
  FlagRamp,
  RampStatus,
  RampStep,
  FlagChangeKind,
  FlagScope,
  FlagSetState,
  FlagVersion,
  StoredFlag,
  StoredFlagClientKey,
} from './flag-record.js';
import type { FlagStore, FlagUnit } from './flag-store.js';
import type {
  FlagClientKeysTable,
  FlagRampsTable,
  FlagSetsTable,
  FlagsTable,
  FlagTables,
  FlagVersionsTable,
} from './flag-tables.js';

type FlagDb = Kysely<Database & FlagTables>;

const maxAttempts = 3;

export class KyselyFlagStore implements FlagStore {
  readonly #db: FlagDb;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<FlagTables>();
  }

  /**
   * Two PostgreSQL transactions may both find no set row for a new environment and both insert
   * it; the second fails on the primary key once the first commits. Running the work again then
   * finds the row and waits on its lock, so concurrent first changes both succeed, in order.
   */
  async transaction<T>(work: (unit: FlagUnit) => Promise<T>): Promise<T> {
    return retryTransaction(this.#db, (trx) => work(unitFor(trx)), {
      attempts: maxAttempts,
      retryOn: isUniqueViolation,
    });
  }

  flagSet(scope: FlagScope): Promise<FlagSetState | undefined> {
    return setOf(this.#db, scope);
  }

  async revision(scope: FlagScope): Promise<number> {
    const row = await this.#db
      .selectFrom('flag_sets')
      .select('revision')
      .where('service', '=', scope.service)
      .where('env', '=', scope.env)
      .executeTakeFirst();
    return row === undefined ? 0 : Number(row.revision);
  }

  async listFlags(scope: FlagScope): Promise<StoredFlag[]> {
    const rows = await this.#db
      .selectFrom('flags')
      .selectAll()
      .where('service', '=', scope.service)
      .where('env', '=', scope.env)
      .orderBy('key')
      .execute();
    return rows.map(flagFromRow);
  }

  flag(scope: FlagScope, key: string): Promise<StoredFlag | undefined> {
    return flagByKey(this.#db, scope, key);
  }

  async serviceFlags(service: string): Promise<StoredFlag[]> {
    const rows = await this.#db
      .selectFrom('flags')
      .selectAll()
      .where('service', '=', service)
      .orderBy('key')
      .orderBy('env')
      .execute();
    return rows.map(flagFromRow);
  }

  async flagVersions(scope: FlagScope, key: string): Promise<FlagVersion[]> {
    const rows = await this.#db
      .selectFrom('flag_versions')
      .selectAll()
      .where('service', '=', scope.service)
      .where('env', '=', scope.env)
      .where('key', '=', key)
      .orderBy('version')
      .execute();
    return rows.map(versionFromRow);
  }

  async clientKeyByHash(hash: string): Promise<StoredFlagClientKey | undefined> {
    const row = await this.#db
      .selectFrom('flag_client_keys')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row === undefined ? undefined : clientKeyFromRow(row);
  }

  async dueRamps(now: string): Promise<FlagRamp[]> {
    const rows = await this.#db
      .selectFrom('flag_ramps')
      .selectAll()
      .where('status', '=', 'active')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .execute();
    return rows.map(rampFromRow);
  }

  async listRamps(scope?: FlagScope): Promise<FlagRamp[]> {
    let select = this.#db.selectFrom('flag_ramps').selectAll();
    if (scope !== undefined) {
      select = select.where('service', '=', scope.service).where('env', '=', scope.env);
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(rampFromRow);
  }

  async ramp(id: string): Promise<FlagRamp | undefined> {
    const row = await this.#db
      .selectFrom('flag_ramps')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : rampFromRow(row);
  }

  async listClientKeys(): Promise<StoredFlagClientKey[]> {
    const rows = await this.#db
      .selectFrom('flag_client_keys')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(clientKeyFromRow);
  }
}

function unitFor(trx: Transaction<Database>): FlagUnit {
  const db = trx.withTables<FlagTables>();
  return {
    trx,
    nextRevision: async (scope, time) => {
      // UPDATE first: it takes the row lock that serialises writers of this environment.
      const raised = await db
        .updateTable('flag_sets')
        .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: time }))
        .where('service', '=', scope.service)
        .where('env', '=', scope.env)
        .returningAll()
        .executeTakeFirst();
      if (raised !== undefined) return setFromRow(raised);
      const created: FlagSetsTable = {
        service: scope.service,
        env: scope.env,
        revision: 1,
        metadata: '{}',
        evaluators: '{}',
        updated_at: time,
      };
      await db.insertInto('flag_sets').values(created).execute();
      return setFromRow(created);
    },
    flagSet: (scope) => setOf(db, scope),
    updateSet: async (state) => {
      await db
        .updateTable('flag_sets')
        .set({
          metadata: JSON.stringify(state.metadata),
          evaluators: JSON.stringify(state.evaluators),
        })
        .where('service', '=', state.service)
        .where('env', '=', state.env)
        .execute();
    },
    flag: (scope, key) => flagByKey(db, scope, key),
    putFlag: async (flag, version) => {
      const row: FlagsTable = {
        service: flag.service,
        env: flag.env,
        key: flag.key,
        version: flag.version,
        definition: JSON.stringify(flag.definition),
        updated_by: flag.updatedBy,
        updated_at: flag.updatedAt,
      };
      if (flag.version === 1) await db.insertInto('flags').values(row).execute();
      else {
        await db
          .updateTable('flags')
          .set({
            version: row.version,
            definition: row.definition,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          })
          .where('service', '=', row.service)
          .where('env', '=', row.env)
          .where('key', '=', row.key)
          .execute();
      }
      await db.insertInto('flag_versions').values(versionToRow(version)).execute();
    },
    insertClientKey: async (key) => {
      await db.insertInto('flag_client_keys').values(clientKeyToRow(key)).execute();
    },
    revokeClientKey: async (id, revokedAt) => {
      const result = await db
        .updateTable('flag_client_keys')
        .set({ revoked_at: revokedAt })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    insertRamp: async (ramp) => {
      await db.insertInto('flag_ramps').values(rampToRow(ramp)).execute();
    },
    updateRamp: async (next, fromStep) => {
      const row = rampToRow(next);
      const result = await db
        .updateTable('flag_ramps')
        .set({
          next_step: row.next_step,
          status: row.status,
          due_at: row.due_at,
          last_error: row.last_error,
          updated_at: row.updated_at,
        })
        .where('id', '=', next.id)
        .where('status', '=', 'active')
        .where('next_step', '=', fromStep)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    activeRamps: async (scope, key) => {
      const rows = await db
        .selectFrom('flag_ramps')
        .selectAll()
        .where('service', '=', scope.service)
        .where('env', '=', scope.env)
        .where('key', '=', key)
        .where('status', '=', 'active')
        .execute();
      return rows.map(rampFromRow);
    },
  };
}

function rampToRow(ramp: FlagRamp): FlagRampsTable {
  return {
    id: ramp.id,
    service: ramp.service,
    env: ramp.env,
    key: ramp.key,
    variant: ramp.variant,
    steps: JSON.stringify(ramp.steps),
    next_step: ramp.nextStep,
    status: ramp.status,
    due_at: ramp.status === 'active' ? (ramp.steps[ramp.nextStep]?.at ?? null) : null,
    last_error: ramp.lastError,
    created_by: ramp.createdBy,
    created_at: ramp.createdAt,
    updated_at: ramp.updatedAt,
  };
}

function rampFromRow(row: Selectable<FlagRampsTable>): FlagRamp {
  return {
    id: row.id,
    service: row.service,
    env: row.env,
    key: row.key,
    variant: row.variant,
    steps: JSON.parse(row.steps) as RampStep[],
    nextStep: Number(row.next_step),
    status: row.status as RampStatus,
    lastError: row.last_error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function flagByKey(
  db: FlagDb,
  scope: FlagScope,
  key: string,
): Promise<StoredFlag | undefined> {
  const row = await db
    .selectFrom('flags')
    .selectAll()
    .where('service', '=', scope.service)
    .where('env', '=', scope.env)
    .where('key', '=', key)
    .executeTakeFirst();
  return row === undefined ? undefined : flagFromRow(row);
}

async function setOf(db: FlagDb, scope: FlagScope): Promise<FlagSetState | undefined> {
  const row = await db
    .selectFrom('flag_sets')
    .selectAll()
    .where('service', '=', scope.service)
    .where('env', '=', scope.env)
    .executeTakeFirst();
  return row === undefined ? undefined : setFromRow(row);
}

function setFromRow(row: Selectable<FlagSetsTable>): FlagSetState {
  return {
    service: row.service,
    env: row.env,
    // PostgreSQL's integer and SQLite's both come back as numbers; Number() guards bigint drivers.
    revision: Number(row.revision),
    metadata: JSON.parse(row.metadata) as FlagMetadata,
    evaluators: JSON.parse(row.evaluators) as Record<string, JsonValue>,
    updatedAt: row.updated_at,
  };
}

function flagFromRow(row: Selectable<FlagsTable>): StoredFlag {
  return {
    service: row.service,
    env: row.env,
    key: row.key,
    version: Number(row.version),
    definition: JSON.parse(row.definition) as FlagDefinition,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function versionToRow(version: FlagVersion): FlagVersionsTable {
  return {
    service: version.service,
    env: version.env,
    key: version.key,
    version: version.version,
    definition: JSON.stringify(version.definition),
    change: version.change,
    actor: version.actor,
    time: version.time,
  };
}

function versionFromRow(row: Selectable<FlagVersionsTable>): FlagVersion {
  return {
    service: row.service,
    env: row.env,
    key: row.key,
    version: Number(row.version),
    definition: JSON.parse(row.definition) as FlagDefinition,
    change: row.change as FlagChangeKind,
    actor: row.actor,
    time: row.time,
  };
}

function clientKeyToRow(key: StoredFlagClientKey): FlagClientKeysTable {
  return {
    id: key.id,
    prefix: key.prefix,
    hash: key.hash,
    service: key.service,
    env: key.env,
    created_by: key.createdBy,
    created_at: key.createdAt,
    revoked_at: key.revokedAt,
  };
}

function clientKeyFromRow(row: Selectable<FlagClientKeysTable>): StoredFlagClientKey {
  return {
    id: row.id,
    prefix: row.prefix,
    hash: row.hash,
    service: row.service,
    env: row.env,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
