import type { Readable } from 'node:stream';
import type { CatalogFile, CatalogImportReport } from '../catalog/plan-catalog-import.js';
import type { NewService, Service, ServicePatch, ServiceQuery } from '../catalog/service-record.js';
import type { RollbackPlan } from '@slipway/core';
import type {
  Deployment,
  DeployRequest,
  HistoryQuery,
  PlanRollbackRequest,
  PromoteRequest,
  RollbackRequest,
  StatusReport,
  StatusView,
} from '../deployments/deployment-record.js';
import type { LedgerPage, LedgerQuery, LedgerVerification } from '../ledger/ledger-event.js';
import type { Artifact, ArtifactQuery, NewArtifact } from '../registry/artifact-record.js';
import type { NewRelease, ReleaseRecord } from '../registry/release-record.js';
import type { ApiToken, CreatedToken } from '../tokens/api-token.js';
import type { FlagControlPlane } from '../flags/flag-control-plane.js';
import type { RolloutControlPlane } from '../rollouts/rollout-control-plane.js';
import type { Role } from '@slipway/core';
import type { PolicyPlane } from '../approvals/policy-plane.js';
import type { PackageIndexPlane } from '../package-index/package-index-plane.js';
import type { ImagePlane } from '../images/image-plane.js';
import type { EvidencePlane } from '../evidence/store/evidence-plane.js';

/** Who is acting, and (over HTTP) the key that makes a retried mutation act once. */
export interface ActOptions {
  readonly actor: string;
  readonly idempotencyKey?: string;
}

export interface TokenRequest {
  readonly role: Role;
  readonly services?: readonly string[];
  readonly environments?: readonly string[];
  /** The person it is issued to: `Name <email>` or `email`. */
  readonly person?: string;
}

/**
 * Everything the CLI (and the dashboard later) asks of the control plane. Two implementations:
 * embedded (the engine's services on the local database, same process) and remote (the HTTP
 * API of `slipway serve`), so every command works the same way in both modes.
 */
export interface ControlPlane extends PolicyPlane {
  // Catalog
  addService(input: NewService, options: ActOptions): Promise<Service>;
  updateService(name: string, patch: ServicePatch, options: ActOptions): Promise<Service>;
  getService(name: string): Promise<Service>;
  listServices(query?: ServiceQuery): Promise<Service[]>;
  importCatalog(files: readonly CatalogFile[], options: ActOptions): Promise<CatalogImportReport>;

  // Artifacts and releases
  registerArtifact(input: NewArtifact, options: ActOptions): Promise<Artifact>;
  /** Streams bytes into the blob store; refused (nothing stored) unless they hash to `digest`. */
  uploadArtifact(digest: string, body: Readable, options: ActOptions): Promise<Artifact>;
  getArtifact(digest: string): Promise<Artifact>;
  listArtifacts(query?: ArtifactQuery): Promise<Artifact[]>;
  createRelease(input: NewRelease, options: ActOptions): Promise<ReleaseRecord>;
  getRelease(service: string, version: string): Promise<ReleaseRecord>;
  listReleases(service: string): Promise<ReleaseRecord[]>;

  // Environments
  deploy(request: DeployRequest, options: ActOptions): Promise<Deployment>;
  promote(request: PromoteRequest, options: ActOptions): Promise<Deployment>;
  rollback(request: RollbackRequest, options: ActOptions): Promise<Deployment>;
  planRollback(request: PlanRollbackRequest): Promise<RollbackPlan>;
  reportDeployment(id: string, report: StatusReport, options: ActOptions): Promise<Deployment>;
  getDeployment(id: string): Promise<Deployment>;
  status(query?: { service?: string }): Promise<StatusView>;
  history(service: string, query?: HistoryQuery): Promise<Deployment[]>;

  // Ledger and access
  listEvents(query?: LedgerQuery): Promise<LedgerPage>;
  verifyLedger(): Promise<LedgerVerification>;
  createToken(request: TokenRequest, options: ActOptions): Promise<CreatedToken>;
  listTokens(): Promise<ApiToken[]>;
  revokeToken(id: string, options: ActOptions): Promise<ApiToken>;

  /** Feature flags per service and environment. */
  readonly flags: FlagControlPlane;

  /** Progressive delivery: the rollouts of deployments (canary, blue-green), by hand too. */
  readonly rollouts: RolloutControlPlane;

  /** PEP 592 yanking of the Python package index's files, recorded in the ledger. */
  readonly packageIndex: PackageIndexPlane;

  /** Image tag moves and promotions done by a client, recorded in the ledger (ADR 0021). */
  readonly images: ImagePlane;

  /** The server's verified evidence bundles of releases (issue 6). */
  readonly evidence: EvidencePlane;

  close(): Promise<void>;
}
