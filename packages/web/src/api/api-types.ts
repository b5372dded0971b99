/**
 * The shapes the dashboard reads from the API (see GET /api/openapi.json). Written out here
 * rather than imported from the server, so the browser bundle carries no server code.
 */

export type RiskTier = string;

export interface Service {
  readonly name: string;
  readonly owner: string | null;
  readonly repository: string | null;
  readonly kind: string;
  readonly riskTier: RiskTier;
  readonly lifecycle: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RunningVersion {
  readonly version: string;
  readonly digests: readonly string[];
  readonly deployedAt: string;
  readonly actor: string;
}

export interface StatusView {
  readonly services: readonly {
    readonly name: string;
    readonly environments: Readonly<Record<string, RunningVersion>>;
  }[];
}

export interface Artifact {
  readonly digest: string;
  readonly name: string;
  readonly kind: string;
  readonly size: number;
  readonly version: string | null;
  readonly service: string | null;
  readonly sourceCommit: string | null;
  readonly stored: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface Release {
  readonly id: string;
  readonly service: string;
  readonly version: string;
  readonly tag: string | null;
  readonly commit: string | null;
  /** When the release's commit was made, where the API records it (not yet: see docs/dashboard.md). */
  readonly commitTime?: string | null;
  readonly notes: string | null;
  readonly artifacts: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
}

export type DeploymentStatus = 'pending' | 'in_progress' | 'succeeded' | 'failed' | 'rolled_back';
export type DeploymentAction = 'deploy' | 'promote' | 'rollback';

export interface RollbackTarget {
  readonly deploymentId: string;
  readonly version: string;
  readonly digests: readonly string[];
}

export interface Deployment {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly releaseId: string;
  readonly version: string;
  readonly digests: readonly string[];
  readonly action: DeploymentAction;
  readonly sourceEnvironment: string | null;
  readonly strategy: string;
  readonly status: DeploymentStatus;
  readonly actor: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly rollbackTarget: RollbackTarget | null;
  readonly rollbackCommand: string | null;
}

export interface LedgerEvent {
  readonly id: string;
  readonly sequence: number;
  readonly type: string;
  readonly subject: string;
  readonly actor: string;
  readonly time: string;
  readonly payload: unknown;
  readonly previousHash: string;
  readonly hash: string;
}

export interface LedgerPage {
  readonly events: readonly LedgerEvent[];
  readonly nextAfter: number | null;
}

export interface LedgerVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly firstBroken: {
    readonly sequence: number;
    readonly id: string | null;
    readonly reason: string;
    readonly detail: string;
  } | null;
}
