import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { IdempotencyRecord } from './idempotency-record.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { IdempotencyKeysTable, IdempotencyTables } from './idempotency-tables.js';

export class KyselyIdempotencyStore implements IdempotencyStore {
  readonly #db: Kysely<Database & IdempotencyTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<IdempotencyTables>();
  }

  /** ON CONFLICT DO NOTHING on both dialects: a lost race is a row count of 0, not an error. */
  async insert(record: IdempotencyRecord): Promise<boolean> {
    const result = await this.#db
      .insertInto('idempotency_keys')
      .values(toRow(record))
      .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.#db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async complete(
    scope: string,
    key: string,
    answer: { status: number; response: string; completedAt: string },
  ): Promise<void> {
    await this.#db
      .updateTable('idempotency_keys')
      .set({ status: answer.status, response: answer.response, completed_at: answer.completedAt })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status', 'is', null)
      .execute();
  }

  async release(scope: string, key: string): Promise<void> {
    await this.#db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status', 'is', null)
      .execute();
  }

  async purgeCreatedBefore(time: string, only?: { scope: string; key: string }): Promise<number> {
    let query = this.#db.deleteFrom('idempotency_keys').where('created_at', '<', time);
    if (only !== undefined) {
      query = query.where('scope', '=', only.scope).where('key', '=', only.key);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toRow(record: IdempotencyRecord): IdempotencyKeysTable {
  return {
    scope: record.scope,
    key: record.key,
    method: record.method,
    path: record.path,
    fingerprint: record.fingerprint,
    status: record.status,
    response: record.response,
    created_at: record.createdAt,
    completed_at: record.completedAt,
  };
}

function fromRow(row: Selectable<IdempotencyKeysTable>): IdempotencyRecord {
  return {
    scope: row.scope,
    key: row.key,
    method: row.method,
    path: row.path,
    fingerprint: row.fingerprint,
    status: row.status,
    response: row.response,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}
