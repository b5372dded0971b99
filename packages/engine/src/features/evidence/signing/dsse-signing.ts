import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { DsseEnvelope } from '@slipway/core';
import { preAuthEncoding } from '@slipway/core';
import { keyIdOf, keyTypeOf } from './signing-keys.js';

/** Signs PAE(payloadType, payload): ECDSA P-256 over SHA-256 with a DER signature, or Ed25519. */
export function signDsse(
  payloadType: string,
  payload: Uint8Array,
  privateKey: KeyObject,
): DsseEnvelope {
  const message = preAuthEncoding(payloadType, payload);
  const signature =
    keyTypeOf(privateKey) === 'ed25519'
      ? sign(null, message, privateKey)
      : sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
  return {
    payloadType,
    payload: Buffer.from(payload).toString('base64'),
    signatures: [{ keyid: keyIdOf(privateKey), sig: signature.toString('base64') }],
  };
}

/**
 * True when any signature verifies over PAE with the key. ECDSA signatures are accepted in DER
 * and, as some signers write them, as raw r‖s (64 bytes for P-256).
 */
export function verifyDsseSignature(envelope: DsseEnvelope, publicKey: KeyObject): boolean {
  const message = preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  const ed25519 = keyTypeOf(publicKey) === 'ed25519';
  return envelope.signatures.some(({ sig }) => {
    const signature = Buffer.from(sig, 'base64');
    if (ed25519) return attempt(() => verify(null, message, publicKey, signature));
    const der = (): boolean =>
      verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature);
    const raw = (): boolean =>
      verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    return attempt(der) || (signature.length === 64 && attempt(raw));
  });
}

/** A signature that is not even well-formed does not verify; that is an answer, not an error. */
function attempt(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
