import { z } from 'zod';
import type { ControlPlane, FlagPatch } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  createdFlagClientKey,
  flagClientKey,
  flagClientKeyBody,
  flagClientKeyParams,
  flagFileBody,
  flagImportReport,
  flagParams,
  flagPatchBody,
  flagRamp,
  flagRampParams,
  rampBody,
  staleFlag,
  staleFlagsParams,
  staleFlagsQuery,
  flagScopeParams,
  flagSetExport,
  flagVersion,
  rolloutBody,
  storedFlag,
} from '../schemas/flag-schemas.js';
import { actAs } from './token-routes.js';

const scopeOf = (params: { service: string; env: string }) => ({
  service: params.service,
  env: params.env,
});
const flagTarget = ({ params }: { params: { service: string; env: string } }) => ({
  service: params.service,
  env: params.env,
});

/** Flags of one service and environment: read, change (versioned, audited), import, export. */
export function flagRoutes(controlPlane: ControlPlane): ApiRoute[] {
  const base = '/api/services/:service/environments/:env';
  return [
    apiRoute({
      method: 'GET',
      url: `${base}/flags`,
      summary: 'list the flags of a service in one environment, by key',
      action: 'flags.read',
      target: flagTarget,
      params: flagScopeParams,
      response: z.array(storedFlag),
      handle: ({ params }) => controlPlane.flags.listFlags(scopeOf(params)),
    }),
    apiRoute({
      method: 'GET',
      url: `${base}/flags/:key`,
      summary: 'one flag at its current version',
      action: 'flags.read',
      target: flagTarget,
      params: flagParams,
      response: storedFlag,
      handle: ({ params }) => controlPlane.flags.getFlag(scopeOf(params), params.key),
    }),
    apiRoute({
      method: 'GET',
      url: `${base}/flags/:key/versions`,
      summary: 'every version of a flag, oldest first, with actor and cause',
      action: 'flags.read',
      target: flagTarget,
      params: flagParams,
      response: z.array(flagVersion),
      handle: ({ params }) => controlPlane.flags.flagHistory(scopeOf(params), params.key),
    }),
    apiRoute({
      method: 'PATCH',
      url: `${base}/flags/:key`,
      summary: 'create or change a flag (validated against the flagd schemas); a new version',
      action: 'flags.write',
      target: flagTarget,
      params: flagParams,
      body: flagPatchBody,
      response: storedFlag,
      handle: ({ params, body, token }) =>
        controlPlane.flags.setFlag(scopeOf(params), params.key, patchOf(body), actAs(token)),
    }),
    apiRoute({
      method: 'POST',
      url: `${base}/flags/:key/kill`,
      summary: 'disable a flag at once (state DISABLED: every client gets its code default)',
      action: 'flags.write',
      target: flagTarget,
      params: flagParams,
      body: z.strictObject({}),
      response: storedFlag,
      handle: ({ params, token }) =>
        controlPlane.flags.killFlag(scopeOf(params), params.key, actAs(token)),
    }),
    apiRoute({
      method: 'POST',
      url: `${base}/flags/:key/rollout`,
      summary: 'move the sticky split between the default and the new variant to a percentage',
      action: 'flags.write',
      target: flagTarget,
      params: flagParams,
      body: rolloutBody,
      response: storedFlag,
      handle: ({ params, body, token }) =>
        controlPlane.flags.rolloutFlag(
          scopeOf(params),
          params.key,
          body.variant === undefined
            ? { percent: body.percent }
            : { percent: body.percent, variant: body.variant },
          actAs(token),
        ),
    }),
    apiRoute({
      method: 'POST',
      url: `${base}/flags/:key/ramps`,
      summary: 'schedule a rollout the server moves at the given times (kept across restarts)',
      action: 'flags.write',
      target: flagTarget,
      params: flagParams,
      body: rampBody,
      status: 201,
      response: flagRamp,
      handle: ({ params, body, token }) =>
        controlPlane.flags.scheduleRamp(scopeOf(params), params.key, body, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: `${base}/flag-ramps`,
      summary: 'scheduled rollouts of an environment, newest first',
      action: 'flags.read',
      target: flagTarget,
      params: flagScopeParams,
      response: z.array(flagRamp),
      handle: ({ params }) => controlPlane.flags.listRamps(scopeOf(params)),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/flag-ramps/:id',
      summary: 'cancel a scheduled rollout; the flag stays at the step it reached',
      action: 'flags.write',
      params: flagRampParams,
      response: flagRamp,
      handle: ({ params, token }) => controlPlane.flags.cancelRamp(params.id, actAs(token)),
    }),
    apiRoute({
      method: 'PUT',
      url: `${base}/flag-file`,
      summary: 'import a flagd flag file: validated whole first, an invalid one changes nothing',
      action: 'flags.write',
      target: flagTarget,
      params: flagScopeParams,
      body: flagFileBody,
      response: flagImportReport,
      handle: ({ params, body, token }) =>
        controlPlane.flags.importFlags(scopeOf(params), body, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: `${base}/flag-file`,
      summary: 'the environment’s flags as a flagd flag file, with revision and ETag',
      action: 'flags.read',
      target: flagTarget,
      params: flagScopeParams,
      response: flagSetExport,
      handle: ({ params }) => controlPlane.flags.exportFlags(scopeOf(params)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/services/:service/stale-flags',
      summary: 'flags serving one variant in every environment, unchanged for `days` days',
      action: 'flags.read',
      target: ({ params }) => ({ service: params.service }),
      params: staleFlagsParams,
      query: staleFlagsQuery,
      response: z.array(staleFlag),
      handle: ({ params, query }) => controlPlane.flags.staleFlags(params.service, query.days),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/flag-client-keys',
      summary: 'list OFREP client keys (never their secrets)',
      action: 'flags.keys',
      response: z.array(flagClientKey),
      handle: () => controlPlane.flags.listClientKeys(),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/flag-client-keys',
      summary: 'issue an OFREP client key for one service and environment; secret shown once',
      action: 'flags.keys',
      target: ({ body }) => ({ service: body.service, env: body.env }),
      body: flagClientKeyBody,
      status: 201,
      response: createdFlagClientKey,
      handle: ({ body, token }) =>
        controlPlane.flags.createClientKey({ service: body.service, env: body.env }, actAs(token)),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/api/flag-client-keys/:id',
      summary: 'revoke an OFREP client key',
      action: 'flags.keys',
      params: flagClientKeyParams,
      response: flagClientKey,
      handle: ({ params, token }) => controlPlane.flags.revokeClientKey(params.id, actAs(token)),
    }),
  ];
}

/** zod gives optional keys as present-but-undefined; the engine's patch leaves them out. */
function patchOf(body: z.output<typeof flagPatchBody>): FlagPatch {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as FlagPatch;
}
