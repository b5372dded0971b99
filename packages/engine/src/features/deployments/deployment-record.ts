import type { RollbackPlan, RollbackTarget } from '@slipway/core';

export const deploymentStatuses = [
  'pending',
  'in_progress',
  'succeeded',
  'failed',
  'rolled_back',
] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];

/** How the deployment came about: a direct deploy, a promotion, or a rollback. */
export const deploymentActions = ['deploy', 'promote', 'rollback'] as const;
export type DeploymentAction = (typeof deploymentActions)[number];

/** Logs kept per deployment; the head and tail survive, the middle is elided. */
export const maxDeploymentLogBytes = 64 * 1024;

export interface Deployment {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly releaseId: string;
  readonly version: string;
  /** The exact digests deployed (a promotion copies them from the source environment). */
  readonly digests: readonly string[];
  readonly action: DeploymentAction;
  /** Promotions: the environment the digests came from. */
  readonly sourceEnvironment: string | null;
  /** `all-at-once` until progressive delivery adds more. */
  readonly strategy: string;
  /** Which deployer ran it (`record`, `command`). */
  readonly deployer: string;
  readonly status: DeploymentStatus;
  readonly actor: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** Captured output of the deployer (bounded, see maxDeploymentLogBytes). */
  readonly logs: string;
  /** The previous known-good deployment of this environment, by digest; null for the first. */
  readonly rollbackTarget: RollbackTarget | null;
  readonly rollbackCommand: string | null;
  /** The plan printed by `slipway plan-rollback`, fixed when the deployment was created. */
  readonly rollbackPlan: RollbackPlan;
}

export interface DeployRequest {
  readonly service: string;
  readonly environment: string;
  /** A release version of the service, or an artifact digest (`sha256:…`) of one of its releases. */
  readonly ref: string;
  readonly strategy?: string;
  /**
   * `record` deployer only: leave the deployment in_progress for CI to report its outcome
   * (`reportStatus`) instead of recording it as done.
   */
  readonly awaitReport?: boolean;
  /** The approved change request this deployment carries out. */
  readonly requestId?: string;
  /** Bypasses approvals and freeze windows, with a reason; opens a post-release review. */
  readonly breakGlass?: BreakGlass;
  /** The CI run that asked for it (see `deploymentCiContext`); absent outside CI. */
  readonly ci?: DeploymentCiContext;
  /**
   * Auto-deploy only: when the environment already runs this release, or a deployment of it
   * there is in progress, deploy nothing and throw `AlreadyDeployed` (decided under the lock).
   */
  readonly unlessThere?: boolean;
}

/** The CI run behind a deploy or promote: provider, run, who started it, what it built. */
export interface DeploymentCiContext {
  /** `github-actions`, `gitlab-ci`, `buildkite`, `circleci`, `azure-pipelines`, `jenkins`. */
  readonly provider: string;
  readonly builderId: string;
  readonly runId: string | null;
  readonly runUrl: string | null;
  readonly actor: string | null;
  readonly commit: string | null;
  readonly ref: string | null;
}

export interface BreakGlass {
  readonly reason: string;
}

export interface PromoteRequest {
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly awaitReport?: boolean;
  readonly breakGlass?: BreakGlass;
  readonly ci?: DeploymentCiContext;
}

export interface RollbackRequest {
  readonly service: string;
  readonly environment: string;
}

export interface PlanRollbackRequest {
  readonly service: string;
  readonly environment: string;
  /** The release about to be deployed; default: what the previous environment runs. */
  readonly ref?: string;
}

export interface StatusReport {
  readonly status: Extract<DeploymentStatus, 'in_progress' | 'succeeded' | 'failed'>;
  /** Appended to the deployment's logs. */
  readonly log?: string;
}

/** What runs where; the `status --json` shape. */
export interface StatusView {
  readonly services: readonly {
    readonly name: string;
    readonly environments: Readonly<
      Record<
        string,
        {
          readonly version: string;
          readonly digests: readonly string[];
          readonly deployedAt: string;
          readonly actor: string;
        }
      >
    >;
  }[];
}

export interface HistoryQuery {
  readonly environment?: string;
  /** Newest first; default 50. */
  readonly limit?: number;
}

export interface DeploymentChangeOptions {
  readonly actor: string;
}
