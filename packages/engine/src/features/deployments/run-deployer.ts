import type { Deployer, DeployerOutcome, DeployerRequest } from './deployer.js';
import type { Deployment } from './deployment-record.js';
import type { DeploymentSources } from './deployment-sources.js';
import type { DeploymentStep } from './deployment-steps.js';

/**
 * Hands a deployment to its deployer with the blob store paths of its uploaded artifacts: first
 * each step (migrations, or a rollback's down and drain steps), each in a call of its own, then
 * the code. A failed step stops there, before the code changes. A deployer that throws has
 * failed: the deployment is recorded failed, never left in progress.
 */
export async function runDeployer(
  deployer: Deployer,
  sources: Pick<DeploymentSources, 'artifactPath'>,
  deployment: Deployment,
  awaitReport: boolean,
  steps: readonly DeploymentStep[] = [],
): Promise<DeployerOutcome> {
  const request: DeployerRequest = {
    deploymentId: deployment.id,
    action: deployment.action,
    service: deployment.service,
    environment: deployment.environment,
    version: deployment.version,
    digests: deployment.digests,
    artifactPaths: deployment.digests
      .map((digest) => sources.artifactPath(digest))
      .filter((path): path is string => path !== null),
    awaitReport,
    strategy: deployment.strategy,
  };
  let logs = '';
  for (const step of steps) {
    const outcome = await attempt(deployer, { ...request, step });
    logs += `== ${step.kind} ${step.component}: ${step.command}\n${outcome.logs}`;
    if (outcome.status !== 'succeeded') {
      return {
        status: 'failed',
        logs: `${logs}== ${step.kind} ${step.component} did not succeed (${outcome.status}); the code was not deployed\n`,
      };
    }
  }
  const outcome = await attempt(deployer, request);
  return steps.length === 0 ? outcome : { ...outcome, logs: `${logs}== deploy\n${outcome.logs}` };
}

async function attempt(deployer: Deployer, request: DeployerRequest): Promise<DeployerOutcome> {
  try {
    return await deployer.deploy(request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', logs: `the ${deployer.name} deployer failed: ${message}\n` };
  }
}
