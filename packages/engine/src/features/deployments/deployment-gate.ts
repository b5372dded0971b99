import type { Service } from '../catalog/service-record.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import type { Deployment } from './deployment-record.js';

/** A deployment of a release, as the gate sees it before anything is written. */
export interface GateRequest {
  readonly service: Service;
  readonly release: ReleaseRecord;
  readonly environment: string;
  readonly strategy: string;
  readonly actor: string;
  /** The approved change request this deployment carries out, if named. */
  readonly requestId: string | null;
  readonly breakGlass: { readonly reason: string } | null;
}

export type GateAdmission =
  | {
      readonly kind: 'allow';
      /** The skip rule that applies: the policy's, else the service's flag. */
      readonly allowSkip: boolean;
      /** Called once the deployment is recorded (succeeded or in progress). */
      readonly admitted: (deployment: Deployment) => Promise<void>;
    }
  | { readonly kind: 'refuse'; readonly reasons: readonly string[] }
  /** A change request holds the deployment until it is approved; the message names it. */
  | { readonly kind: 'approval_required'; readonly message: string };

/**
 * What stands in front of deploy and promote: the policy, approvals and break-glass. A port,
 * so that deployments do not depend on the approvals feature; without a gate only the lifecycle
 * rules apply.
 */
export interface DeploymentGate {
  admit(request: GateRequest): Promise<GateAdmission>;
  /**
   * Rollbacks are not gated (they return to a known-good deployment), but what a gate put in
   * place for the bad one may have to follow them back (an environment's moving image tag).
   * Called once a rollback is recorded as succeeded or in progress; it may throw, and the
   * rollback stands either way.
   */
  rolledBack?(deployment: Deployment, service: Service, actor: string): Promise<void>;
}
