import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ApiTokenTable, Database } from '../../db/database.js';
import type { Role } from '@slipway/core';
import type { StoredApiToken } from './api-token.js';
import type { TokenStore } from './token-store.js';

export class KyselyTokenStore implements TokenStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(token: StoredApiToken, trx?: Transaction<Database>): Promise<void> {
    await (trx ?? this.#db).insertInto('api_tokens').values(toRow(token)).execute();
  }

  async findByHash(hash: string): Promise<StoredApiToken | undefined> {
    const row = await this.#db
      .selectFrom('api_tokens')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async findById(id: string): Promise<StoredApiToken | undefined> {
    const row = await this.#db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async list(): Promise<StoredApiToken[]> {
    const rows = await this.#db
      .selectFrom('api_tokens')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }

  async revoke(id: string, at: string, trx?: Transaction<Database>): Promise<boolean> {
    const result = await (trx ?? this.#db)
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute((trx) => work(trx));
  }
}

function toRow(token: StoredApiToken): ApiTokenTable {
  return {
    id: token.id,
    prefix: token.prefix,
    hash: token.hash,
    role: token.role,
    services: token.services === null ? null : JSON.stringify(token.services),
    environments: token.environments === null ? null : JSON.stringify(token.environments),
    created_by: token.createdBy,
    person: token.person,
    created_at: token.createdAt,
    revoked_at: token.revokedAt,
  };
}

function fromRow(row: Selectable<ApiTokenTable>): StoredApiToken {
  return {
    id: row.id,
    prefix: row.prefix,
    hash: row.hash,
    // Written only by this store from a checked Role.
    role: row.role as Role,
    services: row.services === null ? null : (JSON.parse(row.services) as string[]),
    environments: row.environments === null ? null : (JSON.parse(row.environments) as string[]),
    createdBy: row.created_by,
    person: row.person ?? null,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
