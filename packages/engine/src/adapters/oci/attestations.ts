import type { OciDescriptor, OciManifestDocument } from './oci-media-types.js';
import { ociMediaTypes, sha256Digest } from './oci-media-types.js';
import type { OciRegistryClient } from './oci-registry-client.js';

export const dsseEnvelopeMediaType = 'application/vnd.dsse.envelope.v1+json';

export interface AttestationInput {
  /** The signed statement as stored (a DSSE envelope, JSON). */
  readonly payload: Buffer;
  readonly mediaType?: string;
  /** e.g. `https://slsa.dev/provenance/v1`; kept as the layer's `predicateType` annotation. */
  readonly predicateType: string;
}

export interface AttachedAttestation {
  readonly digest: string;
  /** `referrers` when the registry indexes subjects, else the cosign-style `.att` tag. */
  readonly via: 'referrers' | 'tag';
  /** The `sha256-<hex>.att` tag when the tag scheme was used. */
  readonly tag: string | null;
}

const emptyConfig = Buffer.from('{}', 'utf8');

/** cosign's tag for the attestations of a digest: `sha256-<hex>.att`. */
export function attestationTag(subjectDigest: string): string {
  return `${subjectDigest.replace(':', '-')}.att`;
}

/**
 * Attaches a statement to the image `subjectDigest`: an OCI artifact manifest whose subject is
 * the image. A registry with the OCI 1.1 referrers API acknowledges the subject (`OCI-Subject`)
 * and that is all; otherwise the statement is also added as a layer of the manifest under the
 * `sha256-<hex>.att` tag, the scheme cosign reads. Attaching the same statement again is a no-op.
 */
export async function attachAttestation(
  client: OciRegistryClient,
  repository: string,
  subjectDigest: string,
  input: AttestationInput,
): Promise<AttachedAttestation> {
  const subject = await client.getManifest(repository, subjectDigest);
  const layer: OciDescriptor = {
    mediaType: input.mediaType ?? dsseEnvelopeMediaType,
    digest: sha256Digest(input.payload),
    size: input.payload.length,
    annotations: { predicateType: input.predicateType },
  };
  await client.pushBlob(repository, emptyConfig);
  await client.pushBlob(repository, input.payload);
  const artifact = manifestBytes([layer], {
    mediaType: subject.mediaType,
    digest: subject.digest,
    size: subject.bytes.length,
  });
  const put = await client.putManifestWithHeaders(
    repository,
    sha256Digest(artifact),
    artifact,
    ociMediaTypes.manifest,
  );
  if (put.subjectAcknowledged) return { digest: layer.digest, via: 'referrers', tag: null };
  const tag = attestationTag(subjectDigest);
  const layers = [...(await tagLayers(client, repository, tag))];
  if (!layers.some((known) => known.digest === layer.digest)) layers.push(layer);
  const tagged = manifestBytes(layers, null);
  await client.putManifest(repository, tag, tagged, ociMediaTypes.manifest);
  return { digest: layer.digest, via: 'tag', tag };
}

/** The statements attached to the digest, through the referrers API or the `.att` tag. */
export async function listAttestations(
  client: OciRegistryClient,
  repository: string,
  subjectDigest: string,
): Promise<{ readonly predicateType: string | null; readonly payload: Buffer }[]> {
  const referrers = await client.listReferrers(repository, subjectDigest);
  const layers: OciDescriptor[] = [];
  if (referrers !== null && referrers.length > 0) {
    for (const referrer of referrers) {
      const manifest = await client.getManifest(repository, referrer.digest);
      layers.push(...(manifest.document.layers ?? []));
    }
  } else {
    layers.push(...(await tagLayers(client, repository, attestationTag(subjectDigest))));
  }
  const statements = [];
  for (const layer of layers) {
    statements.push({
      predicateType: layer.annotations?.predicateType ?? null,
      payload: await client.getBlob(repository, layer.digest),
    });
  }
  return statements;
}

async function tagLayers(
  client: OciRegistryClient,
  repository: string,
  tag: string,
): Promise<readonly OciDescriptor[]> {
  if ((await client.resolveDigest(repository, tag)) === null) return [];
  return (await client.getManifest(repository, tag)).document.layers ?? [];
}

function manifestBytes(layers: readonly OciDescriptor[], subject: OciDescriptor | null): Buffer {
  const document: OciManifestDocument = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    artifactType: 'application/vnd.dev.slipway.attestation.v1+json',
    config: {
      mediaType: ociMediaTypes.empty,
      digest: sha256Digest(emptyConfig),
      size: emptyConfig.length,
    },
    layers,
    ...(subject === null ? {} : { subject }),
  };
  return Buffer.from(JSON.stringify(document), 'utf8');
}
