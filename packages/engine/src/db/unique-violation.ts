import type { Kysely, Transaction } from 'kysely';

/** PostgreSQL's unique_violation, and SQLite's (IMMEDIATE transactions make it rare there). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export interface RetryTransactionOptions {
  /** Runs in all, the first included; the last failure is rethrown. */
  readonly attempts: number;
  /** Whether a failed run may be tried again (it rolled back, so nothing of it remains). */
  readonly retryOn: (error: unknown) => boolean;
}

/**
 * Runs `work` in a transaction, and again in a fresh one when it fails with an error `retryOn`
 * accepts, up to `attempts` runs: a run that lost an insert race sees the committed row next time.
 */
export async function retryTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: RetryTransactionOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= options.attempts || !options.retryOn(error)) throw error;
    }
  }
}
