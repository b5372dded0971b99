import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { isUniqueViolation, retryTransaction } from '../../db/unique-violation.js';
import type { CatalogTables, ServicesTable } from './catalog-tables.js';
import type { CatalogStore, CatalogUnit } from './catalog-store.js';
import type { DeployerConfig } from '../deployments/deployer.js';
import type { ServiceRollouts } from '../rollouts/service-rollouts.js';
import type { RiskTier, Service, ServiceKind, ServiceQuery } from './service-record.js';

type CatalogDb = Kysely<Database & CatalogTables>;

const maxAttempts = 3;

export class KyselyCatalogStore implements CatalogStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Two PostgreSQL transactions may both find no row for a new entity and both insert it; the
   * second fails on the unique key once the first commits. Running the work again then sees the
   * committed row (an update or nothing to do), so a concurrent import never fails or duplicates.
   */
  async transaction<T>(work: (unit: CatalogUnit) => Promise<T>): Promise<T> {
    return retryTransaction(this.#db, (trx) => work(unitFor(trx)), {
      attempts: maxAttempts,
      retryOn: isUniqueViolation,
    });
  }

  get(name: string): Promise<Service | undefined> {
    return byColumn(this.#db.withTables<CatalogTables>(), 'name', name);
  }

  async list(query: ServiceQuery): Promise<Service[]> {
    let select = this.#db.withTables<CatalogTables>().selectFrom('services').selectAll();
    if (query.owner !== undefined) select = select.where('owner', '=', query.owner);
    if (query.tier !== undefined) select = select.where('risk_tier', '=', query.tier);
    if (query.search !== undefined && query.search !== '') {
      const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // ESCAPE spelled out: SQLite has no default escape character, PostgreSQL's is backslash.
      const matches = (column: 'name' | 'owner' | 'repository') =>
        sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      select = select.where((eb) =>
        eb.or([matches('name'), matches('owner'), matches('repository')]),
      );
    }
    const rows = await select.orderBy('name').execute();
    return rows.map(fromRow);
  }
}

function unitFor(trx: Transaction<Database>): CatalogUnit {
  const db = trx.withTables<CatalogTables>();
  return {
    trx,
    byName: (name) => byColumn(db, 'name', name),
    lockByName: async (name) => {
      // A write that changes nothing takes the row lock on both dialects (SQLite holds the
      // database write lock from BEGIN IMMEDIATE anyway); no dialect-specific FOR UPDATE.
      await db.updateTable('services').set({ name }).where('name', '=', name).execute();
      return byColumn(db, 'name', name);
    },
    byEntityRef: (entityRef) => byColumn(db, 'entity_ref', entityRef),
    insert: async (service) => {
      await db.insertInto('services').values(toRow(service)).execute();
    },
    update: async (service) => {
      const { name, ...rest } = toRow(service);
      await db.updateTable('services').set(rest).where('name', '=', name).execute();
    },
  };
}

async function byColumn(
  db: CatalogDb,
  column: 'name' | 'entity_ref',
  value: string,
): Promise<Service | undefined> {
  const row = await db
    .selectFrom('services')
    .selectAll()
    .where(column, '=', value)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

function toRow(service: Service): ServicesTable {
  return {
    name: service.name,
    owner: service.owner,
    repository: service.repository,
    kind: service.kind,
    risk_tier: service.riskTier,
    lifecycle: JSON.stringify(service.lifecycle),
    entity_ref: service.entityRef,
    stage: service.stage,
    deployer: service.deployer === null ? null : JSON.stringify(service.deployer),
    allow_skip: service.allowSkip ? 1 : 0,
    rollout: service.rollout === null ? null : JSON.stringify(service.rollout),
    created_at: service.createdAt,
    updated_at: service.updatedAt,
  };
}

function fromRow(row: Selectable<ServicesTable>): Service {
  return {
    name: row.name,
    owner: row.owner,
    repository: row.repository,
    kind: row.kind as ServiceKind,
    riskTier: row.risk_tier as RiskTier,
    lifecycle: JSON.parse(row.lifecycle) as string[],
    entityRef: row.entity_ref,
    stage: row.stage,
    deployer: row.deployer === null ? null : (JSON.parse(row.deployer) as DeployerConfig),
    // PostgreSQL's integer and SQLite's both come back as numbers.
    allowSkip: Number(row.allow_skip) === 1,
    rollout: row.rollout === null ? null : (JSON.parse(row.rollout) as ServiceRollouts),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
