import { createHash, randomBytes } from 'node:crypto';
import { SlipwayError } from '@slipway/core';

export const tokenPrefix = 'slw_';
/** Characters shown in listings: `slw_` and the first 8 of the random part. */
const displayLength = tokenPrefix.length + 8;
/** A registered secret (SLIPWAY_ADMIN_TOKEN) must be at least this long to be worth hashing. */
const minimumSecretLength = 24;

/** `slw_` + 32 random bytes in base64url: the prefix lets secret scanners recognise it. */
export function newTokenSecret(): string {
  return `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, displayLength);
}

export function checkTokenSecret(secret: string): string {
  if (secret.length < minimumSecretLength || /\s/.test(secret)) {
    throw new SlipwayError(
      'USAGE',
      `a token must be at least ${minimumSecretLength} characters without spaces`,
      { subject: 'token', hint: 'leave SLIPWAY_ADMIN_TOKEN unset to have one generated' },
    );
  }
  return secret;
}
