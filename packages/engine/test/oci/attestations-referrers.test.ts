import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OciRegistryClient,
  attachAttestation,
  attestationTag,
  listAttestations,
} from '../../src/adapters/oci/index.js';
import type { ReferrersRegistry } from './referrers-registry.js';
import { startReferrersRegistry } from './referrers-registry.js';
import { skopeoDigest } from './skopeo.js';
import { buildTestImage, pushTestImage } from './test-image.js';
import { testEnvelope } from './test-envelope.js';

const envelope = testEnvelope;

describe('attestations through the OCI 1.1 referrers API (loopback registry with referrers)', () => {
  let registry: ReferrersRegistry;
  let client: OciRegistryClient;
  beforeAll(async () => {
    registry = await startReferrersRegistry();
    client = new OciRegistryClient({ registry: registry.host, insecure: true });
  });
  afterAll(async () => {
    await registry.close();
  });

  it('attaches by subject only (no .att tag), lists them back through referrers, and the image is untouched', async () => {
    const image = buildTestImage('referrers');
    await pushTestImage(client, 'team/api', image, '1.0.0');
    const provenance = envelope('https://slsa.dev/provenance/v1');
    const sbom = envelope('https://cyclonedx.org/bom');

    const first = await attachAttestation(client, 'team/api', image.index.digest, {
      payload: provenance,
      predicateType: 'https://slsa.dev/provenance/v1',
    });
    const second = await attachAttestation(client, 'team/api', image.index.digest, {
      payload: sbom,
      predicateType: 'https://cyclonedx.org/bom',
    });

    expect(first).toMatchObject({ via: 'referrers', tag: null });
    expect(second).toMatchObject({ via: 'referrers', tag: null });
    // Only the image's own tag: the registry indexes subjects, so no cosign tag is written.
    expect(registry.tags('team/api')).toEqual(['1.0.0']);
    expect(await client.resolveDigest('team/api', attestationTag(image.index.digest))).toBeNull();

    const referrers = await client.listReferrers('team/api', image.index.digest);
    expect(referrers).toHaveLength(2);
    for (const referrer of referrers ?? []) {
      expect(referrer.artifactType).toBe('application/vnd.dev.slipway.attestation.v1+json');
      // skopeo, a client no one here wrote, reads each referrer by digest.
      expect(await skopeoDigest(`${registry.host}/team/api@${referrer.digest}`)).toBe(
        referrer.digest,
      );
    }
    const statements = await listAttestations(client, 'team/api', image.index.digest);
    expect(statements).toEqual(
      expect.arrayContaining([
        { predicateType: 'https://slsa.dev/provenance/v1', payload: provenance },
        { predicateType: 'https://cyclonedx.org/bom', payload: sbom },
      ]),
    );
    expect(statements).toHaveLength(2);
    expect(registry.requests).toContain(`GET /v2/team/api/referrers/${image.index.digest}`);
    expect(await skopeoDigest(`${registry.host}/team/api:1.0.0`)).toBe(image.index.digest);
  });

  it('answers an empty list (not a 404) for an image without referrers, and filters by artifactType', async () => {
    const image = buildTestImage('referrers-none');
    await pushTestImage(client, 'team/api', image, null);
    expect(await client.listReferrers('team/api', image.index.digest)).toEqual([]);
    expect(await listAttestations(client, 'team/api', image.index.digest)).toEqual([]);

    await attachAttestation(client, 'team/api', image.index.digest, {
      payload: envelope('https://slsa.dev/provenance/v1'),
      predicateType: 'https://slsa.dev/provenance/v1',
    });
    const filtered = await fetch(
      `http://${registry.host}/v2/team/api/referrers/${image.index.digest}?artifactType=${encodeURIComponent('application/vnd.example.other')}`,
    );
    expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(((await filtered.json()) as { manifests: unknown[] }).manifests).toEqual([]);
    const layers = await listAttestations(client, 'team/api', image.index.digest);
    expect(layers.map((l) => l.predicateType)).toEqual(['https://slsa.dev/provenance/v1']);
  });
});
