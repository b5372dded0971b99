import type { RollbackPlan } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type {
  DeployRequest,
  Deployment,
  DeploymentOperations,
  HistoryQuery,
  PlanRollbackRequest,
  PromoteRequest,
  RollbackRequest,
  StatusReport,
  StatusView,
} from '@slipway/engine';

/**
 * Deployments in memory, for route tests: every deploy "succeeds" unless its ref is `bad`
 * (then it is recorded failed, as a deployer failure would be). Counts the actions it performed.
 */
export class FakeDeployments implements DeploymentOperations {
  readonly performed: { action: string; actor: string }[] = [];
  readonly #deployments: Deployment[] = [];

  deploy(request: DeployRequest, options: { actor: string }): Promise<Deployment> {
    return this.#record('deploy', request.service, request.environment, request.ref, options, null);
  }

  promote(request: PromoteRequest, options: { actor: string }): Promise<Deployment> {
    const source = this.#latest(request.service, request.from);
    if (source === undefined) {
      throw new SlipwayError('REFUSED', `nothing runs in ${request.from} to promote`);
    }
    return this.#record(
      'promote',
      request.service,
      request.to,
      source.version,
      options,
      request.from,
    );
  }

  rollback(request: RollbackRequest, options: { actor: string }): Promise<Deployment> {
    return this.#record('rollback', request.service, request.environment, '0.9.0', options, null);
  }

  planRollback(request: PlanRollbackRequest): Promise<RollbackPlan> {
    return Promise.resolve(planOf(request.service, request.environment));
  }

  reportStatus(id: string, report: StatusReport, options: { actor: string }): Promise<Deployment> {
    const index = this.#deployments.findIndex((deployment) => deployment.id === id);
    const found = this.#deployments[index];
    if (found === undefined) throw new SlipwayError('NOT_FOUND', `no deployment ${id}`);
    this.performed.push({ action: `report:${report.status}`, actor: options.actor });
    const updated = { ...found, status: report.status, logs: found.logs + (report.log ?? '') };
    this.#deployments[index] = updated;
    return Promise.resolve(updated);
  }

  getDeployment(id: string): Promise<Deployment> {
    const found = this.#deployments.find((deployment) => deployment.id === id);
    if (found === undefined) {
      return Promise.reject(new SlipwayError('NOT_FOUND', `no deployment ${id}`));
    }
    return Promise.resolve(found);
  }

  status(query: { service?: string } = {}): Promise<StatusView> {
    const names = [...new Set(this.#deployments.map((deployment) => deployment.service))]
      .filter((name) => query.service === undefined || name === query.service)
      .sort();
    return Promise.resolve({
      services: names.map((name) => ({
        name,
        environments: Object.fromEntries(
          this.#deployments
            .filter((deployment) => deployment.service === name)
            .map((deployment) => [
              deployment.environment,
              {
                version: deployment.version,
                digests: deployment.digests,
                deployedAt: deployment.createdAt,
                actor: deployment.actor,
              },
            ]),
        ),
      })),
    });
  }

  history(service: string, query: HistoryQuery = {}): Promise<Deployment[]> {
    return Promise.resolve(
      this.#deployments
        .filter(
          (deployment) =>
            deployment.service === service &&
            (query.environment === undefined || deployment.environment === query.environment),
        )
        .reverse()
        .slice(0, query.limit ?? 50),
    );
  }

  #latest(service: string, environment: string): Deployment | undefined {
    return this.#deployments.findLast(
      (deployment) => deployment.service === service && deployment.environment === environment,
    );
  }

  #record(
    action: Deployment['action'],
    service: string,
    environment: string,
    version: string,
    options: { actor: string },
    sourceEnvironment: string | null,
  ): Promise<Deployment> {
    this.performed.push({ action, actor: options.actor });
    const time = new Date().toISOString();
    const deployment: Deployment = {
      id: `d${this.#deployments.length + 1}`,
      service,
      environment,
      releaseId: `r-${version}`,
      version,
      digests: [`sha256:${'a'.repeat(64)}`],
      action,
      sourceEnvironment,
      strategy: 'all-at-once',
      deployer: 'record',
      status: version === 'bad' ? 'failed' : 'succeeded',
      actor: options.actor,
      createdAt: time,
      updatedAt: time,
      finishedAt: time,
      logs: version === 'bad' ? 'exit status 1' : '',
      rollbackTarget: null,
      rollbackCommand: null,
      rollbackPlan: planOf(service, environment),
    };
    this.#deployments.push(deployment);
    return Promise.resolve(deployment);
  }
}

function planOf(service: string, environment: string): RollbackPlan {
  return {
    service,
    environment,
    kind: 'none',
    target: null,
    steps: [],
    command: null,
    notes: ['first deployment'],
  };
}
