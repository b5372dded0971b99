import type { FastifyInstance } from 'fastify';
import type { ApiToken, TokenService } from '@slipway/engine';
import { authenticateRequest } from '../authenticate-request.js';
import type { PlainRouteDoc } from '../openapi-document.js';
import type { Whoami } from '../schemas/whoami-schemas.js';
import { whoami } from '../schemas/whoami-schemas.js';
import { actorOf } from './token-routes.js';

export const whoamiUrl = '/api/whoami';

/** How the OpenAPI document describes it (any valid token; no action, no scope). */
export const whoamiDoc: PlainRouteDoc = {
  method: 'GET',
  url: whoamiUrl,
  summary: "the calling token's actor, role, scope and id (any valid token)",
  response: whoami,
};

/** The calling token's identity and grant, as `GET /api/whoami` answers it. */
export function whoamiOf(token: ApiToken): Whoami {
  return whoami.parse({
    actor: actorOf(token),
    role: token.role,
    services: token.services,
    environments: token.environments,
    tokenId: token.id,
  });
}

/**
 * `GET /api/whoami`: any valid token may ask who it is (401 without one). Not a route-as-data
 * `ApiRoute`, because those check the token's service and environment scope against the request,
 * and a question about the token itself names no service: a scoped token must get its answer too.
 * The dashboard reads its role and ledger actor here.
 */
export function registerWhoamiRoute(app: FastifyInstance, tokens: TokenService): void {
  app.get(whoamiUrl, async (request) => whoamiOf(await authenticateRequest(request, tokens)));
}
