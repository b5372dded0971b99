import type { JsonValue } from '@slipway/core';
import type { Deployment } from '../deployments/deployment-record.js';
import type { DeploymentService } from '../deployments/deployment-service.js';
import type { DeploymentSources } from '../deployments/deployment-sources.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { AlreadyDeployed } from '../deployments/resolve-deployment.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { CheckResult } from '../policy/policy-records.js';
import type { ChangeRequest } from './approval-records.js';
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
    const { sources } = this.#options;
    const attempt: Attempt = {
      service: result.service,
      version: result.version,
      releaseId: result.releaseId,
      environment: null,
      trigger: { check: result.name, recordedBy: result.recordedBy },
      requestId: null,
    };
    return this.#guarded(attempt, async () => {
      const release = await sources.releaseById(result.releaseId);
      const service = await sources.service(release.service);
      const history = await deployments.history(service.name, { limit: 1_000 });
      const mine = history.filter((deployment) => deployment.releaseId === release.id);
      if (mine.some((deployment) => busy.has(deployment.status))) return null;
      const reached = mine
        .filter((deployment) => deployment.status === 'succeeded')
        .map((deployment) => service.lifecycle.indexOf(deployment.environment));
      const environment = service.lifecycle[Math.max(-1, ...reached) + 1];
      if (environment === undefined) return null;
      return this.#deployIfAllowed(deployments, { ...attempt, environment });
    });
  }

  /**
   * The approval that completes a change request lets it proceed by itself where the policy
   * says `autoDeploy` ("deploy as soon as the policy allows"): the request is deployed as
   * `slipway:auto-deploy`, through the gate, which counts the approvals and marks it deployed.
   * Elsewhere it waits for `slipway deploy --request`. Never throws: the approval stands.
   */
  async afterApproval(request: ChangeRequest): Promise<Deployment | null> {
    const deployments = this.#deployments;
    if (deployments === undefined || request.status !== 'approved') return null;
    const attempt = {
      service: request.service,
      version: request.version,
      releaseId: request.releaseId,
      environment: request.environment,
      trigger: { changeRequest: request.id },
      requestId: request.id,
    };
    return this.#guarded(attempt, () => this.#deployIfAllowed(deployments, attempt));
  }

  async #deployIfAllowed(
    deployments: AutoDeployTarget,
    attempt: Attempt & { environment: string },
  ): Promise<Deployment | null> {
    const { approvals, ledger } = this.#options;
    const { service, version, environment } = attempt;
    const evaluation = await approvals.evaluate({
      service,
      ref: version,
      environment,
      requester: autoDeployActor,
    });
    // The verdict's autoDeploy is only true with `allow`; the rule itself is in its policy.
    const { decision, autoDeploy, policy } = evaluation.verdict;
    if (decision === 'needs_approval' && policy.autoDeploy && attempt.requestId === null) {
      // Approvals are all that is missing: open the request now, so that approvers see it
      // without anyone asking; the approval that completes it deploys it (afterApproval).
      const release = await this.#options.sources.releaseById(attempt.releaseId);
      await approvals.requestChange(release, evaluation, autoDeployActor);
      return null;
    }
    if (decision !== 'allow' || !autoDeploy) return null;
    const deployment = await deployments.deploy(
      {
        service,
        environment,
        ref: version,
        unlessThere: true,
        ...(attempt.requestId === null ? {} : { requestId: attempt.requestId }),
      },
      { actor: autoDeployActor },
    );
    const latest = new Map(evaluation.checks.map((check) => [check.name, check.status]));
    await ledger.append({
      type: 'deployment.auto',
      subject: `deployment:${deployment.id}`,
      actor: autoDeployActor,
      payload: {
        service,
        environment,
        version,
        deploymentId: deployment.id,
        status: deployment.status,
        trigger: attempt.trigger,
        checks: [...latest].map(([name, status]) => ({ name, status })),
        requiredChecks: [...evaluation.verdict.policy.requiredChecks],
        policyVersion: evaluation.policyVersion,
      },
    });
    return deployment;
  }

  /** Runs an attempt; a failure is recorded as `deployment.auto_failed`, never thrown. */
  async #guarded(
    attempt: Attempt,
    run: () => Promise<Deployment | null>,
  ): Promise<Deployment | null> {
    try {
      return await run();
    } catch (error) {
      // Another auto-deploy got there first: nothing was tried, nothing to record.
      if (error instanceof AlreadyDeployed) return null;
      // A refused deployment has its own `deployment.refused`; this records that it was tried.
      await this.#options.ledger
        .append({
          type: 'deployment.auto_failed',
          subject: `release:${attempt.releaseId}`,
          actor: autoDeployActor,
          payload: {
            service: attempt.service,
            version: attempt.version,
            environment: attempt.environment,
            trigger: attempt.trigger,
            reason: error instanceof Error ? error.message : String(error),
          } satisfies Record<string, JsonValue>,
        })
        .catch(() => undefined);
      return null;
    }
  }
}

/** One auto-deploy: what it is about and what set it off. */
interface Attempt {
  readonly service: string;
  readonly version: string;
  readonly releaseId: string;
  /** Null until a check's attempt has found the next environment. */
  readonly environment: string | null;
  readonly trigger: { readonly [key: string]: string };
  readonly requestId: string | null;
}
