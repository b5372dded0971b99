import type { TrafficRouterConfig } from '@slipway/core';
import { isSlipwayError } from '@slipway/core';
import type { ServiceRollouts } from '../rollouts/service-rollouts.js';
import { parseServiceRollouts } from '../rollouts/service-rollouts.js';

/**
 * Whether a service's `rollout` field, as a request gives it, names a traffic router that acts
 * on the server itself: a `command` router runs its argv there, an `nginx` router runs its
 * `reload` argv (default `nginx -s reload`) and rewrites its `upstreamFile`, a path on the
 * server's disk. Setting such a spec, like choosing a deployer, takes `deployers.configure`;
 * a `flag` router only moves a flag. Input the rollout spec parser refuses answers false: the
 * change fails on it anyway, with the parser's message.
 */
export function rolloutRunsOnServer(rollout: unknown): boolean {
  if (rollout === undefined || rollout === null) return false;
  let parsed: ServiceRollouts;
  try {
    parsed = parseServiceRollouts(rollout);
  } catch (error) {
    if (isSlipwayError(error)) return false;
    throw error;
  }
  const specs = [parsed.default, ...Object.values(parsed.environments ?? {})];
  return specs.some((spec) => spec?.trafficRouter !== undefined && onServer(spec.trafficRouter));
}

function onServer(router: TrafficRouterConfig): boolean {
  return router.kind === 'command' || router.kind === 'nginx';
}
