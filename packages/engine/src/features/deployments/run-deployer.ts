import type { Deployer, DeployerOutcome } from './deployer.js';
import type { Deployment } from './deployment-record.js';
import type { DeploymentSources } from './deployment-sources.js';

/**
 * Hands a deployment to its deployer with the blob store paths of its uploaded artifacts. A
 * deployer that throws has failed: the deployment is recorded failed, never left in progress.
 */
export async function runDeployer(
  deployer: Deployer,
  sources: Pick<DeploymentSources, 'artifactPath'>,
  deployment: Deployment,
  awaitReport: boolean,
): Promise<DeployerOutcome> {
  const artifactPaths = deployment.digests
    .map((digest) => sources.artifactPath(digest))
    .filter((path): path is string => path !== null);
  try {
    return await deployer.deploy({
      deploymentId: deployment.id,
      action: deployment.action,
      service: deployment.service,
      environment: deployment.environment,
      version: deployment.version,
      digests: deployment.digests,
      artifactPaths,
      awaitReport,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', logs: `the ${deployer.name} deployer failed: ${message}\n` };
  }
}
