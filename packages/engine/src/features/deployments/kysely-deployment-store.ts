import type { Kysely, Selectable, Transaction } from 'kysely';
import type { RollbackPlan, RollbackTarget } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { CatalogTables } from '../catalog/catalog-tables.js';
import type {
  Deployment,
  DeploymentAction,
  DeploymentStatus,
  StatusView,
} from './deployment-record.js';
import type { DeploymentStore, DeploymentUnit, EnvironmentState } from './deployment-store.js';
import { byLifecycle } from './deployment-store.js';
import type {
  DeploymentTables,
  DeploymentsTable,
  EnvironmentStateTable,
} from './deployment-tables.js';

type DeploymentDb = Kysely<Database & DeploymentTables & CatalogTables>;

export class KyselyDeploymentStore implements DeploymentStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  transaction<T>(work: (unit: DeploymentUnit) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(unitFor(trx)));
  }

  get(id: string): Promise<Deployment | undefined> {
    return byId(tables(this.#db), id);
  }

  current(service: string, environment: string): Promise<EnvironmentState | undefined> {
    return currentIn(tables(this.#db), service, environment);
  }

  async history(
    service: string,
    query: { readonly environment?: string; readonly limit: number },
  ): Promise<Deployment[]> {
    let select = tables(this.#db)
      .selectFrom('deployments')
      .selectAll()
      .where('service', '=', service);
    if (query.environment !== undefined) {
      select = select.where('environment', '=', query.environment);
    }
    const rows = await select
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(fromRow);
  }

  /** One indexed join: services × their environment_state rows (primary key prefix). */
  async status(service?: string): Promise<StatusView> {
    let select = tables(this.#db)
      .selectFrom('services')
      .leftJoin('environment_state', (join) =>
        join
          .onRef('environment_state.service', '=', 'services.name')
          .on('environment_state.deployment_id', 'is not', null),
      )
      .select([
        'services.name',
        'services.lifecycle',
        'environment_state.environment',
        'environment_state.version',
        'environment_state.digests',
        'environment_state.deployed_at',
        'environment_state.actor',
      ])
      .orderBy('services.name');
    if (service !== undefined) select = select.where('services.name', '=', service);
    const rows = await select.execute();
    const services: { name: string; lifecycle: string; rows: typeof rows }[] = [];
    for (const row of rows) {
      const last = services.at(-1);
      if (last?.name === row.name) last.rows.push(row);
      else services.push({ name: row.name, lifecycle: row.lifecycle, rows: [row] });
    }
    return {
      services: services.map(({ name, lifecycle, rows: entries }) => {
        const order = byLifecycle(JSON.parse(lifecycle) as string[]);
        const running = entries
          .filter((entry) => entry.environment !== null)
          .sort((a, b) => order(a.environment ?? '', b.environment ?? ''));
        return {
          name,
          environments: Object.fromEntries(
            running.map((entry) => [
              entry.environment ?? '',
              {
                version: entry.version ?? '',
                digests: JSON.parse(entry.digests ?? '[]') as string[],
                deployedAt: entry.deployed_at ?? '',
                actor: entry.actor ?? '',
              },
            ]),
          ),
        };
      }),
    };
  }
}

function tables(db: Kysely<Database>): DeploymentDb {
  return db.withTables<DeploymentTables & CatalogTables>();
}

function unitFor(trx: Transaction<Database>): DeploymentUnit {
  const db = tables(trx);
  return {
    trx,
    /**
     * Insert-if-absent, then an UPDATE that changes nothing but takes the row lock in PostgreSQL
     * (a concurrent insert of the same key waits for ours and then does nothing). SQLite's
     * transactions hold the database write lock from BEGIN IMMEDIATE already.
     */
    lockEnvironment: async (service, environment) => {
      await db
        .insertInto('environment_state')
        .values({
          service,
          environment,
          deployment_id: null,
          version: null,
          digests: null,
          deployed_at: null,
          actor: null,
        })
        .onConflict((conflict) => conflict.columns(['service', 'environment']).doNothing())
        .execute();
      const row = await db
        .updateTable('environment_state')
        .set((eb) => ({ service: eb.ref('service') }))
        .where('service', '=', service)
        .where('environment', '=', environment)
        .returningAll()
        .executeTakeFirstOrThrow();
      return stateFromRow(row);
    },
    inProgress: async (service, environment) => {
      const row = await db
        .selectFrom('deployments')
        .selectAll()
        .where('status', '=', 'in_progress')
        .where('service', '=', service)
        .where('environment', '=', environment)
        .orderBy('created_at')
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    succeededEnvironments: async (service, releaseId) => {
      const rows = await db
        .selectFrom('deployments')
        .select('environment')
        .distinct()
        .where('release_id', '=', releaseId)
        .where('service', '=', service)
        .where('status', '=', 'succeeded')
        .execute();
      return rows.map((row) => row.environment);
    },
    get: (id) => byId(db, id),
    insert: async (deployment) => {
      await db.insertInto('deployments').values(toRow(deployment)).execute();
    },
    update: async (deployment) => {
      const { id, ...rest } = toRow(deployment);
      await db.updateTable('deployments').set(rest).where('id', '=', id).execute();
    },
    setCurrent: async (state) => {
      await db
        .updateTable('environment_state')
        .set({
          deployment_id: state.deploymentId,
          version: state.version,
          digests: JSON.stringify(state.digests),
          deployed_at: state.deployedAt,
          actor: state.actor,
        })
        .where('service', '=', state.service)
        .where('environment', '=', state.environment)
        .execute();
    },
  };
}

async function byId(db: DeploymentDb, id: string): Promise<Deployment | undefined> {
  const row = await db
    .selectFrom('deployments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

async function currentIn(
  db: DeploymentDb,
  service: string,
  environment: string,
): Promise<EnvironmentState | undefined> {
  const row = await db
    .selectFrom('environment_state')
    .selectAll()
    .where('service', '=', service)
    .where('environment', '=', environment)
    .executeTakeFirst();
  return row === undefined ? undefined : stateFromRow(row);
}

function stateFromRow(row: Selectable<EnvironmentStateTable>): EnvironmentState | undefined {
  if (row.deployment_id === null) return undefined;
  return {
    service: row.service,
    environment: row.environment,
    deploymentId: row.deployment_id,
    version: row.version ?? '',
    digests: JSON.parse(row.digests ?? '[]') as string[],
    deployedAt: row.deployed_at ?? '',
    actor: row.actor ?? '',
  };
}

function toRow(deployment: Deployment): DeploymentsTable {
  return {
    id: deployment.id,
    service: deployment.service,
    environment: deployment.environment,
    release_id: deployment.releaseId,
    version: deployment.version,
    digests: JSON.stringify(deployment.digests),
    action: deployment.action,
    source_environment: deployment.sourceEnvironment,
    strategy: deployment.strategy,
    deployer: deployment.deployer,
    status: deployment.status,
    actor: deployment.actor,
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    finished_at: deployment.finishedAt,
    logs: deployment.logs,
    rollback_target:
      deployment.rollbackTarget === null ? null : JSON.stringify(deployment.rollbackTarget),
    rollback_command: deployment.rollbackCommand,
    rollback_plan: JSON.stringify(deployment.rollbackPlan),
  };
}

function fromRow(row: Selectable<DeploymentsTable>): Deployment {
  return {
    id: row.id,
    service: row.service,
    environment: row.environment,
    releaseId: row.release_id,
    version: row.version,
    digests: JSON.parse(row.digests) as string[],
    action: row.action as DeploymentAction,
    sourceEnvironment: row.source_environment,
    strategy: row.strategy,
    deployer: row.deployer,
    status: row.status as DeploymentStatus,
    actor: row.actor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    logs: row.logs,
    rollbackTarget:
      row.rollback_target === null ? null : (JSON.parse(row.rollback_target) as RollbackTarget),
    rollbackCommand: row.rollback_command,
    rollbackPlan: JSON.parse(row.rollback_plan) as RollbackPlan,
  };
}
