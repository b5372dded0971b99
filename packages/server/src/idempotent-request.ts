import type { FastifyReply, FastifyRequest } from 'fastify';
import { SlipwayError, canonicalJson } from '@slipway/core';
import type { IdempotencyService, IdempotentRequest } from '@slipway/engine';
import { fingerprintOf, idempotencyKeyHeader, isIdempotencyKey } from '@slipway/engine';
import { errorBody } from './error-status.js';

/** The request's Idempotency-Key, or undefined; a malformed key is a 400 naming the header. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIdempotencyKey(value)) {
    throw new SlipwayError(
      'USAGE',
      `${idempotencyKeyHeader} header: must be one key of 1 to 255 visible ASCII characters`,
      { subject: idempotencyKeyHeader },
    );
  }
  return value;
}

/**
 * What identifies the request under its key. JSON bodies are fingerprinted in canonical form
 * (key order does not matter); a streamed upload by its path alone, which names the digest the
 * bytes must hash to.
 */
export function idempotentRequest(
  request: FastifyRequest,
  scope: string,
  key: string,
  streamed: boolean,
): IdempotentRequest {
  const body = streamed ? '' : canonicalJson(request.body ?? null);
  return {
    scope,
    key,
    method: request.method,
    path: request.url,
    fingerprint: fingerprintOf(body),
  };
}

/**
 * Claims the key before the handler runs. Returns true when the handler may run; otherwise the
 * reply was sent (a replayed answer, or why the key cannot be used now).
 */
export async function claimOrAnswer(
  keys: IdempotencyService,
  idempotent: IdempotentRequest,
  reply: FastifyReply,
): Promise<boolean> {
  const claim = await keys.claim(idempotent);
  switch (claim.outcome) {
    case 'reserved':
      return true;
    case 'replay':
      await reply
        .status(claim.status)
        .header('idempotent-replayed', 'true')
        .type('application/json; charset=utf-8')
        .send(claim.response);
      return false;
    case 'in-progress':
      throw new SlipwayError(
        'CONFLICT',
        `${idempotencyKeyHeader} ${idempotent.key}: the first request with this key (since ${claim.since}) has not finished; retry later, or with a new key if it never will`,
        { subject: idempotencyKeyHeader },
      );
    case 'mismatch': {
      const error = new SlipwayError(
        'CONFLICT',
        `${idempotencyKeyHeader} ${idempotent.key} was used (since ${claim.since}) for ${claim.method} ${claim.path} with another body; use a new key for a new request`,
        { subject: idempotencyKeyHeader },
      );
      // 422, not 409: retrying this request as it is will never succeed.
      await reply.status(422).send(errorBody(error));
      return false;
    }
  }
}
