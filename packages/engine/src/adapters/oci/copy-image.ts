import { SlipwayError } from '@slipway/core';
import type { OciDescriptor } from './oci-media-types.js';
import type { OciRegistryClient } from './oci-registry-client.js';

export interface ImageLocation {
  readonly client: OciRegistryClient;
  readonly repository: string;
}

export interface CopyReport {
  readonly digest: string;
  /** Every manifest written, children before their index. */
  readonly manifests: readonly string[];
  readonly blobsUploaded: number;
  readonly blobsMounted: number;
  readonly blobsPresent: number;
}

/**
 * Copies the manifest `digest` with everything it references, by digest only: blobs first, then
 * each platform manifest, then the index. No tag is written here, so a copy that stops half-way
 * leaves nothing a tag points to; the caller tags after `verifyImage`.
 */
export async function copyImage(
  source: ImageLocation,
  digest: string,
  destination: ImageLocation,
): Promise<CopyReport> {
  const tally = { manifests: [] as string[], blobsUploaded: 0, blobsMounted: 0, blobsPresent: 0 };
  await copyManifest(source, digest, destination, tally, 0);
  await verifyImage(destination, digest);
  return { digest, ...tally };
}

/** Refuses (DIGEST_MISMATCH) unless the destination serves exactly these bytes for the digest. */
export async function verifyImage(location: ImageLocation, digest: string): Promise<void> {
  const where = `${location.client.registry}/${location.repository}@${digest}`;
  const resolved = await location.client.resolveDigest(location.repository, digest);
  if (resolved !== digest) {
    throw new SlipwayError(
      'DIGEST_MISMATCH',
      `${where} resolves to ${resolved ?? 'nothing'} after the copy`,
      { subject: where, hint: 'the destination registry changed the manifest; nothing was tagged' },
    );
  }
  // Reading by digest re-hashes the bytes, so a registry that rewrote them is caught here too.
  await location.client.getManifest(location.repository, digest);
}

interface Tally {
  manifests: string[];
  blobsUploaded: number;
  blobsMounted: number;
  blobsPresent: number;
}

async function copyManifest(
  source: ImageLocation,
  digest: string,
  destination: ImageLocation,
  tally: Tally,
  depth: number,
): Promise<void> {
  if (depth > 2) {
    throw new SlipwayError('REFUSED', `${digest} nests indexes deeper than Slipway copies`, {
      subject: digest,
    });
  }
  const manifest = await source.client.getManifest(source.repository, digest);
  const { document } = manifest;
  for (const child of document.manifests ?? []) {
    await copyManifest(source, child.digest, destination, tally, depth + 1);
  }
  const blobs: OciDescriptor[] = [
    ...(document.config === undefined ? [] : [document.config]),
    ...(document.layers ?? []),
  ];
  for (const blob of blobs) await copyBlob(source, blob.digest, destination, tally);
  await destination.client.putManifest(
    destination.repository,
    digest,
    manifest.bytes,
    manifest.mediaType,
  );
  tally.manifests.push(digest);
}

async function copyBlob(
  source: ImageLocation,
  digest: string,
  destination: ImageLocation,
  tally: Tally,
): Promise<void> {
  if (await destination.client.hasBlob(destination.repository, digest)) {
    tally.blobsPresent += 1;
    return;
  }
  const sameRegistry = source.client.registry === destination.client.registry;
  if (sameRegistry && source.repository !== destination.repository) {
    if (await destination.client.mountBlob(destination.repository, digest, source.repository)) {
      tally.blobsMounted += 1;
      return;
    }
  }
  // Buffered whole: fine for config and application layers; see docs/images.md on large layers.
  const bytes = await source.client.getBlob(source.repository, digest);
  await destination.client.pushBlob(destination.repository, bytes);
  tally.blobsUploaded += 1;
}
