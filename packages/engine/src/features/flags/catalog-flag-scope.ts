import { SlipwayError } from '@slipway/core';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { FlagScope } from './flag-record.js';

/** Flags belong to a catalog service and one of the environments of its lifecycle. */
export function catalogFlagScope(catalog: CatalogService): (scope: FlagScope) => Promise<void> {
  return async (scope) => {
    const service = await catalog.getService(scope.service);
    if (service === undefined) {
      throw new SlipwayError('NOT_FOUND', `no service named ${scope.service}`, {
        subject: 'service',
        hint: 'add it first: slipway service add',
      });
    }
    if (!service.lifecycle.includes(scope.env)) {
      throw new SlipwayError(
        'USAGE',
        `environment ${scope.env} is not in the lifecycle of ${scope.service} (${service.lifecycle.join(', ')})`,
        { subject: 'env' },
      );
    }
  };
}
