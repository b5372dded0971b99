import { z } from 'zod';
import type { ControlPlane } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  checkParams,
  checkResult,
  newCheckBody,
  policyCheckQuery,
  policyDocument,
  policyEvaluation,
  storedPolicy,
} from '../schemas/policy-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

export function policyRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/policy',
      summary: 'the policy in force (version 0: none stored, the lifecycle rules alone apply)',
      action: 'catalog.read',
      response: storedPolicy,
      handle: () => controlPlane.getPolicy(),
    }),
    apiRoute({
      method: 'PUT',
      url: '/api/policy',
      summary: 'store a new version of the policy: overrides on top of the per-tier defaults',
      action: 'policy.configure',
      body: policyDocument,
      response: storedPolicy,
      handle: ({ body, token }) => controlPlane.setPolicy(body, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/policy/check',
      summary:
        'the verdict a deployment would get now (allow, needs_approval, deny) with every unmet rule',
      action: 'catalog.read',
      target: ({ query }) => ({ service: query.service, env: query.environment }),
      query: policyCheckQuery,
      response: policyEvaluation,
      handle: ({ query, token }) =>
        controlPlane.checkPolicy({ ...definedOnly(query), requester: actAs(token).actor }),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/services/:service/releases/:ref/checks',
      summary: 'record a check result (tests, security scan, provenance, SBOM…) for a release',
      action: 'checks.record',
      target: ({ params }) => ({ service: params.service }),
      params: checkParams,
      body: newCheckBody,
      status: 201,
      response: checkResult,
      handle: ({ params, body, token }) =>
        controlPlane.addCheckResult(
          { service: params.service, ref: params.ref, ...definedOnly(body) },
          actAs(token),
        ),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/services/:service/releases/:ref/checks',
      summary: 'the check results of a release, oldest first',
      action: 'catalog.read',
      target: ({ params }) => ({ service: params.service }),
      params: checkParams,
      response: z.array(checkResult),
      handle: ({ params }) => controlPlane.listCheckResults(params.service, params.ref),
    }),
  ];
}
