import { z } from 'zod';
import type { ControlPlane } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  abortRolloutBody,
  emptyRolloutBody,
  promoteRolloutBody,
  rollout,
  rolloutIdParams,
  rolloutQuery,
} from '../schemas/rollout-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

/** Rollouts: what runs progressively where, and manual control of each (every call audited). */
export function rolloutRoutes(controlPlane: ControlPlane): ApiRoute[] {
  const rollouts = () => controlPlane.rollouts;
  /** Scoped tokens see and control rollouts of their services and environments only. */
  const rolloutTarget = async ({ params }: { params: { id: string } }) => {
    const found = await rollouts().getRollout(params.id);
    return { service: found.service, env: found.environment };
  };
  const control = (
    verb: 'retry' | 'pause' | 'resume',
    summary: string,
    act: (id: string, actor: { actor: string }) => Promise<unknown>,
  ) =>
    apiRoute({
      method: 'POST',
      url: `/api/rollouts/:id/${verb}`,
      summary,
      action: 'rollouts.control',
      target: rolloutTarget,
      params: rolloutIdParams,
      body: emptyRolloutBody,
      response: rollout,
      handle: ({ params, token }) => act(params.id, actAs(token)),
    });
  return [
    apiRoute({
      method: 'GET',
      url: '/api/rollouts',
      summary: 'rollouts, newest first, with their analysis runs',
      action: 'rollouts.read',
      target: ({ query }) => ({
        ...(query.service === undefined ? {} : { service: query.service }),
        ...(query.environment === undefined ? {} : { env: query.environment }),
      }),
      query: rolloutQuery,
      response: z.array(rollout),
      handle: ({ query }) => rollouts().listRollouts(definedOnly(query)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/rollouts/:id',
      summary: 'one rollout: step, weight, analysis runs with measurements and judge verdicts',
      action: 'rollouts.read',
      target: rolloutTarget,
      params: rolloutIdParams,
      response: rollout,
      handle: ({ params }) => rollouts().getRollout(params.id),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/rollouts/:id/promote',
      summary: 'end a pause or skip the current step; full: straight to 100%',
      action: 'rollouts.control',
      target: rolloutTarget,
      params: rolloutIdParams,
      body: promoteRolloutBody,
      response: rollout,
      handle: ({ params, body, token }) =>
        rollouts().promoteRollout(params.id, { ...actAs(token), ...definedOnly(body) }),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/rollouts/:id/abort',
      summary:
        'all traffic to stable, deployment failed, the release’s flags restored (or frozen when it rolls forward)',
      action: 'rollouts.control',
      target: rolloutTarget,
      params: rolloutIdParams,
      body: abortRolloutBody,
      response: rollout,
      handle: ({ params, body, token }) =>
        rollouts().abortRollout(params.id, { ...actAs(token), ...definedOnly(body) }),
    }),
    control('retry', 'start an aborted rollout again from its first step', (id, options) =>
      rollouts().retryRollout(id, options),
    ),
    control('pause', 'hold a progressing rollout at its current step', (id, options) =>
      rollouts().pauseRollout(id, options),
    ),
    control('resume', 'let a paused rollout go on', (id, options) =>
      rollouts().resumeRollout(id, options),
    ),
  ];
}
