import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OciRegistryClient } from '../../src/adapters/oci/index.js';
import { ImageService } from '../../src/features/images/index.js';
import { LedgerService, createFakeRegistryService } from '../../src/index.js';
import type { LedgerEvent } from '../../src/index.js';
import type { RunningRegistry } from '../oci/registry-process.js';
import { startRegistry } from '../oci/registry-process.js';
import { startFaultyProxy } from '../oci/faulty-proxy.js';
import { skopeoDigest } from '../oci/skopeo.js';
import { buildTestImage, pushTestImage } from '../oci/test-image.js';
import { testUser } from '../oci/token-server.js';

const actor = { actor: 'ci@example.com' };

type FakeRegistry = ReturnType<typeof createFakeRegistryService>;

/** A ledger service over the fake registry's ledger store, so all events land in one chain. */
function ledgerOf(fake: FakeRegistry): LedgerService {
  return new LedgerService(fake.ledger);
}

async function eventsOf(fake: FakeRegistry): Promise<readonly LedgerEvent[]> {
  return (await ledgerOf(fake).listEvents()).events;
}

describe('ImageService against docker-registry with token auth', () => {
  let ci: RunningRegistry;
  let prod: RunningRegistry;
  const clientFor = (registry: string): OciRegistryClient =>
    new OciRegistryClient({ registry, insecure: true, credentials: testUser });

  beforeAll(async () => {
    [ci, prod] = await Promise.all([startRegistry('token'), startRegistry('none')]);
  });
  afterAll(async () => {
    await Promise.all([ci.stop(), prod.stop()]);
  });

  function setup(): { images: ImageService; fake: FakeRegistry } {
    const fake = createFakeRegistryService();
    fake.store.services.add('api');
    return { images: new ImageService(clientFor, fake.service, ledgerOf(fake)), fake };
  }

  it('records a tag as the index digest with per-platform digests, an oci-image artifact of the release', async () => {
    const image = buildTestImage('record');
    await pushTestImage(clientFor(ci.host), 'team/api', image, 'build-17');
    const { images, fake } = setup();

    const record = await images.recordImage(
      {
        reference: `${ci.host}/team/api:build-17`,
        service: 'api',
        version: '1.2.0',
        sourceCommit: 'abc1234',
      },
      actor,
    );

    expect(record.digest).toBe(image.index.digest);
    expect(record.platforms).toEqual(
      image.manifests.map((m) => ({ platform: m.platform, digest: m.digest })),
    );
    expect(record.reference).toBe(`${ci.host}/team/api@${image.index.digest}`);
    const artifacts = await fake.service.listArtifacts({ service: 'api', version: '1.2.0' });
    expect(artifacts).toMatchObject([
      {
        digest: image.index.digest,
        kind: 'oci-image',
        name: `${ci.host}/team/api`,
        sourceCommit: 'abc1234',
      },
    ]);
    const events = (await eventsOf(fake)).map((e) => e.type);
    expect(events).toEqual(['artifact.registered', 'image.recorded']);
  });

  it('tags a digest, leaves an equal tag alone, and refuses to move a tag that points elsewhere', async () => {
    const first = buildTestImage('tag-first');
    const second = buildTestImage('tag-second');
    const client = clientFor(ci.host);
    await pushTestImage(client, 'team/tags', first, null);
    await pushTestImage(client, 'team/tags', second, null);
    const { images } = setup();
    const repo = `${ci.host}/team/tags`;

    const placed = await images.placeImage(
      { source: `${repo}@${first.index.digest}`, destination: repo, tags: ['1.0.0', '1.0'] },
      actor,
    );
    expect(placed.changed).toEqual([
      { tag: '1.0.0', previous: null },
      { tag: '1.0', previous: null },
    ]);
    expect(await skopeoDigest(`${repo}:1.0.0`, testUser)).toBe(first.index.digest);

    await expect(
      images.placeImage(
        { source: `${repo}@${second.index.digest}`, destination: repo, tags: ['latest', '1.0.0'] },
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      subject: `${repo}:1.0.0`,
    });
    // Refused before any write: `latest` was not created either.
    expect(await client.resolveDigest('team/tags', 'latest')).toBeNull();
    expect(await client.resolveDigest('team/tags', '1.0.0')).toBe(first.index.digest);

    const again = await images.placeImage(
      { source: `${repo}@${first.index.digest}`, destination: repo, tags: ['1.0.0'] },
      actor,
    );
    expect(again).toMatchObject({ changed: [], unchanged: ['1.0.0'] });
  });

  it('moves an opt-in moving tag and records where it pointed before', async () => {
    const first = buildTestImage('move-first');
    const second = buildTestImage('move-second');
    const client = clientFor(ci.host);
    await pushTestImage(client, 'team/move', first, 'latest');
    await pushTestImage(client, 'team/move', second, null);
    const { images, fake } = setup();
    const repo = `${ci.host}/team/move`;

    const placed = await images.placeImage(
      {
        source: `${repo}@${second.index.digest}`,
        destination: repo,
        tags: ['latest'],
        movingTags: ['latest'],
      },
      actor,
    );

    expect(placed.changed).toEqual([{ tag: 'latest', previous: first.index.digest }]);
    expect(await client.resolveDigest('team/move', 'latest')).toBe(second.index.digest);
    const [event] = await eventsOf(fake);
    expect(event).toMatchObject({
      type: 'image.tagged',
      payload: { tags: [{ tag: 'latest', previous: first.index.digest }] },
    });
  });

  it('promotes by digest to the environment registry: copies, verifies, tags; skopeo sees the CI digest', async () => {
    const image = buildTestImage('promote');
    await pushTestImage(clientFor(ci.host), 'team/api', image, '2.0.0');
    const { images, fake } = setup();

    const placed = await images.placeImage(
      {
        source: `${ci.host}/team/api@${image.index.digest}`,
        destination: `${prod.host}/prod/api`,
        tags: ['2.0.0', 'prod'],
        movingTags: ['prod'],
        environment: 'prod',
      },
      actor,
    );

    expect(placed).toMatchObject({ copied: true, digest: image.index.digest });
    expect(await skopeoDigest(`${prod.host}/prod/api:prod`)).toBe(image.index.digest);
    expect(await skopeoDigest(`${prod.host}/prod/api@${image.manifests[1]?.digest ?? ''}`)).toBe(
      image.manifests[1]?.digest,
    );
    const [event] = await eventsOf(fake);
    expect(event).toMatchObject({
      type: 'image.promoted',
      payload: { environment: 'prod', destination: `${prod.host}/prod/api@${image.index.digest}` },
    });
  });

  it('leaves no tag on a partial image when the destination goes down mid-copy', async () => {
    const image = buildTestImage('down');
    await pushTestImage(clientFor(ci.host), 'team/api', image, null);
    const proxy = await startFaultyProxy(prod.host, { failAfter: 5 });
    const { images, fake } = setup();
    try {
      await expect(
        images.placeImage(
          {
            source: `${ci.host}/team/api@${image.index.digest}`,
            destination: `${proxy.host}/prod/down`,
            tags: ['1.0.0'],
          },
          actor,
        ),
      ).rejects.toMatchObject({ code: 'UNREACHABLE', subject: proxy.host });
    } finally {
      await proxy.close();
    }
    const direct = clientFor(prod.host);
    expect(await direct.listTags('prod/down')).toEqual([]);
    expect(await direct.resolveDigest('prod/down', image.index.digest)).toBeNull();
    expect(await eventsOf(fake)).toEqual([]);
  });

  it('refuses when the destination reports another digest than the one copied', async () => {
    const image = buildTestImage('mismatch');
    await pushTestImage(clientFor(ci.host), 'team/api', image, null);
    const proxy = await startFaultyProxy(prod.host, { claimDigest: `sha256:${'e'.repeat(64)}` });
    const { images } = setup();
    try {
      await expect(
        images.placeImage(
          {
            source: `${ci.host}/team/api@${image.index.digest}`,
            destination: `${proxy.host}/prod/mismatch`,
            tags: ['1.0.0'],
          },
          actor,
        ),
      ).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    } finally {
      await proxy.close();
    }
    expect(await clientFor(prod.host).listTags('prod/mismatch')).toEqual([]);
  });

  it('refuses wrong credentials with UNAUTHENTICATED and records nothing', async () => {
    const fake = createFakeRegistryService();
    const images = new ImageService(
      (registry) =>
        new OciRegistryClient({
          registry,
          insecure: true,
          credentials: { username: 'ci', password: 'nope' },
        }),
      fake.service,
      ledgerOf(fake),
    );
    await expect(
      images.recordImage({ reference: `${ci.host}/team/api:build-17` }, actor),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await fake.service.listArtifacts()).toEqual([]);
  });
});
