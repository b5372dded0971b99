import type { Deployer, DeployerOutcome, DeployerRequest } from './deployer.js';

/**
 * Performs nothing: the team's CI system deploys. The deployment is recorded as done, or stays
 * in_progress when the request says CI will report its outcome.
 */
export class RecordDeployer implements Deployer {
  readonly name = 'record';

  deploy(request: DeployerRequest): Promise<DeployerOutcome> {
    const what = `${request.service} ${request.version} to ${request.environment}`;
    return Promise.resolve(
      request.awaitReport === true
        ? {
            status: 'in_progress',
            logs: `recorded ${what}; waiting for CI to report the outcome\n`,
          }
        : {
            status: 'succeeded',
            logs: `recorded ${what} (the record deployer performs nothing)\n`,
          },
    );
  }
}
