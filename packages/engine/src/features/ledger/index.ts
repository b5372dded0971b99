export type {
  LedgerBreak,
  LedgerBreakReason,
  LedgerEvent,
  LedgerEventDraft,
  LedgerEventInput,
  LedgerHead,
  LedgerPage,
  LedgerQuery,
  LedgerVerification,
  StoredLedgerEvent,
} from './ledger-event.js';
export type { LedgerFilter, LedgerStore } from './ledger-store.js';
export { hashLedgerEvent, sealLedgerEvent } from './ledger-hash.js';
export { KyselyLedgerStore } from './kysely-ledger-store.js';
export { FakeLedgerStore } from './fake-ledger-store.js';
export { defaultLedgerPageLimit, maxLedgerPageLimit } from './ledger-filter.js';
export { LedgerService, createFakeLedgerService, createLedgerService } from './ledger-service.js';
export type { LedgerServiceOptions } from './ledger-service.js';
