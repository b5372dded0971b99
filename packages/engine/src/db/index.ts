export type {
  ApiTokenTable,
  Database,
  DatabaseDialectName,
  LedgerEventTable,
  LedgerHeadTable,
} from './database.js';
export { databaseUrlFor, dialectOfUrl, openDatabase } from './open-database.js';
export type { OpenDatabase, OpenDatabaseOptions } from './open-database.js';
export { migrateToLatest } from './migrate-to-latest.js';
export type { MigrationReport } from './migrate-to-latest.js';
export { GENESIS_HASH } from './migrations/0001-ledger.js';
