import type { JsonValue } from '@slipway/core';
import type { Deployment } from '../deployments/deployment-record.js';
import type { DeploymentService } from '../deployments/deployment-service.js';
import type { DeploymentSources } from '../deployments/deployment-sources.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { AlreadyDeployed } from '../deployments/resolve-deployment.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { CheckResult } from '../policy/policy-records.js';
import type { ApprovalService } from './approval-service.js';

/** The ledger actor of deployments the policy starts by itself. */
export const autoDeployActor = 'slipway:auto-deploy';

/** What auto-deploy needs of deployments: their public deploy and history. */
export type AutoDeployTarget = Pick<DeploymentService, 'deploy' | 'history'>;

export interface AutoDeployerOptions {
  readonly sources: DeploymentSources;
  readonly policy: PolicyService;
  readonly approvals: ApprovalService;
  readonly ledger: LedgerService;
}

/** Deployments that are waiting or running: the environment is being deployed already. */
const busy = new Set(['pending', 'in_progress']);

/**
 * Auto-deploy (issue 5: "low-risk services deploy automatically after required checks pass").
 * When a passing check is recorded for a release, the next environment of its lifecycle (the
 * first it has not reached) is evaluated; when the verdict is `allow` and the policy says
 * `autoDeploy` there, the release is deployed as `slipway:auto-deploy`, through the same gate
 * as any deployment, and `deployment.auto` names the checks that let it through. One step per
 * check: reaching production takes a passing check recorded after each earlier environment.
 * The tier defaults apply from the start, with or without a stored policy (ADR 0024).
 */
export class AutoDeployer {
  readonly #options: AutoDeployerOptions;
  #deployments: AutoDeployTarget | undefined;

  constructor(options: AutoDeployerOptions) {
    this.#options = options;
  }

  /** Deployments are built after the gate that this belongs to; they are attached here. */
  connect(deployments: AutoDeployTarget): void {
    this.#deployments = deployments;
  }

  /** Deploys when the check lets the release through to its next environment; never throws. */
  async afterCheck(result: CheckResult): Promise<Deployment | null> {
    const deployments = this.#deployments;
    if (deployments === undefined || result.status !== 'passed') return null;
    const { approvals, sources, ledger } = this.#options;
    let environment: string | undefined;
    try {
      const release = await sources.releaseById(result.releaseId);
      const service = await sources.service(release.service);
      const history = await deployments.history(service.name, { limit: 1_000 });
      const mine = history.filter((deployment) => deployment.releaseId === release.id);
      if (mine.some((deployment) => busy.has(deployment.status))) return null;
      const reached = mine
        .filter((deployment) => deployment.status === 'succeeded')
        .map((deployment) => service.lifecycle.indexOf(deployment.environment));
      environment = service.lifecycle[Math.max(-1, ...reached) + 1];
      if (environment === undefined) return null;
      const evaluation = await approvals.evaluate({
        service: service.name,
        ref: release.version,
        environment,
        requester: autoDeployActor,
      });
      if (evaluation.verdict.decision !== 'allow' || !evaluation.verdict.autoDeploy) return null;
      const deployment = await deployments.deploy(
        { service: service.name, environment, ref: release.version, unlessThere: true },
        { actor: autoDeployActor },
      );
      const latest = new Map(evaluation.checks.map((check) => [check.name, check.status]));
      await ledger.append({
        type: 'deployment.auto',
        subject: `deployment:${deployment.id}`,
        actor: autoDeployActor,
        payload: {
          service: service.name,
          environment,
          version: release.version,
          deploymentId: deployment.id,
          status: deployment.status,
          trigger: { check: result.name, recordedBy: result.recordedBy },
          checks: [...latest].map(([name, status]) => ({ name, status })),
          requiredChecks: [...evaluation.verdict.policy.requiredChecks],
          policyVersion: evaluation.policyVersion,
        },
      });
      return deployment;
    } catch (error) {
      // Another check's auto-deploy got there first: nothing was tried, nothing to record.
      if (error instanceof AlreadyDeployed) return null;
      // A refused deployment has its own `deployment.refused`; this records that it was tried.
      await ledger
        .append({
          type: 'deployment.auto_failed',
          subject: `release:${result.releaseId}`,
          actor: autoDeployActor,
          payload: {
            service: result.service,
            version: result.version,
            environment: environment ?? null,
            trigger: result.name,
            reason: error instanceof Error ? error.message : String(error),
          } satisfies Record<string, JsonValue>,
        })
        .catch(() => undefined);
      return null;
    }
  }
}
