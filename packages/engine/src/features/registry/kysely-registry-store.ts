import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ReleaseComponent, RollForwardPlan } from '@slipway/core';
import type { Database } from '../../db/database.js';
import { isUniqueViolation, retryTransaction } from '../../db/unique-violation.js';
import type { CatalogTables } from '../catalog/catalog-tables.js';
import type { Artifact, ArtifactKind, ArtifactQuery } from './artifact-record.js';
import type { ReleaseRecord } from './release-record.js';
import { ConcurrentChangeError } from './registry-store.js';
import type { RegistryStore, RegistryUnit } from './registry-store.js';
import type { ArtifactsTable, RegistryTables, ReleasesTable } from './registry-tables.js';

type RegistryDb = Kysely<Database & CatalogTables & RegistryTables>;

const maxAttempts = 3;

/**
 * PostgreSQL's unique_violation, and SQLite's (IMMEDIATE transactions make it rare there), or a
 * row changed under a compare-and-set: the work runs again on what is committed now.
 */
function isRetryable(error: unknown): boolean {
  return error instanceof ConcurrentChangeError || isUniqueViolation(error);
}

export class KyselyRegistryStore implements RegistryStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Two PostgreSQL transactions may both find no row for a digest (or release) and both insert
   * it; the second fails on the key once the first commits. Running the work again then sees the
   * committed row (an idempotent retry), so concurrent registrations never fail or duplicate.
   * The same goes for an update that lost a compare-and-set (ConcurrentChangeError).
   */
  async transaction<T>(work: (unit: RegistryUnit) => Promise<T>): Promise<T> {
    return retryTransaction(this.#db, (trx) => work(unitFor(trx)), {
      attempts: maxAttempts,
      retryOn: isRetryable,
    });
  }

  artifact(digest: string): Promise<Artifact | undefined> {
    return artifactByDigest(this.#tables(), digest);
  }

  async listArtifacts(query: ArtifactQuery): Promise<Artifact[]> {
    let select = this.#tables().selectFrom('artifacts').selectAll();
    if (query.service !== undefined) select = select.where('service', '=', query.service);
    if (query.version !== undefined) select = select.where('version', '=', query.version);
    const rows = await select.orderBy('created_at').orderBy('digest').execute();
    return rows.map(artifactFromRow);
  }

  release(service: string, version: string): Promise<ReleaseRecord | undefined> {
    return releaseByKey(this.#tables(), service, version);
  }

  async releaseById(id: string): Promise<ReleaseRecord | undefined> {
    const db = this.#tables();
    const row = await db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : (await withArtifacts(db, [row]))[0];
  }

  async listReleases(service: string): Promise<ReleaseRecord[]> {
    const db = this.#tables();
    const rows = await db
      .selectFrom('releases')
      .selectAll()
      .where('service', '=', service)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return withArtifacts(db, rows);
  }

  async newestReleaseWith(service: string, digest: string): Promise<ReleaseRecord | undefined> {
    const db = this.#tables();
    const row = await db
      .selectFrom('releases')
      .selectAll('releases')
      .where('service', '=', service)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('release_artifacts')
            .select('release_artifacts.release_id')
            .whereRef('release_artifacts.release_id', '=', 'releases.id')
            .where('release_artifacts.digest', '=', digest),
        ),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row === undefined ? undefined : (await withArtifacts(db, [row]))[0];
  }

  #tables(): RegistryDb {
    return this.#db.withTables<CatalogTables & RegistryTables>();
  }
}

function unitFor(trx: Transaction<Database>): RegistryUnit {
  const db = trx.withTables<CatalogTables & RegistryTables>();
  return {
    trx,
    serviceExists: async (name) =>
      (await db
        .selectFrom('services')
        .select('name')
        .where('name', '=', name)
        .executeTakeFirst()) !== undefined,
    artifact: (digest) => artifactByDigest(db, digest),
    unknownDigests: async (digests) => {
      if (digests.length === 0) return [];
      const rows = await db
        .selectFrom('artifacts')
        .select('digest')
        .where('digest', 'in', [...digests])
        .execute();
      const known = new Set(rows.map((row) => row.digest));
      return digests.filter((digest) => !known.has(digest));
    },
    insertArtifact: async (artifact) => {
      await db.insertInto('artifacts').values(artifactToRow(artifact)).execute();
    },
    updateArtifact: async (before, after) => {
      const { digest, ...rest } = artifactToRow(after);
      const was = artifactToRow(before);
      const result = await db
        .updateTable('artifacts')
        .set(rest)
        .where('digest', '=', digest)
        .where('stored', '=', was.stored)
        .where((eb) =>
          eb.and(
            (['version', 'service', 'source_commit'] as const).map((column) =>
              was[column] === null ? eb(column, 'is', null) : eb(column, '=', was[column]),
            ),
          ),
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new ConcurrentChangeError(digest);
    },
    release: (service, version) => releaseByKey(db, service, version),
    insertRelease: async (release) => {
      await db.insertInto('releases').values(releaseToRow(release)).execute();
      if (release.artifacts.length === 0) return;
      await db
        .insertInto('release_artifacts')
        .values(
          release.artifacts.map((digest, position) => ({
            release_id: release.id,
            digest,
            position,
          })),
        )
        .execute();
    },
  };
}

async function artifactByDigest(db: RegistryDb, digest: string): Promise<Artifact | undefined> {
  const row = await db
    .selectFrom('artifacts')
    .selectAll()
    .where('digest', '=', digest)
    .executeTakeFirst();
  return row === undefined ? undefined : artifactFromRow(row);
}

async function releaseByKey(
  db: RegistryDb,
  service: string,
  version: string,
): Promise<ReleaseRecord | undefined> {
  const row = await db
    .selectFrom('releases')
    .selectAll()
    .where('service', '=', service)
    .where('version', '=', version)
    .executeTakeFirst();
  return row === undefined ? undefined : (await withArtifacts(db, [row]))[0];
}

/** Loads the artifact digests of the releases in one query, keeping the releases' order. */
async function withArtifacts(
  db: RegistryDb,
  rows: readonly Selectable<ReleasesTable>[],
): Promise<ReleaseRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('release_artifacts')
    .select(['release_id', 'digest'])
    .where(
      'release_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('release_id')
    .orderBy('position')
    .execute();
  const digests = new Map<string, string[]>();
  for (const link of links) {
    const list = digests.get(link.release_id) ?? [];
    list.push(link.digest);
    digests.set(link.release_id, list);
  }
  return rows.map((row) => releaseFromRow(row, digests.get(row.id) ?? []));
}

function artifactToRow(artifact: Artifact): ArtifactsTable {
  return {
    digest: artifact.digest,
    name: artifact.name,
    kind: artifact.kind,
    size: artifact.size,
    version: artifact.version,
    service: artifact.service,
    source_commit: artifact.sourceCommit,
    stored: artifact.stored ? 1 : 0,
    created_at: artifact.createdAt,
    created_by: artifact.createdBy,
  };
}

function artifactFromRow(row: Selectable<ArtifactsTable>): Artifact {
  return {
    digest: row.digest,
    name: row.name,
    kind: row.kind as ArtifactKind,
    // int8 comes back as a number on PostgreSQL (see openPostgresDatabase); Number() for safety.
    size: Number(row.size),
    version: row.version,
    service: row.service,
    sourceCommit: row.source_commit,
    stored: Number(row.stored) === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function releaseToRow(release: ReleaseRecord): ReleasesTable {
  return {
    id: release.id,
    service: release.service,
    version: release.version,
    tag: release.tag,
    commit: release.commit,
    notes: release.notes,
    components: JSON.stringify(release.components),
    roll_forward: release.rollForward === null ? null : JSON.stringify(release.rollForward),
    first_commit_time: release.firstCommitTime ?? null,
    fixes: release.fixes ?? null,
    created_at: release.createdAt,
    created_by: release.createdBy,
  };
}

function releaseFromRow(row: Selectable<ReleasesTable>, artifacts: string[]): ReleaseRecord {
  return {
    id: row.id,
    service: row.service,
    version: row.version,
    tag: row.tag,
    commit: row.commit,
    notes: row.notes,
    artifacts,
    components: JSON.parse(row.components) as ReleaseComponent[],
    rollForward:
      row.roll_forward === null ? null : (JSON.parse(row.roll_forward) as RollForwardPlan),
    ...(row.first_commit_time === null ? {} : { firstCommitTime: row.first_commit_time }),
    ...(row.fixes === null ? {} : { fixes: row.fixes }),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
