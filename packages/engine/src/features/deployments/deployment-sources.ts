import { SlipwayError } from '@slipway/core';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Service } from '../catalog/service-record.js';
import type { RegistryService } from '../registry/registry-service.js';
import type { ReleaseRecord } from '../registry/release-record.js';

/**
 * What deployments need of the catalog and the registry. Called outside the deployment
 * transactions only: on SQLite one connection serves everything, and a read through another
 * service while a transaction holds it would wait for itself.
 */
export interface DeploymentSources {
  /** NOT_FOUND when the catalog has no such service. */
  service(name: string): Promise<Service>;
  /** Every catalog service (the fake store's `status` lists them). */
  services(): Promise<readonly Service[]>;
  /** A version, or a `sha256:` digest of one of the service's releases; NOT_FOUND otherwise. */
  releaseForRef(service: string, ref: string): Promise<ReleaseRecord>;
  releaseById(id: string): Promise<ReleaseRecord>;
  /** Where the artifact's bytes are in the blob store, or null when they were not uploaded. */
  artifactPath(digest: string): string | null;
}

export function serviceNotFound(name: string): SlipwayError {
  return new SlipwayError('NOT_FOUND', `no service named ${name} in the catalog`, {
    subject: name,
    hint: 'add it with `slipway service add` or import its catalog-info.yaml',
  });
}

/** The real catalog and registry behind the port. */
export function createDeploymentSources(
  catalog: CatalogService,
  registry: RegistryService,
): DeploymentSources {
  return {
    service: async (name) => {
      const service = await catalog.getService(name);
      if (service === undefined) throw serviceNotFound(name);
      return service;
    },
    services: () => catalog.listServices(),
    releaseForRef: (service, ref) => registry.releaseForRef(service, ref),
    releaseById: (id) => registry.getReleaseById(id),
    artifactPath: (digest) => registry.artifactPath(digest),
  };
}
