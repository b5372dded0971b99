import type { RolloutSpecLookup } from '../../adapters/argo/argo-rollouts-deployer.js';
import { rolloutSpecFor } from '../rollouts/service-rollouts.js';
import type { CatalogService } from './catalog-service.js';

/**
 * The rollout spec the catalog declares for a service in an environment (its own, else the
 * service's default), for deployers that render it (`argo-rollouts`); undefined: all at once.
 */
export function catalogRolloutSpec(catalog: Pick<CatalogService, 'getService'>): RolloutSpecLookup {
  return async (service, environment) => {
    const stored = await catalog.getService(service);
    return rolloutSpecFor(stored?.rollout ?? null, environment) ?? undefined;
  };
}
