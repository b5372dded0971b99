import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Service, ServiceQuery } from './service-record.js';

/** Reads and writes inside one transaction of `CatalogStore.transaction`. */
export interface CatalogUnit {
  /** The transaction to append ledger events in; undefined for the in-memory fake. */
  readonly trx: Transaction<Database> | undefined;
  byName(name: string): Promise<Service | undefined>;
  /**
   * As byName, holding the row's write lock until the transaction ends, so two concurrent
   * updates of one service apply one after the other instead of one overwriting the other.
   */
  lockByName(name: string): Promise<Service | undefined>;
  byEntityRef(entityRef: string): Promise<Service | undefined>;
  insert(service: Service): Promise<void>;
  update(service: Service): Promise<void>;
}

export interface CatalogStore {
  /** Runs `work` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(work: (unit: CatalogUnit) => Promise<T>): Promise<T>;
  get(name: string): Promise<Service | undefined>;
  /** Sorted by name. */
  list(query: ServiceQuery): Promise<Service[]>;
}
