import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * One pending change request per release and environment, made exclusive by the database: two
 * deployments racing to open the request for the same (service, environment, release) get the
 * same one. Older duplicates a database may already hold are closed as `rejected` first (the
 * newest is the one `pendingRequest` returned, so nobody could act on the others).
 *
 * `release_authors` holds the authors of a release's commits (who may not approve it), recorded
 * from the release's change data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update change_requests set status = 'rejected'
    where status in ('open', 'approved') and exists (
      select 1 from change_requests newer
      where newer.service = change_requests.service
        and newer.environment = change_requests.environment
        and newer.release_id = change_requests.release_id
        and newer.status in ('open', 'approved')
        and (newer.created_at > change_requests.created_at
          or (newer.created_at = change_requests.created_at and newer.id > change_requests.id))
    )`.execute(db);
  await db.schema
    .createIndex('change_requests_one_pending')
    .on('change_requests')
    .columns(['service', 'environment', 'release_id'])
    .unique()
    .where(sql<boolean>`status in ('open', 'approved')`)
    .execute();

  await db.schema
    .createTable('release_authors')
    .addColumn('release_id', 'varchar(36)', (column) => column.notNull().references('releases.id'))
    // Lower-cased: the identity approvers are compared with.
    .addColumn('email', 'varchar(320)', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('recorded_at', 'text', (column) => column.notNull())
    .addColumn('recorded_by', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('release_authors_pk', ['release_id', 'email'])
    .execute();
}
