import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { DistributionKind } from '../python/distribution-filename.js';
import type { PackageFilesTable, PackageIndexTables } from './package-index-tables.js';
import { FileExistsError } from './package-file.js';
import type { PackageFile, PackageIndexStore } from './package-file.js';

export class KyselyPackageIndexStore implements PackageIndexStore {
  readonly #db: Kysely<Database & PackageIndexTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<PackageIndexTables>();
  }

  async insert(file: PackageFile): Promise<void> {
    try {
      await this.#db
        .insertInto('package_files')
        .values({
          filename: file.filename,
          project: file.project,
          version: file.version,
          kind: file.kind,
          digest: file.digest,
          size: file.size,
          requires_python: file.requiresPython,
          metadata_digest: file.metadataDigest,
          yanked: file.yanked === false ? 0 : 1,
          yanked_reason: file.yanked === false || file.yanked === '' ? null : file.yanked,
          uploaded_at: file.uploadedAt,
          uploaded_by: file.uploadedBy,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new FileExistsError(file.filename);
      throw error;
    }
  }

  async byFilename(filename: string): Promise<PackageFile | undefined> {
    const row = await this.#db
      .selectFrom('package_files')
      .selectAll()
      .where('filename', '=', filename)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async projectFiles(project: string): Promise<PackageFile[]> {
    const rows = await this.#db
      .selectFrom('package_files')
      .selectAll()
      .where('project', '=', project)
      .orderBy('uploaded_at')
      .orderBy('filename')
      .execute();
    return rows.map(fromRow);
  }

  async projects(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('package_files')
      .select('project')
      .distinct()
      .orderBy('project')
      .execute();
    return rows.map((row) => row.project);
  }

  async setYanked(filename: string, yanked: false | string): Promise<void> {
    await this.#db
      .updateTable('package_files')
      .set({
        yanked: yanked === false ? 0 : 1,
        yanked_reason: yanked === false || yanked === '' ? null : yanked,
      })
      .where('filename', '=', filename)
      .execute();
  }
}

function fromRow(row: Selectable<PackageFilesTable>): PackageFile {
  return {
    filename: row.filename,
    project: row.project,
    version: row.version,
    kind: row.kind as DistributionKind,
    digest: row.digest,
    size: Number(row.size),
    requiresPython: row.requires_python,
    metadataDigest: row.metadata_digest,
    yanked: row.yanked === 0 ? false : (row.yanked_reason ?? ''),
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
  };
}
