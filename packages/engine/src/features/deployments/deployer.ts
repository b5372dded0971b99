import type { DeploymentStep } from './deployment-steps.js';

/** Everything a deployer needs to put digests into an environment. */
export interface DeployerRequest {
  readonly deploymentId: string;
  readonly action: 'deploy' | 'promote' | 'rollback';
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly digests: readonly string[];
  /** Paths in the blob store of the artifacts whose bytes were uploaded (by digest). */
  readonly artifactPaths: readonly string[];
  /** `record` only: leave the deployment in_progress until CI reports its outcome. */
  readonly awaitReport?: boolean;
  /**
   * The deployment's strategy (`all-at-once`, `canary`, `blue-green`), after the request's
   * `--strategy` was checked against the service's spec; for deployers that render it.
   */
  readonly strategy?: string;
  /** A step before the code (migration, down step, drain); absent for the code itself. */
  readonly step?: DeploymentStep;
  readonly signal?: AbortSignal;
}

export interface DeployerOutcome {
  /** `in_progress` means someone else (CI) will report the outcome later. */
  readonly status: 'succeeded' | 'failed' | 'in_progress';
  readonly logs: string;
}

/**
 * The port between the control plane and whatever really deploys. `record` performs nothing
 * (CI deploys and reports); `command` runs a configured program. Later: Argo Rollouts, nginx.
 */
export interface Deployer {
  readonly name: string;
  deploy(request: DeployerRequest): Promise<DeployerOutcome>;
}

/** How a service's deployments run; stored with the service in the catalog. */
export type DeployerConfig =
  | { readonly kind: 'record' }
  | {
      readonly kind: 'command';
      /** argv, run without a shell; the request arrives in SLIPWAY_* environment variables. */
      readonly command: readonly string[];
      readonly timeoutSeconds?: number;
      /** Working directory; default the server's data directory. */
      readonly cwd?: string;
    }
  | ArgoRolloutsDeployerConfig;

/** Kubernetes: the service's rollout spec rendered as Argo Rollouts resources, applied with kubectl. */
export interface ArgoRolloutsDeployerConfig {
  readonly kind: 'argo-rollouts';
  /** Image repository; the image is `<image>:<version>`. Default the service name. */
  readonly image?: string;
  readonly namespace?: string;
  readonly replicas?: number;
  readonly containerPort?: number;
  /** Services Argo switches (blue-green active/preview; canary stable/canary). */
  readonly services?: {
    readonly active?: string;
    readonly preview?: string;
    readonly stable?: string;
    readonly canary?: string;
  };
  /** argv before `apply -f -`; default `kubectl`. */
  readonly kubectl?: readonly string[];
  /** Where manifests go when kubectl is not on PATH; relative to the data directory. */
  readonly manifestDir?: string;
  readonly timeoutSeconds?: number;
}
