import { z } from 'zod';
import type { AccessAction } from '@slipway/core';
import type { ApiToken, ControlPlane, NewService, ServicePatch } from '@slipway/engine';
import { newServiceSchema, rolloutNeedsConfigure, servicePatchSchema } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import { authorize } from '../authenticate-request.js';
import {
  catalogImportBody,
  catalogImportReport,
  service,
  serviceNameParams,
  servicesQuery,
} from '../schemas/catalog-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

// The engine's schemas, strict here: an unknown field in an API request is a mistake to name.
const newServiceBody = z.strictObject(newServiceSchema.shape);
const servicePatchBody = z.strictObject(servicePatchSchema.shape);
// Their output types allow `key: undefined`, which zod never produces for a key that was absent;
// the casts below say so to exactOptionalPropertyTypes.

/** A deployer runs programs on the server: choosing one takes more than editing the catalog. */
function deployerActions(body: { deployer?: unknown }): AccessAction[] {
  return body.deployer === undefined ? [] : ['deployers.configure'];
}

/**
 * So does a rollout spec's command or nginx traffic router (which also writes a file there), and
 * an analysis metric address or URL it does not name yet (the server would fetch it).
 * A change may keep the routers the service has (a releaser editing steps sends them back as
 * they are); adding or changing one needs the role.
 */
async function authorizeRouters(
  controlPlane: ControlPlane,
  token: ApiToken,
  name: string,
  rollout: unknown,
): Promise<void> {
  if (!rolloutNeedsConfigure(rollout)) return;
  const stored = await controlPlane.getService(name);
  if (rolloutNeedsConfigure(rollout, stored.rollout)) {
    authorize(token, 'deployers.configure', { service: name });
  }
}

export function catalogRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/services',
      summary: 'list services, sorted by name',
      action: 'catalog.read',
      query: servicesQuery,
      response: z.array(service),
      handle: ({ query }) => controlPlane.listServices(definedOnly(query)),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/services',
      summary:
        'add a service (setting its deployer, a command or nginx traffic router, or a new metric address needs an admin token)',
      action: 'catalog.write',
      extraActions: ({ body }) =>
        rolloutNeedsConfigure(body.rollout) ? ['deployers.configure'] : deployerActions(body),
      target: ({ body }) => ({ service: body.name }),
      body: newServiceBody,
      status: 201,
      response: service,
      handle: ({ body, token }) => controlPlane.addService(body as NewService, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/services/:name',
      summary: 'one service',
      action: 'catalog.read',
      target: ({ params }) => ({ service: params.name }),
      params: serviceNameParams,
      response: service,
      handle: ({ params }) => controlPlane.getService(params.name),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/api/services/:name',
      summary:
        'change fields of a service (setting its deployer, a command or nginx traffic router, or a new metric address needs an admin token)',
      action: 'catalog.write',
      extraActions: ({ body }) => deployerActions(body),
      target: ({ params }) => ({ service: params.name }),
      params: serviceNameParams,
      body: servicePatchBody,
      response: service,
      handle: async ({ params, body, token }) => {
        await authorizeRouters(controlPlane, token, params.name, body.rollout);
        return controlPlane.updateService(params.name, body as ServicePatch, actAs(token));
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/api/catalog/import',
      summary:
        'import Backstage catalog-info.yaml files; any error applies nothing (see the report)',
      action: 'catalog.write',
      body: catalogImportBody,
      response: catalogImportReport,
      handle: ({ body, token }) => controlPlane.importCatalog(body.files, actAs(token)),
    }),
  ];
}
