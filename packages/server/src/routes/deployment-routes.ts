import { z } from 'zod';
import type { ControlPlane } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  deployBody,
  deployment,
  deploymentIdParams,
  historyQuery,
  promoteBody,
  rollbackBody,
  rollbackPlan,
  rollbackPlanQuery,
  statusQuery,
  statusReportBody,
  statusView,
} from '../schemas/deployment-schemas.js';
import { serviceParams } from '../schemas/registry-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

const failedToo =
  '; answers 201 with the deployment even when the deployer failed: its status says so';

export function deploymentRoutes(controlPlane: ControlPlane): ApiRoute[] {
  /** Scoped tokens see and report deployments of their services and environments only. */
  const deploymentTarget = async ({ params }: { params: { id: string } }) => {
    const found = await controlPlane.getDeployment(params.id);
    return { service: found.service, env: found.environment };
  };
  return [
    apiRoute({
      method: 'POST',
      url: '/api/deployments',
      summary: `deploy a release (by version or digest) to an environment${failedToo}`,
      action: 'deployments.create',
      extraActions: ({ body }) =>
        body.breakGlass === undefined ? [] : ['deployments.break-glass'],
      target: ({ body }) => ({ service: body.service, env: body.environment }),
      body: deployBody,
      status: 201,
      response: deployment,
      handle: ({ body, token }) => controlPlane.deploy(definedOnly(body), actAs(token)),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/promotions',
      summary: `deploy the exact digests running in one environment to the next${failedToo}`,
      action: 'deployments.create',
      extraActions: ({ body }) =>
        body.breakGlass === undefined ? [] : ['deployments.break-glass'],
      target: ({ body }) => ({ service: body.service, env: body.to }),
      body: promoteBody,
      status: 201,
      response: deployment,
      handle: ({ body, token }) => controlPlane.promote(definedOnly(body), actAs(token)),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/rollbacks',
      summary: `redeploy an environment’s rollback target${failedToo}`,
      action: 'deployments.create',
      target: ({ body }) => ({ service: body.service, env: body.environment }),
      body: rollbackBody,
      status: 201,
      response: deployment,
      handle: ({ body, token }) => controlPlane.rollback(body, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/rollback-plan',
      summary: 'the way back from deploying a release to an environment, before deploying it',
      action: 'catalog.read',
      target: ({ query }) => ({ service: query.service, env: query.environment }),
      query: rollbackPlanQuery,
      response: rollbackPlan,
      handle: ({ query }) => controlPlane.planRollback(definedOnly(query)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/deployments/:id',
      summary: 'one deployment, with its logs and rollback plan',
      action: 'catalog.read',
      target: deploymentTarget,
      params: deploymentIdParams,
      response: deployment,
      handle: ({ params }) => controlPlane.getDeployment(params.id),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/deployments/:id/status',
      summary:
        'report the outcome of a deployment that CI performs (in_progress, succeeded, failed)',
      action: 'deployments.create',
      target: deploymentTarget,
      params: deploymentIdParams,
      body: statusReportBody,
      response: deployment,
      handle: ({ params, body, token }) =>
        controlPlane.reportDeployment(params.id, definedOnly(body), actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/status',
      summary: 'what runs where: per service and environment, version, digests, since, by whom',
      action: 'catalog.read',
      target: ({ query }) => (query.service === undefined ? {} : { service: query.service }),
      query: statusQuery,
      response: statusView,
      handle: ({ query }) => controlPlane.status(definedOnly(query)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/services/:service/deployments',
      summary: 'the deployments of a service, newest first',
      action: 'catalog.read',
      target: ({ params, query }) => ({
        service: params.service,
        ...(query.environment === undefined ? {} : { env: query.environment }),
      }),
      params: serviceParams,
      query: historyQuery,
      response: z.array(deployment),
      handle: ({ params, query }) => controlPlane.history(params.service, definedOnly(query)),
    }),
  ];
}
