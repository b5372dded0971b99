import type { IdempotencyRecord } from './idempotency-record.js';

/**
 * Each method is one statement in a transaction of its own: a reservation must be visible to
 * every other request before the work it guards begins.
 */
export interface IdempotencyStore {
  /** Inserts the record unless (scope, key) exists; true when this call inserted it. */
  insert(record: IdempotencyRecord): Promise<boolean>;
  find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Records the answer of a reserved key. */
  complete(
    scope: string,
    key: string,
    answer: { status: number; response: string; completedAt: string },
  ): Promise<void>;
  /** Deletes a reservation that has no answer yet (its request failed and changed nothing). */
  release(scope: string, key: string): Promise<void>;
  /** Deletes keys created before the time (ISO 8601); the number deleted. */
  purgeCreatedBefore(time: string, key?: { scope: string; key: string }): Promise<number>;
}
