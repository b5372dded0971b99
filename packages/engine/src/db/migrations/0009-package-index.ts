import type { Kysely } from 'kysely';

/**
 * The files of the Python package index, one row per distribution file. The bytes are a
 * registry artifact (`digest`, in the blob store); this row adds what the simple API shows
 * and the artifact does not carry: project, Requires-Python, the PEP 658 metadata file, yanking.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('package_files')
    // A file name is uploaded once (PyPI's rule): the primary key makes that exclusive.
    .addColumn('filename', 'varchar(255)', (column) => column.primaryKey())
    // PEP 503 normalized project name, equal to the catalog service's name.
    .addColumn('project', 'varchar(255)', (column) => column.notNull())
    .addColumn('version', 'varchar(255)', (column) => column.notNull())
    .addColumn('kind', 'varchar(16)', (column) => column.notNull())
    .addColumn('digest', 'varchar(71)', (column) => column.notNull())
    .addColumn('size', 'bigint', (column) => column.notNull())
    .addColumn('requires_python', 'text')
    // Digest of the METADATA file in the blob store (wheels); null when not served.
    .addColumn('metadata_digest', 'varchar(71)')
    .addColumn('yanked_reason', 'text')
    // 0 or 1: a file yanked without a reason has yanked 1 and yanked_reason null.
    .addColumn('yanked', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('uploaded_at', 'text', (column) => column.notNull())
    .addColumn('uploaded_by', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('package_files_project')
    .on('package_files')
    .columns(['project', 'uploaded_at'])
    .execute();
}
