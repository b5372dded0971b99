import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Artifact, ArtifactQuery } from './artifact-record.js';
import type { ReleaseRecord } from './release-record.js';

/** Reads and writes inside one transaction of `RegistryStore.transaction`. */
export interface RegistryUnit {
  /** The transaction to append ledger events in; undefined for the in-memory fake. */
  readonly trx: Transaction<Database> | undefined;
  /** Whether the catalog has a service of that name. */
  serviceExists(name: string): Promise<boolean>;
  artifact(digest: string): Promise<Artifact | undefined>;
  /** The given digests that are not registered, in the order given. */
  unknownDigests(digests: readonly string[]): Promise<string[]>;
  insertArtifact(artifact: Artifact): Promise<void>;
  /**
   * Writes `after` only if the row still is `before` (compare and set); otherwise throws
   * ConcurrentChangeError, on which the store runs the whole work again on the committed row.
   */
  updateArtifact(before: Artifact, after: Artifact): Promise<void>;
  release(service: string, version: string): Promise<ReleaseRecord | undefined>;
  insertRelease(release: ReleaseRecord): Promise<void>;
}

export interface RegistryStore {
  /** Runs `work` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(work: (unit: RegistryUnit) => Promise<T>): Promise<T>;
  artifact(digest: string): Promise<Artifact | undefined>;
  /** Sorted by creation time, then digest. */
  listArtifacts(query: ArtifactQuery): Promise<Artifact[]>;
  release(service: string, version: string): Promise<ReleaseRecord | undefined>;
  releaseById(id: string): Promise<ReleaseRecord | undefined>;
  /** Newest first. */
  listReleases(service: string): Promise<ReleaseRecord[]>;
  /** The newest release of the service that lists the digest among its artifacts. */
  newestReleaseWith(service: string, digest: string): Promise<ReleaseRecord | undefined>;
}

/**
 * Another transaction changed a row this one read (PostgreSQL, read committed). Thrown by a
 * unit's compare-and-set; `RegistryStore.transaction` retries the work, which then sees the
 * committed row and does only what is left to do (usually nothing, so no duplicate event).
 */
export class ConcurrentChangeError extends Error {
  constructor(subject: string) {
    super(`${subject} changed in another transaction`);
    this.name = 'ConcurrentChangeError';
  }
}
