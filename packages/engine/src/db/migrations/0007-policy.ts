import type { Kysely } from 'kysely';

/**
 * Policy and approvals. `policy_documents` keeps every version of the policy (the newest is in
 * force), so a verdict recorded with a policy version can be explained later. `check_results`
 * are appended per release, never updated: the latest result of a name counts. Change requests
 * carry the content approvers saw and its digest; approvals point at that digest. Break-glass
 * deployments open `post_release_reviews`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_documents')
    .addColumn('version', 'integer', (column) => column.primaryKey())
    // JSON PolicyDocument as text.
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('check_results')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('release_id', 'varchar(36)', (column) => column.notNull())
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('name', 'varchar(100)', (column) => column.notNull())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('url', 'text')
    .addColumn('details', 'text')
    .addColumn('recorded_at', 'text', (column) => column.notNull())
    .addColumn('recorded_by', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('check_results_release_recorded_at')
    .on('check_results')
    .columns(['release_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('change_requests')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('environment', 'varchar(63)', (column) => column.notNull())
    .addColumn('release_id', 'varchar(36)', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('digests', 'text', (column) => column.notNull())
    .addColumn('strategy', 'varchar(32)', (column) => column.notNull())
    .addColumn('requester', 'text', (column) => column.notNull())
    // open, approved, rejected, deployed
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    // JSON: what the approver must see.
    .addColumn('content', 'text', (column) => column.notNull())
    .addColumn('content_digest', 'varchar(71)', (column) => column.notNull())
    .addColumn('deployment_id', 'varchar(36)')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('change_requests_service_environment_status')
    .on('change_requests')
    .columns(['service', 'environment', 'status'])
    .execute();

  await db.schema
    .createTable('approvals')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('request_id', 'varchar(36)', (column) =>
      column.notNull().references('change_requests.id'),
    )
    .addColumn('approver', 'text', (column) => column.notNull())
    // JSON array: the approver's role and groups when they decided.
    .addColumn('roles', 'text', (column) => column.notNull())
    // approve or reject
    .addColumn('decision', 'varchar(16)', (column) => column.notNull())
    .addColumn('comment', 'text')
    .addColumn('content_digest', 'varchar(71)', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('approvals_request_created_at')
    .on('approvals')
    .columns(['request_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('post_release_reviews')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('deployment_id', 'varchar(36)', (column) => column.notNull())
    .addColumn('service', 'varchar(63)', (column) => column.notNull())
    .addColumn('environment', 'varchar(63)', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    // The team answerable for the review: the service's owner, else the actor.
    .addColumn('team', 'text', (column) => column.notNull())
    .addColumn('owner', 'text', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    // JSON: the rules break-glass bypassed.
    .addColumn('bypassed', 'text', (column) => column.notNull())
    .addColumn('due_at', 'text', (column) => column.notNull())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('post_release_reviews_status_due_at')
    .on('post_release_reviews')
    .columns(['status', 'due_at'])
    .execute();
}
