import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { FakeIdempotencyStore } from './fake-idempotency-store.js';
import { idempotencyKeyTtlMs } from './idempotency-record.js';
import type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotentRequest,
} from './idempotency-record.js';
import type { IdempotencyStore } from './idempotency-store.js';
import { KyselyIdempotencyStore } from './kysely-idempotency-store.js';

export interface IdempotencyServiceOptions {
  readonly now?: () => Date;
  /** Keys older than this are forgotten (default 24 h). */
  readonly ttlMs?: number;
  /** Expired keys are purged by a claim at most this often (default 10 min). */
  readonly purgeIntervalMs?: number;
}

/** Attempts to reserve a key that keeps disappearing (released or expired) between reads. */
const maxClaimAttempts = 3;

/**
 * Makes a retried mutation act once. A request claims its key before it runs (the key's row is
 * inserted in its own transaction, so every other request sees it), then completes the key with
 * its answer, or releases it when it failed and changed nothing.
 */
export class IdempotencyService {
  readonly #store: IdempotencyStore;
  readonly #now: () => Date;
  readonly #ttlMs: number;
  readonly #purgeIntervalMs: number;
  #lastPurge = Number.NEGATIVE_INFINITY;

  constructor(store: IdempotencyStore, options: IdempotencyServiceOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
    this.#ttlMs = options.ttlMs ?? idempotencyKeyTtlMs;
    this.#purgeIntervalMs = options.purgeIntervalMs ?? 10 * 60 * 1000;
  }

  async claim(request: IdempotentRequest): Promise<IdempotencyClaim> {
    const now = this.#now();
    const cutoff = new Date(now.getTime() - this.#ttlMs).toISOString();
    if (now.getTime() - this.#lastPurge >= this.#purgeIntervalMs) {
      this.#lastPurge = now.getTime();
      await this.#store.purgeCreatedBefore(cutoff);
    }
    const record: IdempotencyRecord = {
      ...request,
      status: null,
      response: null,
      createdAt: now.toISOString(),
      completedAt: null,
    };
    let existing: IdempotencyRecord | undefined;
    for (let attempt = 1; attempt <= maxClaimAttempts; attempt += 1) {
      if (await this.#store.insert(record)) return { outcome: 'reserved' };
      existing = await this.#store.find(request.scope, request.key);
      if (existing === undefined) continue;
      if (existing.createdAt < cutoff) {
        // An expired key is a new key: forget it and reserve again.
        await this.#store.purgeCreatedBefore(cutoff, request);
        continue;
      }
      return claimOf(existing, request);
    }
    // Another request keeps reserving and releasing the key: it is, in effect, in progress.
    return { outcome: 'in-progress', since: existing?.createdAt ?? record.createdAt };
  }

  /** Stores the answer, so a retry replays it instead of acting again. */
  complete(request: IdempotentRequest, status: number, response: string): Promise<void> {
    return this.#store.complete(request.scope, request.key, {
      status,
      response,
      completedAt: this.#now().toISOString(),
    });
  }

  /** Forgets a reservation whose request failed without acting, so the client may retry. */
  release(request: IdempotentRequest): Promise<void> {
    return this.#store.release(request.scope, request.key);
  }

  /** Deletes every key past its time to live; the number deleted. */
  purgeExpired(): Promise<number> {
    const cutoff = new Date(this.#now().getTime() - this.#ttlMs).toISOString();
    return this.#store.purgeCreatedBefore(cutoff);
  }
}

function claimOf(existing: IdempotencyRecord, request: IdempotentRequest): IdempotencyClaim {
  if (
    existing.method !== request.method ||
    existing.path !== request.path ||
    existing.fingerprint !== request.fingerprint
  ) {
    return {
      outcome: 'mismatch',
      method: existing.method,
      path: existing.path,
      since: existing.createdAt,
    };
  }
  if (existing.status === null || existing.response === null) {
    return { outcome: 'in-progress', since: existing.createdAt };
  }
  return { outcome: 'replay', status: existing.status, response: existing.response };
}

export function createIdempotencyService(
  db: Kysely<Database>,
  options: IdempotencyServiceOptions = {},
): IdempotencyService {
  return new IdempotencyService(new KyselyIdempotencyStore(db), options);
}

export function createFakeIdempotencyService(options: IdempotencyServiceOptions = {}): {
  service: IdempotencyService;
  store: FakeIdempotencyStore;
} {
  const store = new FakeIdempotencyStore();
  return { service: new IdempotencyService(store, options), store };
}
