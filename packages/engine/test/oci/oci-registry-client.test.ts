import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import {
  OciRegistryClient,
  copyImage,
  isIndexType,
  parseImageReference,
} from '../../src/adapters/oci/index.js';
import type { RunningRegistry } from './registry-process.js';
import { startRegistry } from './registry-process.js';
import { skopeoCopyLayout, skopeoDigest, skopeoRawManifest } from './skopeo.js';
import { buildTestImage, pushTestImage, writeOciLayout } from './test-image.js';
import { testUser } from './token-server.js';

describe.each(['none', 'token', 'basic'] as const)(
  'OCI client against docker-registry (auth: %s)',
  (auth) => {
    let registry: RunningRegistry;
    let client: OciRegistryClient;
    const creds = auth === 'none' ? undefined : { ...testUser };

    beforeAll(async () => {
      registry = await startRegistry(auth);
      client = new OciRegistryClient({
        registry: registry.host,
        insecure: true,
        credentials: creds ?? null,
      });
    });
    afterAll(async () => {
      await registry.stop();
    });

    it('pushes a two-platform index that skopeo reads back with the same digests', async () => {
      const image = buildTestImage(`push-${auth}`);
      await pushTestImage(client, 'team/app', image, '1.0.0');

      expect(await client.resolveDigest('team/app', '1.0.0')).toBe(image.index.digest);
      const fetched = await client.getManifest('team/app', '1.0.0');
      expect(isIndexType(fetched.mediaType)).toBe(true);
      expect(fetched.document.manifests?.map((m) => m.digest)).toEqual(
        image.manifests.map((m) => m.digest),
      );
      expect(await skopeoDigest(`${registry.host}/team/app:1.0.0`, creds)).toBe(image.index.digest);
      const amd64 = image.manifests[0];
      expect(
        await skopeoRawManifest(`${registry.host}/team/app@${amd64?.digest ?? ''}`, creds),
      ).toEqual(amd64?.bytes);
      expect(await client.listTags('team/app')).toEqual(['1.0.0']);
    });

    it('reads an image that skopeo pushed from an OCI layout', async () => {
      const image = buildTestImage(`skopeo-${auth}`);
      const layout = makeTempDir('slipway-layout-');
      writeOciLayout(image, layout.path, 'v1');
      await skopeoCopyLayout(layout.path, 'v1', `${registry.host}/ci/built:v1`, creds);
      layout.cleanup();
      expect(await client.resolveDigest('ci/built', 'v1')).toBe(image.index.digest);
      for (const manifest of image.manifests) {
        expect((await client.getManifest('ci/built', manifest.digest)).bytes).toEqual(
          manifest.bytes,
        );
      }
    });

    it('copies by digest into another repository with cross-repository mounts and no tag', async () => {
      const image = buildTestImage(`copy-${auth}`);
      await pushTestImage(client, 'team/src', image, null);
      const report = await copyImage({ client, repository: 'team/src' }, image.index.digest, {
        client,
        repository: 'prod/app',
      });
      expect(report.manifests).toEqual([
        ...image.manifests.map((m) => m.digest),
        image.index.digest,
      ]);
      expect(report.blobsMounted).toBe(image.blobs.length);
      expect(report.blobsUploaded).toBe(0);
      expect(await client.listTags('prod/app')).toEqual([]);
      expect(await skopeoDigest(`${registry.host}/prod/app@${image.index.digest}`, creds)).toBe(
        image.index.digest,
      );
    });

    it('answers a missing tag with null and a missing digest with NOT_FOUND', async () => {
      expect(await client.resolveDigest('team/app', 'no-such-tag')).toBeNull();
      await expect(
        client.getManifest('team/app', `sha256:${'0'.repeat(64)}`),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await client.hasBlob('team/app', `sha256:${'0'.repeat(64)}`)).toBe(false);
    });

    it('reports that this registry has no referrers API, so the tag scheme is the fallback', async () => {
      const image = buildTestImage(`referrers-${auth}`);
      await pushTestImage(client, 'team/ref', image, 'r1');
      expect(await client.listReferrers('team/ref', image.index.digest)).toBeNull();
    });
  },
);

describe('OCI client with basic auth', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry('basic');
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('refuses wrong and missing credentials with UNAUTHENTICATED', async () => {
    const wrong = new OciRegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: { username: 'ci', password: 'wrong' },
    });
    await expect(wrong.listTags('team/app')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      subject: registry.host,
    });
    const anonymous = new OciRegistryClient({ registry: registry.host, insecure: true });
    await expect(anonymous.listTags('team/app')).rejects.toThrow(
      /requires credentials and none were given/,
    );
  });
});

describe('OCI client authentication failures', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry('token');
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('asks the token service for the scope the registry names', async () => {
    const client = new OciRegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: testUser,
    });
    await client.resolveDigest('scoped/app', 'latest');
    expect(registry.tokenServer?.requestedScopes).toContain('repository:scoped/app:pull');
  });

  it('refuses wrong credentials with UNAUTHENTICATED and pushes nothing', async () => {
    const wrong = new OciRegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: { username: 'ci', password: 'wrong' },
    });
    const image = buildTestImage('wrong-creds');
    await expect(pushTestImage(wrong, 'team/app', image, 'x')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const right = new OciRegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: testUser,
    });
    expect(await right.listTags('team/app')).toEqual([]);
  });

  it('refuses anonymous access with UNAUTHENTICATED', async () => {
    const anonymous = new OciRegistryClient({ registry: registry.host, insecure: true });
    await expect(anonymous.resolveDigest('team/app', 'latest')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('names an unreachable registry', async () => {
    const gone = new OciRegistryClient({ registry: '127.0.0.1:9', insecure: true });
    await expect(gone.resolveDigest('team/app', 'latest')).rejects.toMatchObject({
      code: 'UNREACHABLE',
      subject: '127.0.0.1:9',
    });
  });
});

describe('parseImageReference', () => {
  it('splits registry, repository, tag and digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageReference(`127.0.0.1:5000/team/app:1.2.0@${digest}`)).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'team/app',
      tag: '1.2.0',
      digest,
    });
    expect(parseImageReference('ghcr.io/acme/app')).toMatchObject({ tag: 'latest', digest: null });
  });

  it('refuses a reference without a registry host, naming it', () => {
    expect(() => parseImageReference('app:1.0')).toThrow(/app:1.0.*registry/);
    expect(() => parseImageReference('acme/app:1.0')).toThrow(/acme is not a registry host/);
  });
});
