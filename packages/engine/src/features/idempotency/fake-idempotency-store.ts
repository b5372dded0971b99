import type { IdempotencyRecord } from './idempotency-record.js';
import type { IdempotencyStore } from './idempotency-store.js';

/** In memory, for unit tests; same semantics as the Kysely store. */
export class FakeIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();

  insert(record: IdempotencyRecord): Promise<boolean> {
    const id = idOf(record.scope, record.key);
    if (this.#records.has(id)) return Promise.resolve(false);
    this.#records.set(id, record);
    return Promise.resolve(true);
  }

  find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return Promise.resolve(this.#records.get(idOf(scope, key)));
  }

  complete(
    scope: string,
    key: string,
    answer: { status: number; response: string; completedAt: string },
  ): Promise<void> {
    const record = this.#records.get(idOf(scope, key));
    if (record !== undefined && record.status === null) {
      this.#records.set(idOf(scope, key), { ...record, ...answer });
    }
    return Promise.resolve();
  }

  release(scope: string, key: string): Promise<void> {
    if (this.#records.get(idOf(scope, key))?.status === null) {
      this.#records.delete(idOf(scope, key));
    }
    return Promise.resolve();
  }

  purgeCreatedBefore(time: string, only?: { scope: string; key: string }): Promise<number> {
    let deleted = 0;
    for (const [id, record] of this.#records) {
      const selected = only === undefined || id === idOf(only.scope, only.key);
      if (selected && record.createdAt < time) {
        this.#records.delete(id);
        deleted += 1;
      }
    }
    return Promise.resolve(deleted);
  }
}

function idOf(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}
