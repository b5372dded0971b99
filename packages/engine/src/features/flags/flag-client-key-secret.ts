import { createHash, randomBytes } from 'node:crypto';

/** `slwf_` tells flag client keys from API tokens (`slw_`), for people and secret scanners. */
export const flagClientKeyPrefix = 'slwf_';

export function newFlagClientKeySecret(): string {
  return `${flagClientKeyPrefix}${randomBytes(32).toString('base64url')}`;
}

export function isFlagClientKeySecret(secret: string): boolean {
  return secret.startsWith(flagClientKeyPrefix);
}

export function hashFlagClientKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
