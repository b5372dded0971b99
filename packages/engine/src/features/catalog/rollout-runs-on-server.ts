import { isDeepStrictEqual } from 'node:util';
import type { RolloutSpec, TrafficRouterConfig } from '@slipway/core';
import { isSlipwayError } from '@slipway/core';
import type { ServiceRollouts } from '../rollouts/service-rollouts.js';
import { parseServiceRollouts } from '../rollouts/service-rollouts.js';

/**
 * Whether a service's `rollout` field, as a request gives it, sets a traffic router that acts on
 * the server itself: a `command` router runs its argv there, an `nginx` router runs its `reload`
 * argv (default `nginx -s reload`) and rewrites its `upstreamFile`, a path on the server's disk.
 * Setting or changing one, like choosing a deployer, takes `deployers.configure`; a `flag`
 * router only moves a flag. With `stored` (the service's current field), a router that spec
 * already has, unchanged, does not count: anyone may edit the steps around it.
 * Input the rollout spec parser refuses answers false: the change fails on it anyway.
 */
export function rolloutRunsOnServer(
  rollout: unknown,
  stored: ServiceRollouts | null = null,
): boolean {
  if (rollout === undefined || rollout === null) return false;
  let parsed: ServiceRollouts;
  try {
    parsed = parseServiceRollouts(rollout);
  } catch (error) {
    if (isSlipwayError(error)) return false;
    throw error;
  }
  const changed = (spec: RolloutSpec | undefined, before: RolloutSpec | undefined): boolean => {
    const router = spec?.trafficRouter;
    return (
      router !== undefined && onServer(router) && !isDeepStrictEqual(router, before?.trafficRouter)
    );
  };
  return (
    changed(parsed.default, stored?.default) ||
    Object.entries(parsed.environments ?? {}).some(([name, spec]) =>
      changed(spec, stored?.environments?.[name]),
    )
  );
}

function onServer(router: TrafficRouterConfig): boolean {
  return router.kind === 'command' || router.kind === 'nginx';
}
