import type { Kysely } from 'kysely';

/**
 * The earlier version of the same service a release fixes, where the client said so
 * (`slipway push --fixes`): a production deployment of that version counts as a DORA change
 * failure. Null for ordinary releases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').addColumn('fixes', 'text').execute();
}
