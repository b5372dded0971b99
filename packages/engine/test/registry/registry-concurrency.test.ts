import { describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir, testDialects } from '@slipway/test-utils';
import {
  FileBlobStore,
  createCatalogService,
  createLedgerService,
  createRegistryService,
  openDatabase,
} from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { chunked, wheel } from './registry-fixtures.js';

describe.each(testDialects())('concurrent registrations on %s', (dialect) => {
  it('register one artifact and one release once, whoever sends them', async () => {
    const database = await openMigratedTestDatabase(dialect);
    // Separate pools (processes, in production), so PostgreSQL transactions really overlap.
    // One SQLite connection per process: a second one here would block this thread on the lock.
    const others =
      dialect === 'postgres'
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ url: database.url })))
        : [];
    const senders =
      dialect === 'postgres' ? [database, ...others] : [1, 2, 3, 4].map(() => database);
    const blobs = new FileBlobStore(makeTempDir('slipway-blobs-').path);
    try {
      await createCatalogService(database.db).addService({ name: 'api' }, { actor: 'ci' });
      const { bytes, input } = wheel('1.0.0');
      const registries = senders.map(({ db }) => createRegistryService(db, { blobs }));
      const unlabelled = { ...input, version: null, service: null, sourceCommit: null };
      const artifacts = await Promise.all(
        registries.map((registry, index) =>
          registry.registerArtifact(unlabelled, { actor: `sender-${index}` }),
        ),
      );
      // Every sender fills the labels at once: one of them does, once.
      const labelled = await Promise.all(
        registries.map((registry) => registry.registerArtifact(input, { actor: 'ci' })),
      );
      expect(labelled.every((artifact) => artifact.version === '1.0.0')).toBe(true);
      expect(new Set(artifacts.map((artifact) => artifact.createdBy)).size).toBe(1);
      await Promise.all(
        registries.map((registry) =>
          registry.uploadArtifact(input.digest, chunked(bytes), { actor: 'ci' }),
        ),
      );
      const release = { service: 'api', version: '1.0.0', artifacts: [input.digest] };
      const releases = await Promise.all(
        registries.map((registry) => registry.createRelease(release, { actor: 'ci' })),
      );
      expect(new Set(releases.map((created) => created.id)).size).toBe(1);
      const ledger = createLedgerService(database.db);
      const types = (await ledger.listEvents()).events.map((event) => event.type);
      expect(types).toEqual([
        'service.added',
        'artifact.registered',
        'artifact.updated',
        'artifact.uploaded',
        'release.created',
      ]);
      expect(await ledger.verifyLedger()).toMatchObject({ ok: true, events: 5 });
    } finally {
      for (const other of others) await other.close();
      cleanupTempDirs();
    }
  });
});
