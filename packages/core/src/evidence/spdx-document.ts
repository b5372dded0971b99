import { canonicalJson } from '../canonical-json/canonical-json.js';
import type { Sha256Text } from './cyclonedx-document.js';
import { purlFor } from './purl.js';
import type { Sbom, SbomHashAlgorithm } from './sbom-model.js';
import { subjectRef } from './sbom-model.js';
import { resolveComponents, resolveDependencies } from './sbom-components.js';

const spdxAlgorithm: Record<SbomHashAlgorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA1',
  sha256: 'SHA256',
  sha384: 'SHA384',
  sha512: 'SHA512',
};

const subjectId = 'SPDXRef-Package-subject';

/**
 * SPDX 2.3 JSON. SPDX ids are positional over the sorted components (ids must be
 * `[A-Za-z0-9.-]`, which names and versions are not); the namespace carries the content digest
 * so that two documents with the same namespace have the same content.
 */
export function renderSpdx(sbom: Sbom, sha256: Sha256Text): string {
  const components = resolveComponents(sbom);
  const idOf = new Map<string, string>([[subjectRef, subjectId]]);
  components.forEach((component, index) =>
    idOf.set(component.purl, `SPDXRef-Package-${index + 1}`),
  );
  const { subject } = sbom;
  const subjectPackage = {
    SPDXID: subjectId,
    name: subject.name,
    ...(subject.version === undefined ? {} : { versionInfo: subject.version }),
    ...(subject.artifact === undefined ? {} : { packageFileName: subject.artifact.fileName }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    ...(subject.artifact === undefined
      ? {}
      : { checksums: [{ algorithm: 'SHA256', checksumValue: subject.artifact.sha256 }] }),
    externalRefs: [purlRef(purlFor(subject.ecosystem, subject.name, subject.version))],
    primaryPackagePurpose: 'APPLICATION',
  };
  const packages = components.map((component) => ({
    SPDXID: idOf.get(component.purl) ?? '',
    name: component.name,
    ...(component.version === undefined ? {} : { versionInfo: component.version }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    ...(component.hashes.length === 0
      ? {}
      : {
          checksums: component.hashes.map((hash) => ({
            algorithm: spdxAlgorithm[hash.algorithm],
            checksumValue: hash.hex,
          })),
        }),
    externalRefs: [purlRef(component.purl)],
    primaryPackagePurpose: 'LIBRARY',
  }));
  const relationships = [
    {
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: subjectId,
    },
    ...resolveDependencies(sbom, components).flatMap(({ ref, dependsOn }) =>
      dependsOn.map((target) => ({
        spdxElementId: idOf.get(ref) ?? '',
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: idOf.get(target) ?? '',
      })),
    ),
  ];
  const body = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: subject.version === undefined ? subject.name : `${subject.name}-${subject.version}`,
    creationInfo: {
      created: sbom.timestamp,
      creators: [`Tool: ${sbom.tool.name}-${sbom.tool.version}`],
    },
    documentDescribes: [subjectId],
    packages: [subjectPackage, ...packages],
    relationships,
  };
  const namespace = `https://slipway.dev/spdx/${encodeURIComponent(body.name)}/${sha256(canonicalJson(body))}`;
  const { spdxVersion, dataLicense, SPDXID, name, ...rest } = body;
  const document = {
    spdxVersion,
    dataLicense,
    SPDXID,
    name,
    documentNamespace: namespace,
    ...rest,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function purlRef(purl: string): Record<string, string> {
  return { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl };
}
