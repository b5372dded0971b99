export {
  fingerprintOf,
  idempotencyKeyHeader,
  idempotencyKeyPattern,
  idempotencyKeyTtlMs,
  isIdempotencyKey,
} from './idempotency-record.js';
export type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotentRequest,
} from './idempotency-record.js';
export type { IdempotencyStore } from './idempotency-store.js';
export type { IdempotencyKeysTable, IdempotencyTables } from './idempotency-tables.js';
export { KyselyIdempotencyStore } from './kysely-idempotency-store.js';
export { FakeIdempotencyStore } from './fake-idempotency-store.js';
export {
  IdempotencyService,
  createFakeIdempotencyService,
  createIdempotencyService,
} from './idempotency-service.js';
export type { IdempotencyServiceOptions } from './idempotency-service.js';
