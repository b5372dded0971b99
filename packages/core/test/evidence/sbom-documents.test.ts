import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { npmPurl, normalizePypiName, pypiPurl, renderCycloneDx, renderSpdx } from '@slipway/core';
import { sampleSbom, sha256Text } from './sbom-fixture.js';
import { expectValidCycloneDx, expectValidSpdx, spdxSchema } from './validate-documents.js';

describe('purls', () => {
  it('normalises PyPI names as PEP 503 does and encodes local versions', () => {
    expect(normalizePypiName('Flask_SQLAlchemy.ext')).toBe('flask-sqlalchemy-ext');
    expect(pypiPurl('Zope.Interface', '6.0+local')).toBe('pkg:pypi/zope-interface@6.0%2Blocal');
  });

  it('puts an npm scope in the namespace with its @ encoded', () => {
    expect(npmPurl('@types/node', '20.1.0')).toBe('pkg:npm/%40types/node@20.1.0');
    expect(npmPurl('left-pad')).toBe('pkg:npm/left-pad');
  });
});

describe('CycloneDX 1.6', () => {
  it('validates against the CycloneDX 1.6 strict JSON schema', async () => {
    await expectValidCycloneDx(renderCycloneDx(sampleSbom(), sha256Text));
  });

  it('is checked by a validator that does refuse a broken document', async () => {
    const broken = JSON.parse(renderCycloneDx(sampleSbom(), sha256Text)) as Record<string, unknown>;
    broken['serialNumber'] = 'not-a-urn';
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('carries purls, hashes, scopes, the graph and the artifact as metadata component', () => {
    const bom = JSON.parse(renderCycloneDx(sampleSbom(), sha256Text)) as {
      serialNumber: string;
      metadata: { timestamp: string; component: { hashes: { alg: string; content: string }[] } };
      components: { purl: string; scope: string; hashes?: unknown[] }[];
      dependencies: { ref: string; dependsOn: string[] }[];
    };
    expect(bom.metadata.timestamp).toBe('2024-01-02T03:04:05Z');
    expect(bom.metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: 'a'.repeat(64) }]);
    expect(bom.components.map((c) => c.purl)).toEqual([
      'pkg:pypi/charset-normalizer@3.3.2%2Blocal',
      'pkg:pypi/pytest@8.0.0',
      'pkg:pypi/requests@2.31.0',
    ]);
    expect(bom.components.map((c) => c.scope)).toEqual(['required', 'optional', 'required']);
    expect(bom.dependencies).toContainEqual({
      ref: 'pkg:pypi/requests@2.31.0',
      dependsOn: ['pkg:pypi/charset-normalizer@3.3.2%2Blocal'],
    });
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
  });

  it('is byte-identical for the same inputs in any order, and the serial follows content', () => {
    const sbom = sampleSbom();
    const reversed = { ...sbom, components: [...sbom.components].reverse() };
    expect(renderCycloneDx(reversed, sha256Text)).toBe(renderCycloneDx(sbom, sha256Text));
    const later = { ...sbom, timestamp: '2024-01-02T03:04:06Z' };
    const serial = (text: string): string =>
      (JSON.parse(text) as { serialNumber: string }).serialNumber;
    expect(serial(renderCycloneDx(later, sha256Text))).not.toBe(
      serial(renderCycloneDx(sbom, sha256Text)),
    );
  });
});

describe('SPDX 2.3', () => {
  it('validates against the SPDX 2.3 document schema', () => {
    expectValidSpdx(renderSpdx(sampleSbom(), sha256Text));
  });

  it('is checked by a schema that does refuse a broken document', () => {
    const broken = JSON.parse(renderSpdx(sampleSbom(), sha256Text)) as Record<string, unknown>;
    broken['SPDXID'] = 'SPDXRef-Document';
    const ajv = new Ajv({ strict: false });
    (ajvFormats.default as unknown as (a: Ajv) => void)(ajv);
    expect(ajv.validate(spdxSchema as object, broken)).toBe(false);
  });

  it('describes the artifact and keeps the dependency edges', () => {
    const doc = JSON.parse(renderSpdx(sampleSbom(), sha256Text)) as {
      packages: {
        SPDXID: string;
        checksums?: unknown[];
        externalRefs: { referenceLocator: string }[];
      }[];
      relationships: {
        spdxElementId: string;
        relationshipType: string;
        relatedSpdxElement: string;
      }[];
    };
    expect(doc.packages[0]?.checksums).toEqual([
      { algorithm: 'SHA256', checksumValue: 'a'.repeat(64) },
    ]);
    const idOf = (purl: string): string | undefined =>
      doc.packages.find((p) => p.externalRefs[0]?.referenceLocator === purl)?.SPDXID;
    expect(doc.relationships).toContainEqual({
      spdxElementId: idOf('pkg:pypi/requests@2.31.0'),
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: idOf('pkg:pypi/charset-normalizer@3.3.2%2Blocal'),
    });
    expect(renderSpdx(sampleSbom(), sha256Text)).toBe(renderSpdx(sampleSbom(), sha256Text));
  });
});
