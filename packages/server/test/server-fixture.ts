import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dropTestDatabases } from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import {
  createLedgerService,
  createTokenService,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';
import type { LedgerService, OpenDatabase, TokenService } from '@slipway/engine';
import { createServer } from '@slipway/server';

export interface ServerFixture {
  readonly app: FastifyInstance;
  readonly database: OpenDatabase;
  readonly ledger: LedgerService;
  readonly tokens: TokenService;
  /** Secrets of one token per role, all unscoped. */
  readonly admin: string;
  readonly viewer: string;
}

const migrate = async (url: string): Promise<void> => {
  const { db, close } = await openDatabase({ url });
  await migrateToLatest(db);
  await close();
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await dropTestDatabases();
});

/** A server over a fresh migrated database, for `app.inject` tests. */
export async function serverFixture(dialect: TestDialect = 'sqlite'): Promise<ServerFixture> {
  const target = await createTestDatabase(dialect, migrate);
  const database = await openDatabase({ url: target.url });
  const ledger = createLedgerService(database.db);
  const tokens = createTokenService(database.db, ledger);
  const app = createServer({ db: database.db, ledger, tokens });
  cleanups.push(async () => {
    await app.close();
    await database.close();
    await target.drop();
  });
  const admin = (await tokens.createToken({ role: 'admin', createdBy: 'test' })).secret;
  const viewer = (await tokens.createToken({ role: 'viewer', createdBy: 'test' })).secret;
  return { app, database, ledger, tokens, admin, viewer };
}

export function bearer(secret: string): { authorization: string } {
  return { authorization: `Bearer ${secret}` };
}
