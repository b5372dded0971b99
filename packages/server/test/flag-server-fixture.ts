import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, dropTestDatabases, makeTempDir } from '@slipway/test-utils';
import type { TestDialect } from '@slipway/test-utils';
import { createEmbeddedControlPlane, migrateToLatest, openDatabase } from '@slipway/engine';
import type { EmbeddedControlPlane } from '@slipway/engine';
import { createServer } from '@slipway/server';

export interface FlagServerFixture {
  readonly app: FastifyInstance;
  readonly controlPlane: EmbeddedControlPlane;
  readonly admin: string;
  readonly releaser: string;
  readonly viewer: string;
  /** A viewer limited to another service. */
  readonly otherViewer: string;
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

/** The server as `slipway serve` composes it (flags and OFREP included), on a fresh database. */
export async function flagServerFixture(dialect: TestDialect): Promise<FlagServerFixture> {
  const target = await createTestDatabase(dialect, migrate);
  const database = await openDatabase({ url: target.url });
  const dir = makeTempDir('slipway-flags-');
  const controlPlane = createEmbeddedControlPlane({
    db: database.db,
    blobDir: join(dir.path, 'blobs'),
  });
  const app = createServer({
    db: database.db,
    controlPlane,
    tokens: controlPlane.tokens,
    flags: controlPlane.flags,
  });
  cleanups.push(async () => {
    await app.close();
    await database.close();
    await target.drop();
    dir.cleanup();
  });
  const secretOf = async (role: 'admin' | 'releaser' | 'viewer', services?: string[]) =>
    (
      await controlPlane.tokens.createToken({
        role,
        createdBy: 'test',
        ...(services === undefined ? {} : { services }),
      })
    ).secret;
  await controlPlane.addService({ name: 'shop', lifecycle: ['dev', 'prod'] }, { actor: 'test' });
  return {
    app,
    controlPlane,
    admin: await secretOf('admin'),
    releaser: await secretOf('releaser'),
    viewer: await secretOf('viewer'),
    otherViewer: await secretOf('viewer', ['billing']),
  };
}

export const checkoutFlags = {
  flags: {
    'new-checkout': {
      state: 'ENABLED',
      variants: { on: true, off: false },
      defaultVariant: 'off',
      metadata: { owner: 'payments' },
    },
    'banner-color': {
      state: 'ENABLED',
      variants: { red: 'red', blue: 'blue' },
      defaultVariant: 'red',
      targeting: { if: [{ ends_with: [{ var: 'email' }, '@example.com'] }, 'blue', null] },
    },
    'code-default': { state: 'ENABLED', variants: { a: 1 }, defaultVariant: null },
  },
  metadata: { version: 'v1' },
};

export function bearer(secret: string): { authorization: string } {
  return { authorization: `Bearer ${secret}` };
}
