import type { Kysely } from 'kysely';
import type { EvidenceManifest } from '@slipway/core';
import type { Database } from '../../../db/database.js';
import type { EvidenceStore, StoredEvidence, StoredEvidenceBundle } from './evidence-store.js';
import type { EvidenceBundlesTable, EvidenceTables } from './evidence-tables.js';

export class KyselyEvidenceStore implements EvidenceStore {
  readonly #db: Kysely<Database & EvidenceTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<EvidenceTables>();
  }

  async put(bundle: StoredEvidenceBundle): Promise<void> {
    const row: EvidenceBundlesTable = {
      release_id: bundle.releaseId,
      service: bundle.service,
      version: bundle.version,
      digest: bundle.digest,
      size: bundle.size,
      manifest: JSON.stringify(bundle.manifest),
      key_id: bundle.keyId,
      content: bundle.content.toString('base64'),
      uploaded_at: bundle.uploadedAt,
      uploaded_by: bundle.uploadedBy,
    };
    const { release_id: _key, ...changes } = row;
    await this.#db
      .insertInto('evidence_bundles')
      .values(row)
      .onConflict((conflict) => conflict.column('release_id').doUpdateSet(changes))
      .execute();
  }

  async get(releaseId: string): Promise<StoredEvidence | undefined> {
    const row = await this.#db
      .selectFrom('evidence_bundles')
      .select([
        'release_id',
        'service',
        'version',
        'digest',
        'size',
        'manifest',
        'key_id',
        'uploaded_at',
        'uploaded_by',
      ])
      .where('release_id', '=', releaseId)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async content(releaseId: string): Promise<StoredEvidenceBundle | undefined> {
    const row = await this.#db
      .selectFrom('evidence_bundles')
      .selectAll()
      .where('release_id', '=', releaseId)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { ...fromRow(row), content: Buffer.from(row.content, 'base64') };
  }
}

function fromRow(row: Omit<EvidenceBundlesTable, 'content'>): StoredEvidence {
  return {
    releaseId: row.release_id,
    service: row.service,
    version: row.version,
    digest: row.digest,
    // PostgreSQL returns bigint as text.
    size: Number(row.size),
    manifest: JSON.parse(row.manifest) as EvidenceManifest,
    keyId: row.key_id,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
  };
}
