import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '@slipway/core';
import { evidenceBundleFormat, slsaProvenanceType } from '@slipway/core';
import { sha256Text } from '../render-sbom.js';
import { verifyAttestation } from '../verify-attestation.js';
import { isRecord } from './statement-payloads.js';

export type BundleFailureCode =
  | 'MANIFEST'
  | 'ITEM_MISSING'
  | 'ITEM_DIGEST'
  | 'SIGNATURE'
  | 'SUBJECT_DIGEST'
  | 'PROVENANCE_MISSING'
  | 'STATEMENT';

export interface BundleFailure {
  readonly code: BundleFailureCode;
  /** The item's path in the bundle, or null for the bundle as a whole. */
  readonly item: string | null;
  readonly message: string;
}

export interface BundleVerification {
  readonly ok: boolean;
  readonly manifest: EvidenceManifest | null;
  readonly failures: readonly BundleFailure[];
  /** Items present and intact but stored without a signature. */
  readonly unsigned: readonly string[];
  /** Statements that verified, per artifact: what the bundle proves about each. */
  readonly verified: readonly { readonly artifact: string; readonly predicateType: string }[];
}

/**
 * Offline, with only the public key: every item's bytes hash to the manifest's digest, every
 * signed envelope verifies and names its artifact's digest, and every artifact has a verified
 * SLSA provenance statement.
 */
export function verifyEvidenceBundle(dir: string, publicKey: KeyObject): BundleVerification {
  const manifest = readManifest(dir);
  if (typeof manifest === 'string') {
    return {
      ok: false,
      manifest: null,
      failures: [{ code: 'MANIFEST', item: null, message: manifest }],
      unsigned: [],
      verified: [],
    };
  }
  const failures: BundleFailure[] = [];
  const unsigned: string[] = [];
  const digestOf = new Map(
    manifest.artifacts.map((a) => [a.name, a.digest.replace(/^sha256:/, '')]),
  );
  const verified: { artifact: string; predicateType: string }[] = [];
  for (const item of manifest.items) {
    const path = join(dir, item.path);
    if (!/^blobs\/sha256\/[0-9a-f]{64}$/.test(item.path) || !existsSync(path)) {
      failures.push({
        code: 'ITEM_MISSING',
        item: item.path,
        message: `${item.path} is not in the bundle`,
      });
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (sha256Text(text) !== item.sha256) {
      failures.push({
        code: 'ITEM_DIGEST',
        item: item.path,
        message: `${item.path} does not hash to ${item.sha256}`,
      });
      continue;
    }
    if (!item.signed) {
      unsigned.push(item.path);
      continue;
    }
    const expectedDigest = item.artifact === null ? null : digestOf.get(item.artifact);
    for (const envelopeText of envelopesIn(text)) {
      const predicateType = String(peekPredicateType(envelopeText));
      const result = verifyAttestation(envelopeText, item.path, publicKey, {
        sha256: expectedDigest ?? firstSubjectDigest(envelopeText),
        predicateType,
      });
      for (const failure of result.failures) {
        const code =
          failure.code === 'SIGNATURE' || failure.code === 'SUBJECT_DIGEST'
            ? failure.code
            : 'STATEMENT';
        failures.push({ code, item: item.path, message: `${predicateType}: ${failure.message}` });
      }
      if (result.ok && item.artifact !== null)
        verified.push({ artifact: item.artifact, predicateType });
    }
  }
  for (const artifact of manifest.artifacts) {
    const proven = verified.some(
      (v) => v.artifact === artifact.name && v.predicateType === slsaProvenanceType,
    );
    if (!proven) {
      failures.push({
        code: 'PROVENANCE_MISSING',
        item: null,
        message: `${artifact.name} (${artifact.digest}) has no verified SLSA provenance in the bundle`,
      });
    }
  }
  return { ok: failures.length === 0, manifest, failures, unsigned, verified };
}

function readManifest(dir: string): EvidenceManifest | string {
  const path = join(dir, 'manifest.json');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return `${path} is missing or not JSON`;
  }
  if (
    !isRecord(value) ||
    value['format'] !== evidenceBundleFormat ||
    !Array.isArray(value['items']) ||
    !Array.isArray(value['artifacts'])
  ) {
    return `${path} is not a Slipway evidence manifest (${evidenceBundleFormat})`;
  }
  return value as unknown as EvidenceManifest;
}

/** One JSON document (a Sigstore bundle) or JSON Lines of envelopes. */
function envelopesIn(text: string): string[] {
  try {
    JSON.parse(text);
    return [text];
  } catch {
    return text.split('\n').filter((line) => line.trim() !== '');
  }
}

function decodeStatement(envelopeText: string): Record<string, unknown> {
  try {
    const document: unknown = JSON.parse(envelopeText);
    const envelope =
      isRecord(document) && isRecord(document['dsseEnvelope'])
        ? document['dsseEnvelope']
        : document;
    if (!isRecord(envelope) || typeof envelope['payload'] !== 'string') return {};
    const statement: unknown = JSON.parse(
      Buffer.from(envelope['payload'], 'base64').toString('utf8'),
    );
    return isRecord(statement) ? statement : {};
  } catch {
    return {};
  }
}

function peekPredicateType(envelopeText: string): unknown {
  return decodeStatement(envelopeText)['predicateType'];
}

/** Release-wide statements (deployment records) name their own subjects; the signature covers them. */
function firstSubjectDigest(envelopeText: string): string {
  const subjects = decodeStatement(envelopeText)['subject'];
  const first: unknown = Array.isArray(subjects) ? subjects[0] : undefined;
  const digest =
    isRecord(first) && isRecord(first['digest']) ? first['digest']['sha256'] : undefined;
  return typeof digest === 'string' ? digest : '';
}
