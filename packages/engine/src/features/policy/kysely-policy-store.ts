import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CheckStatus, PolicyDocument } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { CheckResult, StoredPolicy } from './policy-records.js';
import type { PolicyStore } from './policy-store.js';
import type { CheckResultsTable, PolicyTables } from './policy-tables.js';

type PolicyDb = Kysely<Database & PolicyTables>;

export class KyselyPolicyStore implements PolicyStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async currentPolicy(trx?: Transaction<Database>): Promise<StoredPolicy | undefined> {
    const row = await tables(trx ?? this.#db)
      .selectFrom('policy_documents')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      version: row.version,
      document: JSON.parse(row.document) as PolicyDocument,
      createdAt: row.created_at,
      createdBy: row.created_by,
    };
  }

  async insertPolicy(policy: StoredPolicy, trx?: Transaction<Database>): Promise<void> {
    await tables(trx ?? this.#db)
      .insertInto('policy_documents')
      .values({
        version: policy.version,
        document: JSON.stringify(policy.document),
        created_at: policy.createdAt ?? '',
        created_by: policy.createdBy ?? '',
      })
      .execute();
  }

  async insertCheckResult(result: CheckResult, trx?: Transaction<Database>): Promise<void> {
    await tables(trx ?? this.#db)
      .insertInto('check_results')
      .values({
        id: result.id,
        release_id: result.releaseId,
        service: result.service,
        version: result.version,
        name: result.name,
        status: result.status,
        url: result.url,
        details: result.details,
        recorded_at: result.recordedAt,
        recorded_by: result.recordedBy,
      })
      .execute();
  }

  async checkResults(releaseId: string): Promise<CheckResult[]> {
    const rows = await tables(this.#db)
      .selectFrom('check_results')
      .selectAll()
      .where('release_id', '=', releaseId)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }

  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(trx));
  }
}

function tables(db: Kysely<Database> | Transaction<Database>): PolicyDb {
  return db.withTables<PolicyTables>();
}

function fromRow(row: Selectable<CheckResultsTable>): CheckResult {
  return {
    id: row.id,
    releaseId: row.release_id,
    service: row.service,
    version: row.version,
    name: row.name,
    status: row.status as CheckStatus,
    url: row.url,
    details: row.details,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}
