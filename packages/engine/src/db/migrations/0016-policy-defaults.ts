import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The policy's tier defaults now apply from the start (ADR 0024); before, they applied only once
 * a policy was stored. A database that has deployed without ever storing a policy keeps deploying
 * as it did: it gets version 1, an override that opens every environment, visible in
 * `slipway policy show` and replaced by the next `slipway policy set`. A new database, or one
 * that never deployed, gets nothing and so the defaults.
 */
const openPolicyDocument = {
  overrides: [{ rules: { requiredChecks: [], requiredApprovals: 0, autoDeploy: false } }],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const deployed = await sql<{ found: number }>`select 1 as found from deployments limit 1`.execute(
    db,
  );
  const stored = await sql<{
    found: number;
  }>`select 1 as found from policy_documents limit 1`.execute(db);
  if (deployed.rows.length === 0 || stored.rows.length > 0) return;
  await sql`insert into policy_documents (version, document, created_at, created_by)
    values (1, ${JSON.stringify(openPolicyDocument)}, ${new Date().toISOString()}, ${'migration:0016-policy-defaults'})`.execute(
    db,
  );
}
