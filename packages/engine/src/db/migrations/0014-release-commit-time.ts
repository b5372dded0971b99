import type { Kysely } from 'kysely';

/**
 * When the first commit of a release's changes was made (ISO 8601, UTC), where the client knew
 * it: the start of DORA lead time for changes. Null for releases recorded without it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').addColumn('first_commit_time', 'text').execute();
}
