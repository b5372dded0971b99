import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import { cleanupTempDirs, makeTempDir, testDialects } from '@slipway/test-utils';
import {
  FileBlobStore,
  createCatalogService,
  createLedgerService,
  createRegistryService,
} from '../../src/index.js';
import type { LedgerService, RegistryService } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import type { MigratedTestDatabase } from '../db/migrated-test-database.js';
import { chunked, digestOf, filesUnder, wheel } from './registry-fixtures.js';

const actor = { actor: 'ci' };

afterEach(() => cleanupTempDirs());

describe.each(testDialects())('registry store on %s', (dialect) => {
  let database: MigratedTestDatabase;
  let registry: RegistryService;
  let ledger: LedgerService;
  let blobDir: string;

  beforeEach(async () => {
    database = await openMigratedTestDatabase(dialect);
    let tick = Date.parse('2026-05-01T00:00:00.000Z');
    const now = (): Date => new Date((tick += 1_000));
    blobDir = makeTempDir('slipway-blobs-').path;
    const blobs = new FileBlobStore(blobDir);
    registry = createRegistryService(database.db, { now, blobs, maxUploadBytes: 64 * 1024 });
    ledger = createLedgerService(database.db, { now });
    const catalog = createCatalogService(database.db, { now });
    await catalog.addService({ name: 'api' }, actor);
    await catalog.addService({ name: 'web' }, actor);
  });

  it('registers an artifact once, however often it is sent', async () => {
    const { input } = wheel('1.2.0');
    const registered = await registry.registerArtifact(input, actor);
    expect(registered).toEqual({
      ...input,
      stored: false,
      createdAt: expect.stringMatching(/^2026-05-01T00:00:\d\d\.000Z$/) as string,
      createdBy: 'ci',
    });
    expect(await registry.registerArtifact(input, { actor: 'bob' })).toEqual(registered);
    expect(await registry.getArtifact(input.digest)).toEqual(registered);
    const { events } = await ledger.listEvents({ subject: `artifact:${input.digest}` });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'artifact.registered',
      actor: 'ci',
      payload: { digest: input.digest, size: input.size, service: 'api', stored: false },
    });
  });

  it('fills missing labels later, and keeps labels it has', async () => {
    const { input } = wheel('1.2.0');
    await registry.registerArtifact(
      { digest: input.digest, name: input.name, kind: 'wheel', size: input.size },
      actor,
    );
    const filled = await registry.registerArtifact(input, { actor: 'bob' });
    expect(filled).toMatchObject({
      version: '1.2.0',
      service: 'api',
      sourceCommit: 'a'.repeat(40),
    });
    const again = await registry.registerArtifact({ ...input, version: '1.2.1' }, actor);
    expect(again.version).toBe('1.2.0');
    const { events } = await ledger.listEvents({ type: 'artifact.updated' });
    expect(events.map((event) => [event.actor, event.payload])).toEqual([
      [
        'bob',
        {
          digest: input.digest,
          changes: {
            version: { from: null, to: '1.2.0' },
            service: { from: null, to: 'api' },
            sourceCommit: { from: null, to: 'a'.repeat(40) },
          },
        },
      ],
    ]);
  });

  it('refuses other bytes under a known digest, bad input and unknown services', async () => {
    const { input } = wheel('1.2.0');
    await registry.registerArtifact(input, actor);
    const conflict = await registry
      .registerArtifact({ ...input, size: input.size + 1 }, actor)
      .catch((e: unknown) => e);
    expect(conflict).toMatchObject({ code: 'CONFLICT', subject: 'size' });
    expect((conflict as Error).message).toBe(
      `artifact ${input.digest} is registered with size ${input.size}, not ${input.size + 1}`,
    );
    await expect(
      registry.registerArtifact({ ...input, kind: 'sdist' }, actor),
    ).rejects.toMatchObject({ code: 'CONFLICT', subject: 'kind' });
    await expect(
      registry.registerArtifact({ ...input, digest: 'sha256:ABC' }, actor),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'digest' });
    await expect(
      registry.registerArtifact({ ...input, kind: 'jar' as 'wheel' }, actor),
    ).rejects.toMatchObject({ code: 'USAGE', subject: 'kind' });
    await expect(registry.registerArtifact({ ...input, size: 1.5 }, actor)).rejects.toMatchObject({
      code: 'USAGE',
      subject: 'size',
    });
    await expect(registry.registerArtifact({ ...input, name: ' ' }, actor)).rejects.toMatchObject({
      subject: 'name',
    });
    const other = wheel('9.9.9', 'ghost').input;
    await expect(registry.registerArtifact(other, actor)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      subject: 'ghost',
    });
    expect((await registry.listArtifacts()).map((a) => a.digest)).toEqual([input.digest]);
    expect((await ledger.listEvents({ type: 'artifact.registered' })).events).toHaveLength(1);
  });

  it('uploads verified bytes once and marks the artifact stored', async () => {
    const { bytes, input } = wheel('1.2.0');
    await registry.registerArtifact(input, actor);
    expect(registry.artifactPath(input.digest)).toBeNull();
    const stored = await registry.uploadArtifact(input.digest, chunked(bytes), { actor: 'bob' });
    expect(stored.stored).toBe(true);
    expect(await registry.uploadArtifact(input.digest, chunked(bytes), actor)).toEqual(stored);
    expect(registry.artifactPath(input.digest)).toMatch(/\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const { events } = await ledger.listEvents({ type: 'artifact.uploaded' });
    expect(events.map((event) => [event.actor, event.payload])).toEqual([
      ['bob', { digest: input.digest, size: bytes.length }],
    ]);
  });

  it('refuses an upload that does not match, is too large, or is not registered', async () => {
    const { bytes, input } = wheel('1.2.0');
    const registered = await registry.registerArtifact(input, actor);
    const wrong = Buffer.from(bytes.toString().replace('wheel', 'WHEEL'));
    await expect(
      registry.uploadArtifact(input.digest, chunked(wrong), actor),
    ).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
      message: expect.stringContaining(digestOf(wrong)),
    });
    const big = Buffer.alloc(70 * 1024, 1);
    const bigInput = { digest: digestOf(big), name: 'big.bin', kind: 'file', size: big.length };
    await registry.registerArtifact({ ...bigInput, kind: 'file' }, actor);
    await expect(
      registry.uploadArtifact(bigInput.digest, chunked(big), actor),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
    // Registered as smaller than it is: the stream runs past the limit while being read.
    const lying = Buffer.alloc(80 * 1024, 2);
    await registry.registerArtifact(
      { digest: digestOf(lying), name: 'lying.bin', kind: 'file', size: 10 },
      actor,
    );
    await expect(
      registry.uploadArtifact(digestOf(lying), chunked(lying, 4096), actor),
    ).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    const unknown = wheel('3.0.0').input.digest;
    await expect(registry.uploadArtifact(unknown, chunked(bytes), actor)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      hint: expect.stringContaining('register'),
    });
    expect(filesUnder(blobDir)).toEqual([]);
    expect(await registry.getArtifact(input.digest)).toEqual(registered);
    expect((await ledger.listEvents({ type: 'artifact.uploaded' })).events).toEqual([]);
  });

  it('creates releases with ordered artifacts and components, idempotently', async () => {
    const first = wheel('1.2.0');
    const second = {
      ...wheel('1.2.0').input,
      digest: digestOf(Buffer.from('sdist')),
      kind: 'sdist' as const,
      name: 'api-1.2.0.tar.gz',
    };
    await registry.registerArtifact(second, actor);
    await registry.registerArtifact(first.input, actor);
    const input = {
      service: 'api',
      version: '1.2.0',
      tag: 'v1.2.0',
      commit: 'b'.repeat(40),
      notes: '## Features\n- faster',
      artifacts: [second.digest, first.input.digest],
      components: [
        { name: 'app', kind: 'code' as const, rollback: 'redeploy' as const },
        {
          name: 'schema',
          kind: 'migration' as const,
          rollback: 'reversible' as const,
          up: 'alembic upgrade head',
          down: 'alembic downgrade -1',
        },
      ],
      rollForward: { reason: 'drops a column', steps: ['restore the column', 'redeploy'] },
    };
    const release = await registry.createRelease(input, actor);
    expect(release).toMatchObject({ ...input, createdBy: 'ci' });
    expect(await registry.getRelease('api', '1.2.0')).toEqual(release);
    expect(await registry.getReleaseById(release.id)).toEqual(release);
    expect(await registry.createRelease(input, { actor: 'bob' })).toEqual(release);
    const conflict = await registry
      .createRelease({ ...input, notes: 'other', artifacts: [first.input.digest] }, actor)
      .catch((e: unknown) => e);
    expect(conflict).toMatchObject({ code: 'CONFLICT', subject: 'api@1.2.0' });
    expect((conflict as Error).message).toBe(
      'release api@1.2.0 exists with other notes, artifacts',
    );
    // The version a release fixes: the same again is the same release, another is a conflict,
    // and a client that does not say it (an older one) contradicts nothing.
    const fix = { ...input, version: '1.2.1', tag: 'v1.2.1', fixes: '1.2.0', rollForward: null };
    const fixRelease = await registry.createRelease(fix, actor);
    expect(fixRelease.fixes).toBe('1.2.0');
    expect(await registry.createRelease(fix, actor)).toEqual(fixRelease);
    const { fixes: _unsaid, ...unsaid } = fix;
    expect(await registry.createRelease(unsaid, actor)).toEqual(fixRelease);
    const otherFix = await registry
      .createRelease({ ...fix, fixes: '1.1.0' }, actor)
      .catch((e: unknown) => e);
    expect((otherFix as Error).message).toBe('release api@1.2.1 exists with other fixes');
    const { events } = await ledger.listEvents({ type: 'release.created' });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      subject: 'release:api@1.2.0',
      payload: {
        id: release.id,
        artifacts: [second.digest, first.input.digest],
        components: input.components,
        rollForward: input.rollForward,
      },
    });
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('refuses releases of unknown services, unknown digests and invalid components', async () => {
    const { input } = wheel('1.0.0');
    await registry.registerArtifact(input, actor);
    const missing = wheel('2.0.0').input.digest;
    await expect(
      registry.createRelease({ service: 'ghost', version: '1.0.0' }, actor),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', subject: 'ghost' });
    const unregistered = await registry
      .createRelease(
        { service: 'api', version: '1.0.0', artifacts: [input.digest, missing] },
        actor,
      )
      .catch((e: unknown) => e);
    expect(unregistered).toMatchObject({ code: 'NOT_FOUND', subject: missing });
    expect((unregistered as Error).message).toContain(missing);
    const invalid = [
      [
        { components: [{ name: 'db', kind: 'migration', rollback: 'reversible' }] },
        'components.0.down',
      ],
      [{ components: [{ name: 'x', kind: 'cron', rollback: 'redeploy' }] }, 'components.0.kind'],
      [
        {
          components: [
            { name: 'a', kind: 'code', rollback: 'redeploy' },
            { name: 'a', kind: 'image', rollback: 'redeploy' },
          ],
        },
        'components',
      ],
      [{ rollForward: { reason: 'no way back', steps: [] } }, 'rollForward.steps'],
      [{ version: '' }, 'version'],
    ] as const;
    for (const [fields, subject] of invalid) {
      await expect(
        registry.createRelease({ service: 'api', version: '1.0.0', ...fields } as never, actor),
      ).rejects.toMatchObject({ code: 'USAGE', subject });
    }
    expect(await registry.listReleases('api')).toEqual([]);
    await expect(registry.listReleases('nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      subject: 'nope',
    });
    expect((await ledger.listEvents({ type: 'release.created' })).events).toEqual([]);
  });

  it('finds a release by version or by artifact digest, newest first', async () => {
    const v1 = wheel('1.0.0');
    const v2 = wheel('2.0.0');
    const shared = {
      digest: digestOf(Buffer.from('config')),
      name: 'config.tar',
      kind: 'file' as const,
      size: 6,
    };
    for (const input of [v1.input, v2.input, shared]) await registry.registerArtifact(input, actor);
    await registry.createRelease(
      { service: 'api', version: '1.0.0', artifacts: [v1.input.digest, shared.digest] },
      actor,
    );
    await registry.createRelease(
      { service: 'api', version: '2.0.0', artifacts: [v2.input.digest, shared.digest] },
      actor,
    );
    await registry.createRelease(
      { service: 'web', version: '7.0.0', artifacts: [shared.digest] },
      actor,
    );
    expect((await registry.listReleases('api')).map((r) => r.version)).toEqual(['2.0.0', '1.0.0']);
    expect((await registry.releaseForRef('api', '1.0.0')).artifacts).toEqual([
      v1.input.digest,
      shared.digest,
    ]);
    expect((await registry.releaseForRef('api', v1.input.digest)).version).toBe('1.0.0');
    expect((await registry.releaseForRef('api', shared.digest)).version).toBe('2.0.0');
    expect((await registry.releaseForRef('web', shared.digest)).version).toBe('7.0.0');
    await expect(registry.releaseForRef('web', v1.input.digest)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `no release of web contains artifact ${v1.input.digest}`,
    });
    await expect(registry.releaseForRef('api', '3.0.0')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'api has no release 3.0.0',
    });
    await expect(registry.releaseForRef('api', 'sha256:nothex')).rejects.toMatchObject({
      code: 'USAGE',
    });
    expect(
      (await registry.listArtifacts({ service: 'api', version: '2.0.0' })).map((a) => a.digest),
    ).toEqual([v2.input.digest]);
    expect(await ledger.verifyLedger()).toMatchObject({ ok: true, events: 8 });
  });

  it('rolls the registry back when the ledger append fails', async () => {
    const { input } = wheel('1.0.0');
    await sql`drop table ledger_head`.execute(database.db);
    await expect(registry.registerArtifact(input, actor)).rejects.toThrow();
    expect(await registry.listArtifacts()).toEqual([]);
  });

  it('is stored in UTC and returned by every way of reading the release', async () => {
    const created = await registry.createRelease(
      { service: 'api', version: '1.0.0', firstCommitTime: '2026-05-01T14:30:00+02:00' },
      actor,
    );
    expect(created.firstCommitTime).toBe('2026-05-01T12:30:00.000Z');
    expect((await registry.getRelease('api', '1.0.0')).firstCommitTime).toBe(
      '2026-05-01T12:30:00.000Z',
    );
    expect((await registry.getReleaseById(created.id)).firstCommitTime).toBe(
      '2026-05-01T12:30:00.000Z',
    );
    expect((await registry.listReleases('api'))[0]?.firstCommitTime).toBe(
      '2026-05-01T12:30:00.000Z',
    );
    const { events } = await ledger.listEvents({ subject: 'release:api@1.0.0' });
    expect(events[0]?.payload).toMatchObject({ firstCommitTime: '2026-05-01T12:30:00.000Z' });
  });

  it('is absent when not given, and a release sent again with it keeps what was stored', async () => {
    const created = await registry.createRelease({ service: 'api', version: '1.1.0' }, actor);
    expect('firstCommitTime' in created).toBe(false);
    const read = await registry.getRelease('api', '1.1.0');
    expect('firstCommitTime' in read).toBe(false);
    const again = await registry.createRelease(
      { service: 'api', version: '1.1.0', firstCommitTime: '2026-05-01T00:00:00Z' },
      actor,
    );
    expect(again).toEqual(read);
    const nullTime = await registry.createRelease(
      { service: 'api', version: '1.2.0', firstCommitTime: null },
      actor,
    );
    expect('firstCommitTime' in nullTime).toBe(false);
  });

  it('refuses a time that is not ISO 8601, naming the field', async () => {
    for (const firstCommitTime of ['yesterday', '2026-05-01', '1714567890']) {
      const refused = registry.createRelease(
        { service: 'api', version: '2.0.0', firstCommitTime },
        actor,
      );
      await expect(refused).rejects.toBeInstanceOf(SlipwayError);
      await expect(refused).rejects.toThrow(
        'invalid release firstCommitTime: must be an ISO 8601 date and time',
      );
    }
  });
});
