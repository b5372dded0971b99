import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { makeTempDir } from '@slipway/test-utils';
import type { FlagDefinition, FlagFile } from '@slipway/core';
import {
  KyselyFlagStore,
  createEmbeddedControlPlane,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';
import type { FlagScope, OpenDatabase } from '@slipway/engine';
import { createServer } from '@slipway/server';

export interface OfrepTestServer {
  readonly url: string;
  /** A viewer token: good for `/flags/<service>/<env>` base URLs. */
  readonly viewerToken: string;
  /** Client keys by environment: good for `/ofrep/v1` alone. */
  readonly clientKeys: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

/**
 * `slipway serve` as composed in production (embedded control plane, SQLite), listening on
 * loopback, with one environment of service `testbed` per flag file. Flags are written through
 * the flag store, not `importFlags`: the testbed keeps broken flags on purpose (to test
 * PARSE_ERROR), and import rightly refuses a file that holds them.
 */
export async function startOfrepTestServer(
  environments: ReadonlyMap<string, FlagFile>,
): Promise<OfrepTestServer> {
  const dir = makeTempDir('slipway-ofrep-conformance-');
  const database: OpenDatabase = await openDatabase({
    url: `sqlite://${join(dir.path, 'slipway.db')}`,
  });
  await migrateToLatest(database.db);
  const controlPlane = createEmbeddedControlPlane({
    db: database.db,
    blobDir: join(dir.path, 'blobs'),
  });
  const actor = { actor: 'conformance' };
  await controlPlane.addService({ name: 'testbed', lifecycle: [...environments.keys()] }, actor);
  const store = new KyselyFlagStore(database.db);
  for (const [env, file] of environments) await seed(store, { service: 'testbed', env }, file);
  const clientKeys = new Map<string, string>();
  for (const env of environments.keys()) {
    const created = await controlPlane.flags.createClientKey({ service: 'testbed', env }, actor);
    clientKeys.set(env, created.secret);
  }
  const viewer = await controlPlane.tokens.createToken({
    role: 'viewer',
    createdBy: 'conformance',
  });
  const app: FastifyInstance = createServer({
    db: database.db,
    controlPlane,
    tokens: controlPlane.tokens,
    flags: controlPlane.flags,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    viewerToken: viewer.secret,
    clientKeys,
    close: async () => {
      await app.close();
      await database.close();
      dir.cleanup();
    },
  };
}

async function seed(store: KyselyFlagStore, scope: FlagScope, file: FlagFile): Promise<void> {
  const time = new Date().toISOString();
  await store.transaction(async (unit) => {
    const set = await unit.nextRevision(scope, time);
    await unit.updateSet({
      ...set,
      metadata: file.metadata ?? {},
      evaluators: file.$evaluators ?? {},
    });
    for (const [key, definition] of Object.entries(file.flags)) {
      const flag = { ...scope, key, version: 1, definition: definition as FlagDefinition };
      await unit.putFlag(
        { ...flag, updatedBy: 'conformance', updatedAt: time },
        { ...flag, change: 'import', actor: 'conformance', time },
      );
    }
  });
}
