import type { FastifyRequest } from 'fastify';
import type { AccessAction, AccessTarget } from '@slipway/core';
import { SlipwayError, canPerform } from '@slipway/core';
import type { ApiToken, TokenService } from '@slipway/engine';

/** The bearer token of a request, or a 401 that says what is missing. */
export async function authenticateRequest(
  request: FastifyRequest,
  tokens: TokenService,
): Promise<ApiToken> {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new SlipwayError('UNAUTHENTICATED', 'no token: send Authorization: Bearer <token>');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) {
    throw new SlipwayError(
      'UNAUTHENTICATED',
      'the Authorization header is not of the form Bearer <token>',
    );
  }
  const token = await tokens.authenticate(match[1]);
  if (token === undefined) {
    // Unknown and revoked look alike, so a caller cannot probe which secrets once existed.
    throw new SlipwayError('UNAUTHENTICATED', 'unknown or revoked token');
  }
  return token;
}

/** A 403 naming the role or scope that is missing. */
export function authorize(token: ApiToken, action: AccessAction, target: AccessTarget = {}): void {
  const decision = canPerform(token, action, target);
  if (!decision.allowed) throw new SlipwayError('FORBIDDEN', decision.reason);
}
