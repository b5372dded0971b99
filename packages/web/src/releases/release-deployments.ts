import type { Deployment, Release } from '../api/api-types.js';

export interface EnvironmentDeployments {
  readonly environment: string;
  /** Oldest first. */
  readonly deployments: readonly Deployment[];
}

/**
 * The deployments of one release grouped by environment in lifecycle order (environments outside
 * the lifecycle last), each oldest first, so the page reads as the release's way to production.
 */
export function releaseDeployments(
  release: Release,
  deployments: readonly Deployment[],
  lifecycle: readonly string[],
): EnvironmentDeployments[] {
  const ofRelease = deployments
    .filter((deployment) => deployment.releaseId === release.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const environments = [...lifecycle];
  for (const deployment of ofRelease) {
    if (!environments.includes(deployment.environment)) environments.push(deployment.environment);
  }
  return environments.map((environment) => ({
    environment,
    deployments: ofRelease.filter((deployment) => deployment.environment === environment),
  }));
}
