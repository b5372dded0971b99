import type { ControlPlane } from '@slipway/engine';
import { imageEventSchema } from '@slipway/engine';
import { ledgerEvent } from '../api-schemas.js';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import { actAs } from './token-routes.js';

/**
 * Images: clients talk to registries themselves; what they do there (an image recorded, a tag
 * written or moved, a promotion) is recorded here before the tag is written (ADR 0021).
 */
export function imageRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/images/events',
      summary:
        'record an image event (image.recorded, image.tagged, image.promoted) with the tags it writes and where they pointed before',
      action: 'artifacts.register',
      // Promoting into an environment is a deployment decision, not a build step.
      extraActions: ({ body }) => (body.type === 'image.promoted' ? ['deployments.create'] : []),
      body: imageEventSchema,
      status: 201,
      response: ledgerEvent,
      handle: ({ body, token }) => controlPlane.images.recordImageEvent(body, actAs(token)),
    }),
  ];
}
