import type { TokenService } from '@slipway/engine';
import { apiToken, createTokenBody, createdToken, tokenIdParams } from '../api-schemas.js';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';

/** The ledger actor for requests made with a token. */
export function actorOf(token: { readonly id: string }): string {
  return `token:${token.id}`;
}

export function tokenRoutes(tokens: TokenService): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/tokens',
      summary: 'issue an API token; its secret is in this answer only',
      action: 'tokens.manage',
      body: createTokenBody,
      status: 201,
      response: createdToken,
      handle: ({ body, token }) =>
        tokens.createToken({
          role: body.role,
          ...(body.services === undefined ? {} : { services: body.services }),
          ...(body.environments === undefined ? {} : { environments: body.environments }),
          createdBy: actorOf(token),
        }),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/tokens/:id',
      summary: 'revoke an API token',
      action: 'tokens.manage',
      params: tokenIdParams,
      response: apiToken,
      handle: ({ params, token }) => tokens.revokeToken(params.id, actorOf(token)),
    }),
  ];
}
