import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dropTestDatabases, makeTempDir } from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import {
  EmbeddedControlPlane,
  FileBlobStore,
  createCatalogService,
  createLedgerService,
  createRegistryService,
  createTokenService,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';
import type {
  DeploymentOperations,
  LedgerService,
  OpenDatabase,
  TokenService,
} from '@slipway/engine';
import { createServer } from '@slipway/server';
import { FakeDeployments } from './fake-deployments.js';

export interface ServerFixture {
  readonly app: FastifyInstance;
  readonly database: OpenDatabase;
  readonly ledger: LedgerService;
  readonly tokens: TokenService;
  readonly controlPlane: EmbeddedControlPlane;
  readonly deployments: FakeDeployments;
  readonly blobDir: string;
  /** Secrets of one token per role, all unscoped. */
  readonly admin: string;
  readonly releaser: string;
  readonly viewer: string;
}

export interface ServerFixtureOptions {
  readonly maxUploadBytes?: number;
  readonly deployments?: DeploymentOperations;
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

/**
 * A server over a fresh migrated database, for `app.inject` tests: the real catalog, registry
 * (blobs in a temp dir), ledger and token services; deployments are a fake above the port,
 * since deployers are tested in the engine.
 */
export async function serverFixture(
  dialect: TestDialect = 'sqlite',
  options: ServerFixtureOptions = {},
): Promise<ServerFixture> {
  const target = await createTestDatabase(dialect, migrate);
  const database = await openDatabase({ url: target.url });
  const blobs = makeTempDir('slipway-blobs-');
  const blobDir = join(blobs.path, 'blobs');
  const ledger = createLedgerService(database.db);
  const tokens = createTokenService(database.db, ledger);
  const deployments = new FakeDeployments();
  const controlPlane = new EmbeddedControlPlane({
    catalog: createCatalogService(database.db),
    ledger,
    tokens,
    registry: createRegistryService(database.db, { blobs: new FileBlobStore(blobDir) }),
    deployments: options.deployments ?? deployments,
  });
  const app = createServer({
    db: database.db,
    controlPlane,
    tokens,
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
  });
  cleanups.push(async () => {
    await app.close();
    await database.close();
    await target.drop();
    blobs.cleanup();
  });
  const secretOf = async (role: 'admin' | 'releaser' | 'viewer') =>
    (await tokens.createToken({ role, createdBy: 'test' })).secret;
  return {
    app,
    database,
    ledger,
    tokens,
    controlPlane,
    deployments,
    blobDir,
    admin: await secretOf('admin'),
    releaser: await secretOf('releaser'),
    viewer: await secretOf('viewer'),
  };
}

export function bearer(secret: string): { authorization: string } {
  return { authorization: `Bearer ${secret}` };
}
