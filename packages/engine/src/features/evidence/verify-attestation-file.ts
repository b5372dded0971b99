import type { KeyObject } from 'node:crypto';
import type { StatementExpectations } from '@slipway/core';
import type { AttestationVerification } from './verify-attestation.js';
import { verifyAttestation } from './verify-attestation.js';

/**
 * A Sigstore bundle (one JSON document) or an `.intoto.jsonl` file (one envelope a line). In
 * the latter, the line whose statement has the expected predicate type is verified; without
 * one, the first line is, and fails on its predicate type.
 */
export function verifyAttestationFile(
  text: string,
  source: string,
  publicKey: KeyObject,
  expected: StatementExpectations,
): AttestationVerification {
  if (isOneJsonDocument(text)) return verifyAttestation(text, source, publicKey, expected);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const candidate =
    lines.find((line) => predicateTypeOf(line) === expected.predicateType) ?? lines[0];
  return verifyAttestation(candidate ?? text, source, publicKey, expected);
}

/** A Sigstore bundle (pretty-printed or not) parses whole; JSON Lines with several lines do not. */
function isOneJsonDocument(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Read before verification only to choose a line; the chosen line is then fully verified. */
function predicateTypeOf(line: string): unknown {
  try {
    const envelope = JSON.parse(line) as { payload?: unknown };
    if (typeof envelope.payload !== 'string') return undefined;
    return (
      JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
        predicateType?: unknown;
      }
    ).predicateType;
  } catch {
    return undefined;
  }
}
