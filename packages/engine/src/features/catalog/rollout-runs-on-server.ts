import { isDeepStrictEqual } from 'node:util';
import type { MetricSource, RolloutSpec, TrafficRouterConfig } from '@slipway/core';
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
 * Analysis metrics count too: a Prometheus or judge `address` or a `web` URL makes the server
 * fetch it, so one the stored spec does not already name (anywhere in the service's rollouts)
 * takes the role as well; otherwise a releaser could point the server at internal addresses.
 * An address with `{{args.…}}` placeholders is filled from arguments anywhere in its spec, so
 * any change to a spec that has one takes the role.
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
    if (spec !== undefined && endpointsOf(spec).some((url) => url.includes('{{'))) {
      // An address filled from arguments goes wherever the arguments (the spec's, a step's)
      // say: such a spec changes only with the role, in any part.
      if (!isDeepStrictEqual(spec, before)) return true;
    }
    return (
      router !== undefined && onServer(router) && !isDeepStrictEqual(router, before?.trafficRouter)
    );
  };
  const known = new Set(specsOf(stored).flatMap(endpointsOf));
  if (specsOf(parsed).some((spec) => endpointsOf(spec).some((url) => !known.has(url)))) {
    return true;
  }
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

function specsOf(rollouts: ServiceRollouts | null): RolloutSpec[] {
  if (rollouts === null) return [];
  return [
    ...(rollouts.default === undefined ? [] : [rollouts.default]),
    ...Object.values(rollouts.environments ?? {}),
  ];
}

/** The addresses a spec's analysis makes the server fetch. */
function endpointsOf(spec: RolloutSpec): string[] {
  return (spec.templates ?? []).flatMap((template) =>
    template.metrics.map((metric) => endpointOf(metric.source)),
  );
}

function endpointOf(source: MetricSource): string {
  if ('prometheus' in source) return source.prometheus.address;
  if ('web' in source) return source.web.url;
  return source.judge.address;
}
