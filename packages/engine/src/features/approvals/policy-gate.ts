import { defaultBreakGlass } from '@slipway/core';
import type { Deployment } from '../deployments/deployment-record.js';
import type { DeploymentGate, GateAdmission, GateRequest } from '../deployments/deployment-gate.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { ChangeRequest } from './approval-records.js';
import type { ApprovalService } from './approval-service.js';
import type { ReviewService } from './review-service.js';
import { actorIdentity, authorIdentities } from './release-authors.js';

export interface PolicyGateOptions {
  readonly policy: PolicyService;
  readonly approvals: ApprovalService;
  readonly reviews: ReviewService;
  readonly now?: () => Date;
}

const hourMs = 3_600_000;

/**
 * The policy gate: evaluates the release against the policy with the approvals of its change
 * request, opens a request when approval is all that is missing, and after a break-glass
 * deployment opens the post-release review.
 */
export class PolicyGate implements DeploymentGate {
  readonly #options: PolicyGateOptions;
  readonly #now: () => Date;

  constructor(options: PolicyGateOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  async admit(request: GateRequest): Promise<GateAdmission> {
    const { policy, approvals } = this.#options;
    const { service, release, environment, actor } = request;
    const named = await this.#namedRequest(request);
    if (typeof named === 'string') return { kind: 'refuse', reasons: [named] };
    const found =
      named ?? (await approvals.store.pendingRequest(service.name, environment, release.id));
    const change = found === undefined ? undefined : await approvals.refresh(found, actor);
    const breakGlass = request.breakGlass;
    if (breakGlass !== null) {
      const blocked = await this.#breakGlassBlocked(service.owner ?? actor);
      if (blocked !== null) return { kind: 'refuse', reasons: [blocked] };
    }
    const evaluation = await policy.evaluateRelease(release, {
      service: service.name,
      environment,
      strategy: request.strategy,
      // The requester of the change and whoever deploys it now: neither may approve it.
      requester: actorIdentity(actor),
      authors:
        change === undefined
          ? []
          : [
              change.requester,
              actorIdentity(change.requester),
              ...authorIdentities(change.content),
            ],
      breakGlass: breakGlass !== null,
      approvals: change === undefined ? [] : await approvals.approvalInputs(change.id),
      contentDigest: change?.contentDigest ?? null,
    });
    const { verdict } = evaluation;
    if (verdict.decision === 'deny') {
      return {
        kind: 'refuse',
        reasons: verdict.unmet.filter((rule) => !rule.bypassed).map((rule) => rule.reason),
      };
    }
    if (verdict.decision === 'needs_approval') {
      const opened = change ?? (await approvals.requestChange(release, evaluation, actor));
      const { counted, required } = verdict.approvals;
      return {
        kind: 'approval_required',
        message:
          `${service.name} ${release.version} to ${environment} needs approval: change request ${opened.id} ` +
          `(${counted.length} of ${required} approvals counted); approve with \`slipway approve ${opened.id}\`, ` +
          `then deploy with \`slipway deploy --request ${opened.id}\``,
      };
    }
    const bypassed = verdict.unmet.filter((rule) => rule.bypassed).map((rule) => rule.rule);
    return {
      kind: 'allow',
      allowSkip: verdict.allowSkip,
      admitted: (deployment) => this.#admitted(deployment, request, change, bypassed),
    };
  }

  async #admitted(
    deployment: Deployment,
    request: GateRequest,
    change: ChangeRequest | undefined,
    bypassed: readonly string[],
  ): Promise<void> {
    const carriedOut = deployment.status === 'succeeded' || deployment.status === 'in_progress';
    if (change !== undefined && carriedOut) {
      await this.#options.approvals.markDeployed(change, deployment.id, request.actor);
    }
    if (request.breakGlass === null) return;
    const settings = {
      ...defaultBreakGlass,
      ...(await this.#options.policy.getPolicy()).document.breakGlass,
    };
    const owner = request.service.owner ?? request.actor;
    await this.#options.reviews.openReview({
      deploymentId: deployment.id,
      service: deployment.service,
      environment: deployment.environment,
      version: deployment.version,
      team: owner,
      owner,
      actor: request.actor,
      reason: request.breakGlass.reason,
      bypassed,
      dueAt: new Date(this.#now().getTime() + settings.reviewDueHours * hourMs).toISOString(),
    });
  }

  /** The change request the caller named: it must be this release and environment, still live. */
  async #namedRequest(request: GateRequest): Promise<ChangeRequest | undefined | string> {
    if (request.requestId === null) return undefined;
    const named = await this.#options.approvals.getRequest(request.requestId);
    if (
      named.service !== request.service.name ||
      named.environment !== request.environment ||
      named.releaseId !== request.release.id
    ) {
      return (
        `change request ${named.id} is for ${named.service} ${named.version} to ${named.environment}, ` +
        `not ${request.service.name} ${request.release.version} to ${request.environment}`
      );
    }
    if (named.status === 'rejected' || named.status === 'deployed') {
      return `change request ${named.id} is ${named.status}`;
    }
    return named;
  }

  async #breakGlassBlocked(team: string): Promise<string | null> {
    const settings = {
      ...defaultBreakGlass,
      ...(await this.#options.policy.getPolicy()).document.breakGlass,
    };
    if (!settings.blockWhenOverdue) return null;
    const overdue = await this.#options.reviews.listReviews({ overdue: true, team });
    if (overdue.length === 0) return null;
    return (
      `break-glass is blocked for ${team}: post-release review ${overdue.map((r) => r.id).join(', ')} ` +
      `is overdue; close it with \`slipway reviews close <id> --summary …\``
    );
  }
}
