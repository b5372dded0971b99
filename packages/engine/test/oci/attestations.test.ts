import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OciRegistryClient,
  attachAttestation,
  attestationTag,
  dsseEnvelopeMediaType,
  listAttestations,
} from '../../src/adapters/oci/index.js';
import type { RunningRegistry } from './registry-process.js';
import { startRegistry } from './registry-process.js';
import { skopeoRawManifest } from './skopeo.js';
import { buildTestImage, pushTestImage } from './test-image.js';
import { testUser } from './token-server.js';
import { testEnvelope } from './test-envelope.js';

const envelope = testEnvelope;

describe('attestations attached to an image (docker-registry 2.8: tag scheme)', () => {
  let registry: RunningRegistry;
  let client: OciRegistryClient;
  beforeAll(async () => {
    registry = await startRegistry('token');
    client = new OciRegistryClient({
      registry: registry.host,
      insecure: true,
      credentials: testUser,
    });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('attaches provenance and SBOM under sha256-<hex>.att, which skopeo finds, and reads them back', async () => {
    const image = buildTestImage('attest');
    await pushTestImage(client, 'team/api', image, '1.0.0');
    const provenance = envelope('https://slsa.dev/provenance/v1');
    const sbom = envelope('https://spdx.dev/Document');

    const first = await attachAttestation(client, 'team/api', image.index.digest, {
      payload: provenance,
      predicateType: 'https://slsa.dev/provenance/v1',
    });
    await attachAttestation(client, 'team/api', image.index.digest, {
      payload: sbom,
      predicateType: 'https://spdx.dev/Document',
    });
    // Attaching the same statement again adds nothing.
    await attachAttestation(client, 'team/api', image.index.digest, {
      payload: provenance,
      predicateType: 'https://slsa.dev/provenance/v1',
    });

    expect(first).toMatchObject({ via: 'tag', tag: attestationTag(image.index.digest) });
    expect(first.tag).toBe(`sha256-${image.index.digest.slice(7)}.att`);
    const seen = JSON.parse(
      (
        await skopeoRawManifest(`${registry.host}/team/api:${first.tag ?? ''}`, testUser)
      ).toString(),
    ) as {
      layers: { mediaType: string; annotations: { predicateType: string } }[];
    };
    expect(seen.layers.map((l) => [l.mediaType, l.annotations.predicateType])).toEqual([
      [dsseEnvelopeMediaType, 'https://slsa.dev/provenance/v1'],
      [dsseEnvelopeMediaType, 'https://spdx.dev/Document'],
    ]);
    const statements = await listAttestations(client, 'team/api', image.index.digest);
    expect(statements.map((s) => s.payload)).toEqual([provenance, sbom]);
    // The image itself is untouched.
    expect(await client.resolveDigest('team/api', '1.0.0')).toBe(image.index.digest);
  });

  it('lists nothing for an image without attestations', async () => {
    const image = buildTestImage('no-attest');
    await pushTestImage(client, 'team/api', image, null);
    expect(await listAttestations(client, 'team/api', image.index.digest)).toEqual([]);
  });
});
