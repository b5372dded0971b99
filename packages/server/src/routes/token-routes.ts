import type { ControlPlane } from '@slipway/engine';
import { personEmail } from '@slipway/engine';
import { apiToken, createTokenBody, createdToken, tokenIdParams } from '../api-schemas.js';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import { z } from 'zod';

/**
 * The ledger actor for requests made with a token: `token:<id>`, or for a token issued to a
 * person `ada@example.com (token:<id>)`, which approvals read as the person (see
 * `actorIdentity`), so a person's tokens count once and an author's token cannot approve.
 */
export function actorOf(token: { readonly id: string; readonly person?: string | null }): string {
  const person = token.person ?? null;
  return person === null ? `token:${token.id}` : `${personEmail(person)} (token:${token.id})`;
}

/** What the control plane is told about who acts: the token, as the ledger names it. */
export function actAs(token: { readonly id: string; readonly person?: string | null }): {
  actor: string;
} {
  return { actor: actorOf(token) };
}

export function tokenRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/tokens',
      summary: 'list API tokens (display prefix, role, scope, creator; never a secret)',
      action: 'tokens.manage',
      response: z.array(apiToken),
      handle: () => controlPlane.listTokens(),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/tokens',
      summary: 'issue an API token; its secret is in this answer only',
      action: 'tokens.manage',
      body: createTokenBody,
      status: 201,
      response: createdToken,
      handle: ({ body, token }) =>
        controlPlane.createToken(
          {
            role: body.role,
            ...(body.services === undefined ? {} : { services: body.services }),
            ...(body.environments === undefined ? {} : { environments: body.environments }),
            ...(body.person === undefined ? {} : { person: body.person }),
          },
          actAs(token),
        ),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/tokens/:id',
      summary: 'revoke an API token',
      action: 'tokens.manage',
      params: tokenIdParams,
      response: apiToken,
      handle: ({ params, token }) => controlPlane.revokeToken(params.id, actAs(token)),
    }),
  ];
}
