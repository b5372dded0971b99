import { createHash } from 'node:crypto';

/** The header a client sends with a mutation it may retry. */
export const idempotencyKeyHeader = 'Idempotency-Key';

/** 1–255 visible ASCII characters (no spaces or control characters). */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** How long a key is remembered; older keys may be purged and then act again. */
export const idempotencyKeyTtlMs = 24 * 60 * 60 * 1000;

/** What identifies one request under a key: who sent it, and what it asked for. */
export interface IdempotentRequest {
  /** The caller the key belongs to (the token id): keys of different callers never meet. */
  readonly scope: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  /** sha256 (hex) of the request body; see fingerprintOf. */
  readonly fingerprint: string;
}

/** A key as stored: the request it was first used for and, once answered, the answer. */
export interface IdempotencyRecord extends IdempotentRequest {
  /** Null while the first request runs, or when it never finished (the process died). */
  readonly status: number | null;
  /** The answer's body as sent (JSON text). */
  readonly response: string | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
}

/**
 * What a request with a key may do. Returned as data: the HTTP layer decides the statuses.
 * - `reserved`: the key is new; run the request, then complete or release it.
 * - `replay`: the key was answered before; send that answer again without acting.
 * - `in-progress`: the first request with this key has not answered (still running, or crashed).
 * - `mismatch`: the key was used for a different request (method, path or body).
 */
export type IdempotencyClaim =
  | { readonly outcome: 'reserved' }
  | { readonly outcome: 'replay'; readonly status: number; readonly response: string }
  | { readonly outcome: 'in-progress'; readonly since: string }
  | {
      readonly outcome: 'mismatch';
      readonly method: string;
      readonly path: string;
      readonly since: string;
    };

/** sha256 (hex) of a body's bytes, or of canonical text the caller derived from it. */
export function fingerprintOf(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

export function isIdempotencyKey(value: string): boolean {
  return idempotencyKeyPattern.test(value);
}
