import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { OciRegistryClient } from '../../src/adapters/oci/index.js';
import { ociMediaTypes, sha256Digest } from '../../src/adapters/oci/index.js';

export interface TestBlob {
  readonly digest: string;
  readonly bytes: Buffer;
  readonly mediaType: string;
}

/** An image index with one manifest per platform, every byte in memory, keyed by digest. */
export interface TestImage {
  readonly index: TestBlob;
  readonly manifests: readonly (TestBlob & { readonly platform: string })[];
  readonly blobs: readonly TestBlob[];
}

function blob(bytes: Buffer, mediaType: string): TestBlob {
  return { digest: sha256Digest(bytes), bytes, mediaType };
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** A one-file ustar archive: header, content padded to 512, two zero blocks. */
function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** Builds a two-platform image; `seed` makes different images different. */
export function buildTestImage(seed: string, platforms = ['amd64', 'arm64']): TestImage {
  const blobs: TestBlob[] = [];
  const manifests: (TestBlob & { platform: string })[] = [];
  for (const architecture of platforms) {
    const layer = blob(
      gzipSync(tarOneFile('app/VERSION', Buffer.from(`${seed} ${architecture}\n`))),
      ociMediaTypes.layer,
    );
    const config = blob(
      json({
        architecture,
        os: 'linux',
        config: { Cmd: ['/app/run'] },
        rootfs: {
          type: 'layers',
          diff_ids: [
            sha256Digest(tarOneFile('app/VERSION', Buffer.from(`${seed} ${architecture}\n`))),
          ],
        },
      }),
      ociMediaTypes.config,
    );
    blobs.push(config, layer);
    const manifest = blob(
      json({
        schemaVersion: 2,
        mediaType: ociMediaTypes.manifest,
        config: { mediaType: config.mediaType, digest: config.digest, size: config.bytes.length },
        layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.bytes.length }],
      }),
      ociMediaTypes.manifest,
    );
    manifests.push({ ...manifest, platform: `linux/${architecture}` });
  }
  const index = blob(
    json({
      schemaVersion: 2,
      mediaType: ociMediaTypes.index,
      manifests: manifests.map((m) => ({
        mediaType: m.mediaType,
        digest: m.digest,
        size: m.bytes.length,
        platform: { os: 'linux', architecture: m.platform.split('/')[1] },
      })),
    }),
    ociMediaTypes.index,
  );
  return { index, manifests, blobs };
}

/** Writes the image as an OCI image layout (what `skopeo copy oci:<dir>` reads). */
export function writeOciLayout(image: TestImage, dir: string, tag: string): void {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const item of [image.index, ...image.manifests, ...image.blobs]) {
    writeFileSync(join(dir, 'blobs', 'sha256', item.digest.slice(7)), item.bytes);
  }
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: image.index.mediaType,
          digest: image.index.digest,
          size: image.index.bytes.length,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
}

/** Pushes blobs, platform manifests, the index by digest, then the tag: what CI does. */
export async function pushTestImage(
  client: OciRegistryClient,
  repository: string,
  image: TestImage,
  tag: string | null,
): Promise<void> {
  for (const item of image.blobs) await client.pushBlob(repository, item.bytes);
  for (const manifest of image.manifests)
    await client.putManifest(repository, manifest.digest, manifest.bytes, manifest.mediaType);
  await client.putManifest(
    repository,
    image.index.digest,
    image.index.bytes,
    image.index.mediaType,
  );
  if (tag !== null)
    await client.putManifest(repository, tag, image.index.bytes, image.index.mediaType);
}
