import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('prefix', 'text', (column) => column.notNull())
    // Looked up on every request, so unique (and indexed by that).
    .addColumn('hash', 'varchar(64)', (column) => column.notNull().unique())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('services', 'text')
    .addColumn('environments', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}
