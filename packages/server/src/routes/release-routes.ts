import { z } from 'zod';
import type { ControlPlane, NewRelease } from '@slipway/engine';
import { newReleaseSchema } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import { release, releaseParams, serviceParams } from '../schemas/registry-schemas.js';
import { actAs } from './token-routes.js';

const newReleaseBody = z.strictObject(newReleaseSchema.shape);

export function releaseRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/releases',
      summary:
        'record a release: version, tag, commit, notes, artifacts and how each part rolls back',
      action: 'releases.create',
      target: ({ body }) => ({ service: body.service }),
      body: newReleaseBody,
      status: 201,
      response: release,
      handle: ({ body, token }) =>
        // zod never sets an absent optional key to undefined, as exactOptionalPropertyTypes fears.
        controlPlane.createRelease(body as NewRelease, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/services/:service/releases',
      summary: 'the releases of a service',
      action: 'catalog.read',
      target: ({ params }) => ({ service: params.service }),
      params: serviceParams,
      response: z.array(release),
      handle: ({ params }) => controlPlane.listReleases(params.service),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/services/:service/releases/:version',
      summary: 'one release of a service',
      action: 'catalog.read',
      target: ({ params }) => ({ service: params.service }),
      params: releaseParams,
      response: release,
      handle: ({ params }) => controlPlane.getRelease(params.service, params.version),
    }),
  ];
}
