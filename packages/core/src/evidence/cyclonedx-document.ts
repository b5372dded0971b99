import { canonicalJson } from '../canonical-json/canonical-json.js';
import { purlFor } from './purl.js';
import type { SbomHashAlgorithm, Sbom } from './sbom-model.js';
import { subjectRef } from './sbom-model.js';
import { resolveComponents, resolveDependencies } from './sbom-components.js';
import { uuidFromDigest } from './serial-number.js';

/** A sha256 over UTF-8 text, lowercase hex; passed in because core does no I/O and loads no crypto. */
export type Sha256Text = (text: string) => string;

const cycloneDxAlgorithm: Record<SbomHashAlgorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

/**
 * CycloneDX 1.6 JSON. The serial number is a UUID of the document's own canonical digest (taken
 * without the serial), so the same inputs give the same bytes; components and edges are sorted.
 */
export function renderCycloneDx(sbom: Sbom, sha256: Sha256Text): string {
  const body = cycloneDxBody(sbom);
  const serialNumber = `urn:uuid:${uuidFromDigest(sha256(canonicalJson(body)))}`;
  const document = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber,
    version: 1,
    ...body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function cycloneDxBody(sbom: Sbom): Record<string, unknown> {
  const components = resolveComponents(sbom);
  const { subject } = sbom;
  const artifact = subject.artifact;
  const metadataComponent = {
    type: 'application',
    'bom-ref': subjectRef,
    name: subject.name,
    ...(subject.version === undefined ? {} : { version: subject.version }),
    purl: purlFor(subject.ecosystem, subject.name, subject.version),
    ...(artifact === undefined
      ? {}
      : {
          hashes: [{ alg: 'SHA-256', content: artifact.sha256 }],
          properties: [{ name: 'slipway:artifact:fileName', value: artifact.fileName }],
        }),
  };
  return {
    metadata: {
      timestamp: sbom.timestamp,
      tools: {
        components: [{ type: 'application', name: sbom.tool.name, version: sbom.tool.version }],
      },
      component: metadataComponent,
    },
    components: components.map((component) => ({
      type: 'library',
      'bom-ref': component.purl,
      name: component.name,
      ...(component.version === undefined ? {} : { version: component.version }),
      scope: component.scope,
      ...(component.hashes.length === 0
        ? {}
        : {
            hashes: component.hashes.map((hash) => ({
              alg: cycloneDxAlgorithm[hash.algorithm],
              content: hash.hex,
            })),
          }),
      purl: component.purl,
      properties: [{ name: 'slipway:source', value: component.source }],
    })),
    dependencies: resolveDependencies(sbom, components),
  };
}
