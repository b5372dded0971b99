import type { Kysely } from 'kysely';

/**
 * `api_tokens.person`: whom a token was issued to (`Name <email>` or `email`, e-mail lower-cased),
 * null for tokens of no one in particular. A server names such a token's requests after the
 * person, so separation of duties compares people, not tokens.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('person', 'text').execute();
}
