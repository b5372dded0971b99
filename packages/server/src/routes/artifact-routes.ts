import { z } from 'zod';
import { SlipwayError } from '@slipway/core';
import type { ControlPlane } from '@slipway/engine';
import { newArtifactSchema } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import { artifact, artifactsQuery, digestParams, uploadBody } from '../schemas/registry-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

const newArtifactBody = z.strictObject(newArtifactSchema.shape);

export function artifactRoutes(controlPlane: ControlPlane): ApiRoute[] {
  /** Scoped tokens act on an artifact of their service only. */
  const serviceOf = async ({ params }: { params: { digest: string } }) => {
    const service = (await controlPlane.getArtifact(params.digest)).service;
    return service === null ? {} : { service };
  };
  return [
    apiRoute({
      method: 'POST',
      url: '/api/artifacts',
      summary: 'register an artifact by digest; the same digest with the same labels is a no-op',
      action: 'artifacts.register',
      target: ({ body }) => (body.service == null ? {} : { service: body.service }),
      body: newArtifactBody,
      status: 201,
      response: artifact,
      handle: ({ body, token }) => controlPlane.registerArtifact(definedOnly(body), actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/artifacts',
      summary: 'list artifacts, by service and version',
      action: 'catalog.read',
      target: ({ query }) => (query.service === undefined ? {} : { service: query.service }),
      query: artifactsQuery,
      response: z.array(artifact),
      handle: ({ query }) => controlPlane.listArtifacts(definedOnly(query)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/artifacts/:digest',
      summary: 'one artifact',
      action: 'catalog.read',
      target: serviceOf,
      params: digestParams,
      response: artifact,
      handle: ({ params }) => controlPlane.getArtifact(params.digest),
    }),
    apiRoute({
      method: 'PUT',
      url: '/api/artifacts/:digest/content',
      summary:
        'upload a registered artifact’s bytes (application/octet-stream, streamed, size-limited: 413); bytes that do not hash to the digest are refused (422) and nothing is stored',
      action: 'artifacts.register',
      target: serviceOf,
      params: digestParams,
      body: uploadBody,
      upload: true,
      response: artifact,
      handle: ({ params, stream, token }) => {
        if (stream === undefined) throw new SlipwayError('INTERNAL', 'upload without a body');
        return controlPlane.uploadArtifact(params.digest, stream, actAs(token));
      },
    }),
  ];
}
