import type { KeyObject } from 'node:crypto';
import type { DsseEnvelope, StatementExpectations, VerificationFailure } from '@slipway/core';
import { checkStatement, inTotoPayloadType, isSlipwayError } from '@slipway/core';
import { verifyDsseSignature } from './signing/dsse-signing.js';
import { envelopeFromJson } from './signing/sigstore-bundle.js';

export interface AttestationVerification {
  readonly ok: boolean;
  readonly failures: readonly VerificationFailure[];
  /** The decoded statement, when the payload was JSON (also when it failed other checks). */
  readonly statement: unknown;
}

/**
 * Offline verification with only a public key: the envelope's signature over PAE, the payload
 * type, then the statement against the expectations. Every failing check is reported; an
 * unsigned statement's claims are still checked so the user sees what else is wrong with it.
 */
export function verifyAttestation(
  envelopeJson: string,
  source: string,
  publicKey: KeyObject,
  expected: StatementExpectations,
): AttestationVerification {
  let envelope: DsseEnvelope;
  try {
    envelope = envelopeFromJson(envelopeJson, source);
  } catch (error) {
    const message = isSlipwayError(error) ? error.message : String(error);
    return { ok: false, failures: [{ code: 'ENVELOPE_MALFORMED', message }], statement: null };
  }
  const failures: VerificationFailure[] = [];
  if (envelope.payloadType !== inTotoPayloadType) {
    failures.push({
      code: 'PAYLOAD_TYPE',
      message: `payloadType is ${envelope.payloadType}, expected ${inTotoPayloadType}`,
    });
  }
  if (!verifyDsseSignature(envelope, publicKey)) {
    failures.push({
      code: 'SIGNATURE',
      message: 'no signature verifies over the payload with the given public key',
    });
  }
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    failures.push({ code: 'PAYLOAD_MALFORMED', message: 'the payload is not JSON' });
    return { ok: false, failures, statement: null };
  }
  failures.push(...checkStatement(statement, expected));
  return { ok: failures.length === 0, failures, statement };
}
