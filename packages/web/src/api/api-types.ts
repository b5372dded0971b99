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
  /**
   * When the oldest commit of the release's changes was committed (UTC): the start of DORA lead
   * time (docs/dashboard.md). Absent when the release was recorded without it (`slipway push`
   * outside git, older clients); lead time then starts at `createdAt`.
   */
  readonly firstCommitTime?: string | null;
  /** The earlier version this release fixes: that version's production deployment failed. */
  readonly fixes?: string | null;
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

export type Role = 'viewer' | 'developer' | 'releaser' | 'approver' | 'admin';

export interface ApiToken {
  readonly id: string;
  readonly prefix: string;
  readonly role: Role;
  readonly services: readonly string[] | null;
  readonly environments: readonly string[] | null;
  /** Whom the token was issued to (`Name <email>` or email), when the issuer said. */
  readonly person: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** `GET /api/whoami`: the signed-in token (see `readSession`). */
export interface Whoami {
  /** `token:<id>`, as the ledger, change requests and release authors name it. */
  readonly actor: string;
  readonly role: Role;
  readonly services: readonly string[] | null;
  readonly environments: readonly string[] | null;
  readonly tokenId: string;
}

export type ChangeRequestStatus = 'open' | 'approved' | 'rejected' | 'deployed';

export interface UnmetRule {
  readonly rule: string;
  readonly reason: string;
  readonly bypassed: boolean;
}

/** What an approver must see: GET /api/change-requests/:id (`content`). */
export interface ChangeRequestContent {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly releaseId: string;
  readonly digests: readonly string[];
  readonly strategy: string;
  readonly commit: string | null;
  readonly tag: string | null;
  readonly notes: string | null;
  readonly authors: readonly string[];
  readonly requester: string;
  /** What runs in the environment now: the rollback target. */
  readonly running: {
    readonly deploymentId: string;
    readonly version: string;
    readonly digests: readonly string[];
  } | null;
  readonly diff: {
    readonly fromVersion: string | null;
    readonly toVersion: string;
    readonly addedDigests: readonly string[];
    readonly removedDigests: readonly string[];
  };
  readonly checks: readonly {
    readonly name: string;
    readonly status: string;
    readonly url: string | null;
    readonly recordedAt: string;
  }[];
  readonly policy: {
    readonly version: number;
    readonly decision: 'allow' | 'needs_approval' | 'deny';
    readonly unmet: readonly UnmetRule[];
    readonly requiredApprovals: number;
  };
}

export interface Approval {
  readonly id: string;
  readonly requestId: string;
  readonly approver: string;
  readonly roles: readonly string[];
  readonly decision: 'approve' | 'reject';
  readonly comment: string | null;
  /** The content digest the approver saw: an approval of older content no longer counts. */
  readonly contentDigest: string;
  readonly createdAt: string;
}

export interface ChangeRequest {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  readonly releaseId: string;
  readonly version: string;
  readonly digests: readonly string[];
  readonly strategy: string;
  readonly requester: string;
  readonly status: ChangeRequestStatus;
  readonly content: ChangeRequestContent;
  readonly contentDigest: string;
  readonly deploymentId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ChangeRequestView extends ChangeRequest {
  readonly approvals: readonly Approval[];
}

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface FlagDefinition {
  readonly state: 'ENABLED' | 'DISABLED';
  readonly variants: Readonly<Record<string, JsonValue>>;
  readonly defaultVariant?: string | null;
  readonly targeting?: JsonValue;
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

export interface StoredFlag {
  readonly service: string;
  readonly env: string;
  readonly key: string;
  readonly version: number;
  readonly definition: FlagDefinition;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface FlagVersion {
  readonly service: string;
  readonly env: string;
  readonly key: string;
  readonly version: number;
  readonly definition: FlagDefinition;
  readonly change: 'set' | 'import' | 'kill' | 'rollout';
  readonly actor: string;
  readonly time: string;
}

/** The rollout contract of packages/engine/src/features/rollouts/rollout-record.ts. */
export type RolloutStatus = 'progressing' | 'paused' | 'succeeded' | 'aborted' | 'frozen';
export type AnalysisPhase = 'running' | 'successful' | 'failed' | 'inconclusive' | 'error';

export interface Measurement {
  readonly metric: string;
  readonly phase: Exclude<AnalysisPhase, 'running'>;
  readonly value: unknown;
  readonly measuredAt: string;
  readonly message?: string;
}

export interface Judgement {
  readonly metric: string;
  readonly verdict: 'pass' | 'fail' | 'inconclusive';
  readonly reason: string;
  readonly u: number;
  readonly z: number;
  readonly pValue: number;
  readonly estimate: number;
  readonly confidenceInterval: readonly [number, number];
  readonly effectSize: number;
  readonly canarySamples: readonly number[];
  readonly baselineSamples: readonly number[];
}

export interface AnalysisRun {
  readonly id: string;
  readonly rolloutId: string;
  /** The step index that started it, or `background`, `pre-promotion`, `post-promotion`. */
  readonly origin: string;
  readonly templates: readonly string[];
  readonly phase: AnalysisPhase;
  readonly measurements: readonly Measurement[];
  readonly judgements: readonly Judgement[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export type CanaryStep =
  | { readonly setWeight: number }
  | { readonly pause: { readonly seconds?: number } }
  | { readonly analysis: { readonly templates: readonly string[] } };

export type RolloutStrategy =
  | { readonly kind: 'all-at-once' }
  | { readonly kind: 'canary'; readonly steps: readonly CanaryStep[] }
  | { readonly kind: 'blue-green'; readonly autoPromotionSeconds?: number };

export interface Rollout {
  readonly id: string;
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly stableVersion: string | null;
  readonly spec: { readonly strategy: RolloutStrategy };
  readonly status: RolloutStatus;
  /** Index of the current canary step (steps.length when all are done); blue-green: 0 or 1. */
  readonly currentStep: number;
  /** The weight the canary (or preview) receives now, 0–100. */
  readonly weight: number;
  readonly message: string | null;
  readonly nextActionAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly analysisRuns: readonly AnalysisRun[];
}
