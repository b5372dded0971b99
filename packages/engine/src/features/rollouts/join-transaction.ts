import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';

/**
 * A Kysely whose `transaction()` runs its work inside `trx` instead of opening another one, so
 * the stores of other features (deployments, flags), each written to run its own transaction,
 * can be composed into one: an abort settles the deployment, restores the flags and records
 * their ledger events, all committed or rolled back together. (SQLite has one connection: a
 * second transaction would wait for the first forever.)
 */
export function joinTransaction(trx: Transaction<Database>): Kysely<Database> {
  const joined: Kysely<Database> = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') {
        return () => ({
          execute: <T>(work: (inner: Transaction<Database>) => Promise<T>): Promise<T> =>
            work(joined as Transaction<Database>),
        });
      }
      // Stores narrow the row types with withTables; the proxy stays in charge of transaction().
      if (property === 'withTables') return () => joined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return joined;
}
