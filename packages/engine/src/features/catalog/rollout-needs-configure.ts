import { isDeepStrictEqual } from 'node:util';
import type { MetricSource, RolloutSpec, TrafficRouterConfig } from '@slipway/core';
import { isSlipwayError } from '@slipway/core';
import type { ServiceRollouts } from '../rollouts/service-rollouts.js';
import { parseServiceRollouts } from '../rollouts/service-rollouts.js';

/**
 * Whether a service's `rollout` field, as a request gives it, needs `deployers.configure` (like
 * choosing a deployer), because it makes the server act:
 * - a traffic router that acts on the server itself: a `command` router runs its argv there, an
 *   `nginx` router runs its `reload` argv (default `nginx -s reload`) and rewrites its
 *   `upstreamFile`, a path on the server's disk (a `flag` router only moves a flag);
 * - an analysis metric the server fetches (a Prometheus or judge `address`, a `web` URL) at an
 *   address the stored rollouts do not already name anywhere, or any change to a spec whose
 *   address has `{{args.…}}` placeholders (the arguments decide where it goes); otherwise a
 *   releaser could point the server at internal addresses.
 * With `stored` (the service's current field), what that spec already has, unchanged, does not
 * count: anyone may edit the steps around it. Input the rollout spec parser refuses answers
 * false: the change fails on it anyway.
 */
export function rolloutNeedsConfigure(
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
