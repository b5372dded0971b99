import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/core';

export const ociMediaTypes = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  empty: 'application/vnd.oci.empty.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Every manifest type Slipway reads, in the Accept header of each manifest request. */
export const acceptedManifestTypes: readonly string[] = [
  ociMediaTypes.index,
  ociMediaTypes.manifest,
  ociMediaTypes.dockerManifestList,
  ociMediaTypes.dockerManifest,
];

export interface OciPlatform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

export interface OciDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: OciPlatform;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An image manifest or an index, whichever the registry returned. */
export interface OciManifestDocument {
  readonly schemaVersion: number;
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly config?: OciDescriptor;
  readonly layers?: readonly OciDescriptor[];
  readonly manifests?: readonly OciDescriptor[];
  readonly subject?: OciDescriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

export function isIndexType(mediaType: string): boolean {
  return mediaType === ociMediaTypes.index || mediaType === ociMediaTypes.dockerManifestList;
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function platformName(platform: OciPlatform | undefined): string {
  if (platform === undefined) return 'unknown';
  const base = `${platform.os}/${platform.architecture}`;
  return platform.variant === undefined ? base : `${base}/${platform.variant}`;
}

/** Parses manifest bytes; a document that is not a manifest is refused, naming where it came from. */
export function parseManifest(bytes: Uint8Array, source: string): OciManifestDocument {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new SlipwayError('REFUSED', `the manifest of ${source} is not JSON`, {
      subject: source,
      cause: error,
    });
  }
  if (typeof value !== 'object' || value === null || !('schemaVersion' in value)) {
    throw new SlipwayError('REFUSED', `the document of ${source} is not an OCI manifest`, {
      subject: source,
    });
  }
  return value as OciManifestDocument;
}
