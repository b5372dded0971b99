import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { StoredApiToken } from './api-token.js';
import type { TokenStore } from './token-store.js';

/** In memory, for unit tests; no transactions. */
export class FakeTokenStore implements TokenStore {
  readonly tokens: StoredApiToken[] = [];

  insert(token: StoredApiToken): Promise<void> {
    if (this.tokens.some((existing) => existing.hash === token.hash || existing.id === token.id)) {
      return Promise.reject(new Error('duplicate token'));
    }
    this.tokens.push(token);
    return Promise.resolve();
  }

  findByHash(hash: string): Promise<StoredApiToken | undefined> {
    return Promise.resolve(this.tokens.find((token) => token.hash === hash));
  }

  findById(id: string): Promise<StoredApiToken | undefined> {
    return Promise.resolve(this.tokens.find((token) => token.id === id));
  }

  list(): Promise<StoredApiToken[]> {
    return Promise.resolve([...this.tokens]);
  }

  revoke(id: string, at: string): Promise<boolean> {
    const index = this.tokens.findIndex((token) => token.id === id && token.revokedAt === null);
    const token = this.tokens[index];
    if (token === undefined) return Promise.resolve(false);
    this.tokens[index] = { ...token, revokedAt: at };
    return Promise.resolve(true);
  }

  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T> {
    return work(undefined);
  }
}
