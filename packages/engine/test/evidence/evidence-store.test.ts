import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import type { EvidenceManifest } from '@slipway/core';
import {
  FakeEvidenceStore,
  KyselyEvidenceStore,
  createCatalogService,
  createRegistryService,
  FileBlobStore,
} from '../../src/index.js';
import type { EvidenceStore, StoredEvidenceBundle } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';

const actor = { actor: 'ci' };

function bundle(releaseId: string, content: string, at: string): StoredEvidenceBundle {
  return {
    releaseId,
    service: 'api',
    version: '1.0.0',
    digest: `sha256:${createHash('sha256').update(content).digest('hex')}`,
    size: content.length,
    manifest: {
      format: 'https://slipway.dev/evidence-bundle/v1',
      items: [],
    } as unknown as EvidenceManifest,
    keyId: 'b'.repeat(64),
    content: Buffer.from(content),
    uploadedAt: at,
    uploadedBy: 'ci',
  };
}

async function exerciseStore(store: EvidenceStore, releaseId: string): Promise<void> {
  expect(await store.get(releaseId)).toBeUndefined();
  expect(await store.content(releaseId)).toBeUndefined();
  const first = bundle(releaseId, 'aa\u0000\u00ff', '2026-01-01T00:00:00.000Z');
  await store.put(first);
  const { content: _content, ...meta } = first;
  expect(await store.get(releaseId)).toEqual(meta);
  expect((await store.content(releaseId))?.content.equals(first.content)).toBe(true);
  // A newer upload for the same release replaces the bundle.
  const second = bundle(releaseId, 'cc', '2026-01-02T00:00:00.000Z');
  await store.put(second);
  expect(await store.get(releaseId)).toMatchObject({ digest: second.digest, size: 2 });
  expect((await store.content(releaseId))?.content.toString()).toBe('cc');
}

describe.each(testDialects())('evidence store on %s', (dialect) => {
  it('keeps one bundle per release, bytes intact, replaced by a newer upload', async () => {
    const database = await openMigratedTestDatabase(dialect);
    const catalog = createCatalogService(database.db);
    await catalog.addService({ name: 'api' }, actor);
    const registry = createRegistryService(database.db, {
      blobs: new FileBlobStore(makeTempDir('slipway-evidence-blobs-').path),
    });
    const release = await registry.createRelease({ service: 'api', version: '1.0.0' }, actor);
    await exerciseStore(new KyselyEvidenceStore(database.db), release.id);
  });
});

describe('fake evidence store', () => {
  it('behaves as the Kysely store', async () => {
    await exerciseStore(new FakeEvidenceStore(), 'r1');
  });
});
