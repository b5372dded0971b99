import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/core';

/** The key types Slipway signs with: what DSSE verifiers and Sigstore accept without a CA. */
export const signingKeyTypes = ['ecdsa-p256', 'ed25519'] as const;
export type SigningKeyType = (typeof signingKeyTypes)[number];

export const privateKeyFileName = 'slipway.key';
export const publicKeyFileName = 'slipway.pub';

/** The key id: sha256 of the public key's DER SubjectPublicKeyInfo, hex, as cosign and in-toto do. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function keyTypeOf(key: KeyObject): SigningKeyType {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ecdsa-p256';
  }
  throw new SlipwayError(
    'USAGE',
    `key type ${key.asymmetricKeyType ?? 'unknown'} ${key.asymmetricKeyDetails?.namedCurve ?? ''} is not supported (use ECDSA P-256 or Ed25519)`.replace(
      /\s+\(/,
      ' (',
    ),
  );
}

export interface WrittenKeyPair {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly keyId: string;
  readonly type: SigningKeyType;
}

/**
 * Writes `slipway.key` (PKCS#8 PEM, mode 0600) and `slipway.pub` (SPKI PEM). Refuses to
 * overwrite either: a replaced key silently orphans every signature made with the old one.
 */
export function writeKeyPair(dir: string, type: SigningKeyType = 'ecdsa-p256'): WrittenKeyPair {
  const privateKeyPath = join(dir, privateKeyFileName);
  const publicKeyPath = join(dir, publicKeyFileName);
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (existsSync(path)) {
      throw new SlipwayError('CONFLICT', `${path} exists; refusing to overwrite a key`, {
        subject: path,
        hint: 'choose another --out directory, or remove the old pair yourself',
      });
    }
  }
  const pair =
    type === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  mkdirSync(dir, { recursive: true });
  writeFileSync(privateKeyPath, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  writeFileSync(publicKeyPath, pair.publicKey.export({ type: 'spki', format: 'pem' }), {
    flag: 'wx',
  });
  return { privateKeyPath, publicKeyPath, keyId: keyIdOf(pair.publicKey), type };
}

export function readPrivateKey(path: string): KeyObject {
  const key = readKey(path, (text) => createPrivateKey(text));
  keyTypeOf(key);
  return key;
}

/** A public key file, or the public half of a private key file (so either may be given). */
export function readPublicKey(path: string): KeyObject {
  const key = readKey(path, (text) => createPublicKey(text));
  keyTypeOf(key);
  return key;
}

function readKey(path: string, parse: (text: string) => KeyObject): KeyObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('USAGE', `cannot read key file ${path}`, {
      subject: path,
      cause: error,
    });
  }
  try {
    return parse(text);
  } catch (error) {
    throw new SlipwayError('USAGE', `${path} is not a PEM key Slipway can use`, {
      subject: path,
      cause: error,
      hint: 'create one with: slipway keys generate --out <dir>',
    });
  }
}
