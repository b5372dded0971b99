import { createPublicKey, sign } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity, Verifier } from '@sigstore/verify';
import type { TrustMaterial } from '@sigstore/verify';
import { afterEach, describe, expect, it } from 'vitest';
import { inTotoPayloadType, preAuthEncoding } from '@slipway/core';
import type { DsseEnvelope } from '@slipway/core';
import {
  keyIdOf,
  readPrivateKey,
  readPublicKey,
  signDsse,
  toSigstoreBundle,
  verifyDsseSignature,
  writeKeyPair,
} from '@slipway/engine';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';

const dirs: TempDir[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});
function tempDir(): string {
  const dir = makeTempDir('slipway-keys-');
  dirs.push(dir);
  return dir.path;
}

/** The test vector of the DSSE protocol (secure-systems-lab/dsse, protocol.md, "Test Vectors"). */
const vector = {
  payloadType: 'http://example.com/HelloWorld',
  payload: 'hello world',
  pae: 'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
  x: 46950820868899156662930047687818585632848591499744589407958293238635476079160n,
  y: 5640078356564379163099075877009565129882514886557779369047442380624545832820n,
  envelope: {
    payload: 'aGVsbG8gd29ybGQ=',
    payloadType: 'http://example.com/HelloWorld',
    signatures: [
      {
        sig: 'A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==',
      },
    ],
  } satisfies DsseEnvelope,
};

function base64url(value: bigint): string {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex').toString('base64url');
}

const vectorKey = createPublicKey({
  key: { kty: 'EC', crv: 'P-256', x: base64url(vector.x), y: base64url(vector.y) },
  format: 'jwk',
});

describe('DSSE', () => {
  it('encodes PAE exactly as the specification', () => {
    const pae = preAuthEncoding(vector.payloadType, Buffer.from(vector.payload));
    expect(Buffer.from(pae).toString('utf8')).toBe(vector.pae);
    const multibyte = preAuthEncoding('t', Buffer.from('é'));
    expect(Buffer.from(multibyte).toString('utf8')).toBe('DSSEv1 1 t 2 é');
  });

  it('verifies the specification test vector (raw r‖s signature)', () => {
    expect(verifyDsseSignature(vector.envelope, vectorKey)).toBe(true);
  });

  it('accepts URL-safe base64, as verifiers must', () => {
    const [signature] = vector.envelope.signatures;
    const urlSafe: DsseEnvelope = {
      ...vector.envelope,
      signatures: [{ sig: Buffer.from(signature?.sig ?? '', 'base64').toString('base64url') }],
    };
    expect(verifyDsseSignature(urlSafe, vectorKey)).toBe(true);
  });

  it('rejects the test vector under another payload', () => {
    const other = { ...vector.envelope, payload: Buffer.from('hello world!').toString('base64') };
    expect(verifyDsseSignature(other, vectorKey)).toBe(false);
  });

  for (const type of ['ecdsa-p256', 'ed25519'] as const) {
    it(`signs and verifies with ${type} key files and names the key by its SPKI digest`, () => {
      const dir = tempDir();
      const pair = writeKeyPair(dir, type);
      const privateKey = readPrivateKey(pair.privateKeyPath);
      const publicKey = readPublicKey(pair.publicKeyPath);
      expect(statSync(pair.privateKeyPath).mode & 0o777).toBe(0o600);
      expect(keyIdOf(publicKey)).toBe(pair.keyId);
      const envelope = signDsse(inTotoPayloadType, Buffer.from('{"a":1}'), privateKey);
      expect(envelope.signatures[0]?.keyid).toBe(pair.keyId);
      expect(verifyDsseSignature(envelope, publicKey)).toBe(true);
      const otherKey = readPublicKey(writeKeyPair(join(dir, 'other'), type).publicKeyPath);
      expect(verifyDsseSignature(envelope, otherKey)).toBe(false);
    });
  }

  it('writes DER ECDSA signatures and also accepts raw r‖s from other signers', () => {
    const dir = tempDir();
    const pair = writeKeyPair(dir, 'ecdsa-p256');
    const privateKey = readPrivateKey(pair.privateKeyPath);
    const envelope = signDsse(inTotoPayloadType, Buffer.from('{}'), privateKey);
    const der = Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64');
    expect(der[0]).toBe(0x30);
    const raw = sign('sha256', preAuthEncoding(inTotoPayloadType, Buffer.from('{}')), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    const rawEnvelope = { ...envelope, signatures: [{ sig: raw.toString('base64') }] };
    expect(verifyDsseSignature(rawEnvelope, readPublicKey(pair.publicKeyPath))).toBe(true);
  });

  it('refuses to overwrite an existing key pair', () => {
    const dir = tempDir();
    writeKeyPair(dir);
    expect(() => writeKeyPair(dir)).toThrow(/refusing to overwrite/);
  });
});

describe('Sigstore bundle v0.3', () => {
  for (const type of ['ecdsa-p256', 'ed25519'] as const) {
    it(`verifies with @sigstore/verify given the ${type} public key and thresholds 0`, () => {
      const dir = tempDir();
      const pair = writeKeyPair(dir, type);
      const envelope = signDsse(
        inTotoPayloadType,
        Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}'),
        readPrivateKey(pair.privateKeyPath),
      );
      const bundle = bundleFromJSON(JSON.parse(JSON.stringify(toSigstoreBundle(envelope))));
      const publicKey = readPublicKey(pair.publicKeyPath);
      const trust: TrustMaterial = {
        certificateAuthorities: [],
        timestampAuthorities: [],
        tlogs: [],
        ctlogs: [],
        publicKey: (hint) => {
          if (hint !== pair.keyId) throw new Error(`unknown key ${hint}`);
          return { publicKey, validFor: () => true };
        },
      };
      const verifier = new Verifier(trust, {
        tlogThreshold: 0,
        ctlogThreshold: 0,
        timestampThreshold: 0,
      });
      expect(() => verifier.verify(toSignedEntity(bundle))).not.toThrow();
      const tampered = bundleFromJSON({
        ...JSON.parse(JSON.stringify(toSigstoreBundle(envelope))),
        dsseEnvelope: { ...envelope, payload: Buffer.from('{}').toString('base64') },
      });
      expect(() => verifier.verify(toSignedEntity(tampered))).toThrow();
    });
  }
});
