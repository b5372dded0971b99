import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { RollbackPlan } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import { createCatalogService } from '../catalog/catalog-service.js';
import { catalogRolloutSpec } from '../catalog/catalog-rollout-spec.js';
import type { CatalogFile, CatalogImportReport } from '../catalog/plan-catalog-import.js';
import type { NewService, Service, ServicePatch, ServiceQuery } from '../catalog/service-record.js';
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
import { createDeployerFactory } from '../deployments/deployer-for.js';
import { createDeploymentService } from '../deployments/deployment-service.js';
import type { DeploymentService } from '../deployments/deployment-service.js';
import { createDeploymentSources } from '../deployments/deployment-sources.js';
import type { LedgerPage, LedgerQuery, LedgerVerification } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createLedgerService } from '../ledger/ledger-service.js';
import type { Artifact, ArtifactQuery, NewArtifact } from '../registry/artifact-record.js';
import { FileBlobStore } from '../registry/file-blob-store.js';
import { createRegistryService } from '../registry/registry-service.js';
import type { RegistryService } from '../registry/registry-service.js';
import type { NewRelease, ReleaseRecord } from '../registry/release-record.js';
import type { ApiToken, CreatedToken } from '../tokens/api-token.js';
import type { TokenService } from '../tokens/token-service.js';
import { createTokenService } from '../tokens/token-service.js';
import { catalogFlagScope } from '../flags/catalog-flag-scope.js';
import type { FlagService } from '../flags/flag-service.js';
import { createFlagService } from '../flags/flag-service.js';
import { createMetricsProvider } from '../../adapters/metrics/create-metrics-provider.js';
import { createTrafficRouter } from '../../adapters/traffic/create-traffic-router.js';
import { flagServiceTrafficPort } from '../../adapters/traffic/flag-traffic-port.js';
import { createRolloutService } from '../rollouts/create-rollout-service.js';
import type { RolloutService } from '../rollouts/rollout-service.js';
import type { ActOptions, ControlPlane, TokenRequest } from './control-plane.js';
import type {
  ChangeRequest,
  ChangeRequestView,
  ReviewView,
} from '../approvals/approval-records.js';
import { createPolicyParts } from '../approvals/create-policy-parts.js';
import { createPackageIndexPlane } from '../package-index/package-index-plane.js';
import type { PackageIndexPlane } from '../package-index/package-index-plane.js';
import type { CommitAuthor } from '../approvals/approval-records.js';
import type { WebhookTarget } from '../approvals/webhook-notifier.js';
import type {
  ChangeRequestQuery,
  DecisionInput,
  DecisionOptions,
  PolicyPlane,
} from '../approvals/policy-plane.js';
import type { ReviewQuery, ReviewService } from '../approvals/review-service.js';
import type { PolicyCheckRequest, PolicyEvaluation } from '../policy/policy-service.js';
import type { CheckResult, NewCheckResult, StoredPolicy } from '../policy/policy-records.js';
import { EmbeddedImagePlane } from '../images/image-plane.js';
import type { ImagePlane } from '../images/image-plane.js';
import type { ImagePromotionSettings } from '../images/image-promotion-gate.js';
import type { KeyObject } from 'node:crypto';
import { EmbeddedEvidencePlane, evidenceKeysFromEnv } from '../evidence/store/evidence-plane.js';
import type { EvidencePlane } from '../evidence/store/evidence-plane.js';
import { EvidenceService } from '../evidence/store/evidence-service.js';
import { KyselyEvidenceStore } from '../evidence/store/kysely-evidence-store.js';
import { StoredEvidenceGate } from '../evidence/store/stored-evidence-gate.js';
import {
  imagePromotionSettingsFromEnv,
  withImagePromotion,
} from '../images/image-promotion-gate.js';

type Actor = { readonly actor: string };

/** What the embedded control plane needs of the registry (artifacts, blobs, releases). */
export type RegistryOperations = Pick<
  RegistryService,
  | 'registerArtifact'
  | 'uploadArtifact'
  | 'getArtifact'
  | 'listArtifacts'
  | 'createRelease'
  | 'getRelease'
  | 'listReleases'
>;

/** What it needs of environments and deployments (the server's route tests fake this part). */
export type DeploymentOperations = Pick<
  DeploymentService,
  | 'deploy'
  | 'promote'
  | 'rollback'
  | 'planRollback'
  | 'reportStatus'
  | 'getDeployment'
  | 'status'
  | 'history'
>;

export interface EmbeddedParts {
  readonly catalog: CatalogService;
  readonly ledger: LedgerService;
  readonly tokens: TokenService;
  readonly registry: RegistryOperations;
  readonly deployments: DeploymentOperations;
  /** Feature flags; absent where a control plane is assembled without them (some tests). */
  readonly flags?: FlagService;
  /** Progressive delivery; absent where a control plane is assembled without it. */
  readonly rollouts?: RolloutService;
  /** Policy, checks, change requests and reviews; absent in control planes built without them. */
  readonly policy?: PolicyPlane;
  /** Post-release reviews, for the server's overdue announcements. */
  readonly reviews?: ReviewService;
  /** The server's store of verified evidence bundles; absent in control planes built without it. */
  readonly evidence?: EvidenceService;
  /** Yanking in the Python package index; absent in control planes built without it. */
  readonly packageIndex?: PackageIndexPlane;
  /** Releases what the parts hold (the database, when the control plane opened it). */
  readonly close?: () => Promise<void>;
}

/** The control plane in this process: the engine's services on one database. */
export class EmbeddedControlPlane implements ControlPlane {
  readonly #parts: EmbeddedParts;

  /** The flag service itself: the OFREP routes evaluate with it directly. */
  get flags(): FlagService {
    if (this.#parts.flags === undefined) {
      throw new SlipwayError('INTERNAL', 'this control plane was assembled without flags');
    }
    return this.#parts.flags;
  }

  /** The rollout service itself: the server ticks it on a timer (startRolloutScheduler). */
  get rollouts(): RolloutService {
    if (this.#parts.rollouts === undefined) {
      throw new SlipwayError('INTERNAL', 'this control plane was assembled without rollouts');
    }
    return this.#parts.rollouts;
  }

  constructor(parts: EmbeddedParts) {
    this.#parts = parts;
  }

  get tokens(): TokenService {
    return this.#parts.tokens;
  }

  get packageIndex(): PackageIndexPlane {
    if (this.#parts.packageIndex === undefined) {
      throw new SlipwayError('INTERNAL', 'this control plane has no package index');
    }
    return this.#parts.packageIndex;
  }

  get images(): ImagePlane {
    return new EmbeddedImagePlane(this.#parts.ledger);
  }

  get evidence(): EvidencePlane {
    if (this.#parts.evidence === undefined) {
      throw new SlipwayError('INTERNAL', 'this control plane was assembled without evidence');
    }
    return new EmbeddedEvidencePlane(this.#parts.evidence);
  }

  addService(input: NewService, options: ActOptions): Promise<Service> {
    return this.#parts.catalog.addService(input, actor(options));
  }

  updateService(name: string, patch: ServicePatch, options: ActOptions): Promise<Service> {
    return this.#parts.catalog.updateService(name, patch, actor(options));
  }

  async getService(name: string): Promise<Service> {
    const service = await this.#parts.catalog.getService(name);
    if (service === undefined) {
      throw new SlipwayError('NOT_FOUND', `no service named ${name}`, { subject: name });
    }
    return service;
  }

  listServices(query: ServiceQuery = {}): Promise<Service[]> {
    return this.#parts.catalog.listServices(query);
  }

  importCatalog(files: readonly CatalogFile[], options: ActOptions): Promise<CatalogImportReport> {
    return this.#parts.catalog.importCatalogFiles(files, actor(options));
  }

  registerArtifact(input: NewArtifact, options: ActOptions): Promise<Artifact> {
    return this.#registry().registerArtifact(input, actor(options));
  }

  uploadArtifact(digest: string, body: Readable, options: ActOptions): Promise<Artifact> {
    return this.#registry().uploadArtifact(digest, body, actor(options));
  }

  getArtifact(digest: string): Promise<Artifact> {
    return this.#registry().getArtifact(digest);
  }

  listArtifacts(query: ArtifactQuery = {}): Promise<Artifact[]> {
    return this.#registry().listArtifacts(query);
  }

  createRelease(input: NewRelease, options: ActOptions): Promise<ReleaseRecord> {
    return this.#registry().createRelease(input, actor(options));
  }

  getRelease(service: string, version: string): Promise<ReleaseRecord> {
    return this.#registry().getRelease(service, version);
  }

  listReleases(service: string): Promise<ReleaseRecord[]> {
    return this.#registry().listReleases(service);
  }

  deploy(request: DeployRequest, options: ActOptions): Promise<Deployment> {
    return this.#deployments().deploy(request, actor(options));
  }

  promote(request: PromoteRequest, options: ActOptions): Promise<Deployment> {
    return this.#deployments().promote(request, actor(options));
  }

  rollback(request: RollbackRequest, options: ActOptions): Promise<Deployment> {
    return this.#deployments().rollback(request, actor(options));
  }

  planRollback(request: PlanRollbackRequest): Promise<RollbackPlan> {
    return this.#deployments().planRollback(request);
  }

  reportDeployment(id: string, report: StatusReport, options: ActOptions): Promise<Deployment> {
    return this.#deployments().reportStatus(id, report, actor(options));
  }

  getDeployment(id: string): Promise<Deployment> {
    return this.#deployments().getDeployment(id);
  }

  status(query: { service?: string } = {}): Promise<StatusView> {
    return this.#deployments().status(query);
  }

  history(service: string, query: HistoryQuery = {}): Promise<Deployment[]> {
    return this.#deployments().history(service, query);
  }

  listEvents(query: LedgerQuery = {}): Promise<LedgerPage> {
    return this.#parts.ledger.listEvents(query);
  }

  verifyLedger(): Promise<LedgerVerification> {
    return this.#parts.ledger.verifyLedger();
  }

  createToken(request: TokenRequest, options: ActOptions): Promise<CreatedToken> {
    return this.#parts.tokens.createToken({
      role: request.role,
      ...(request.services === undefined ? {} : { services: request.services }),
      ...(request.environments === undefined ? {} : { environments: request.environments }),
      ...(request.person === undefined ? {} : { person: request.person }),
      createdBy: options.actor,
    });
  }

  listTokens(): Promise<ApiToken[]> {
    return this.#parts.tokens.listTokens();
  }

  revokeToken(id: string, options: ActOptions): Promise<ApiToken> {
    return this.#parts.tokens.revokeToken(id, options.actor);
  }

  getPolicy(): Promise<StoredPolicy> {
    return this.#policy().getPolicy();
  }

  setPolicy(document: unknown, options: ActOptions): Promise<StoredPolicy> {
    return this.#policy().setPolicy(document, options);
  }

  checkPolicy(request: PolicyCheckRequest): Promise<PolicyEvaluation> {
    return this.#policy().checkPolicy(request);
  }

  addCheckResult(input: NewCheckResult, options: ActOptions): Promise<CheckResult> {
    return this.#policy().addCheckResult(input, options);
  }

  listCheckResults(service: string, ref: string): Promise<CheckResult[]> {
    return this.#policy().listCheckResults(service, ref);
  }

  listChangeRequests(query?: ChangeRequestQuery): Promise<ChangeRequest[]> {
    return this.#policy().listChangeRequests(query);
  }

  getChangeRequest(id: string): Promise<ChangeRequestView> {
    return this.#policy().getChangeRequest(id);
  }

  approveChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    return this.#policy().approveChange(id, decision, options);
  }

  rejectChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    return this.#policy().rejectChange(id, decision, options);
  }

  listReviews(query?: ReviewQuery): Promise<ReviewView[]> {
    return this.#policy().listReviews(query);
  }

  closeReview(id: string, summary: string, options: ActOptions): Promise<ReviewView> {
    return this.#policy().closeReview(id, summary, options);
  }

  recordReleaseAuthors(
    service: string,
    ref: string,
    authors: readonly CommitAuthor[],
    options: ActOptions,
  ): Promise<CommitAuthor[]> {
    return this.#policy().recordReleaseAuthors(service, ref, authors, options);
  }

  async close(): Promise<void> {
    await this.#parts.close?.();
  }

  get reviews(): ReviewService | undefined {
    return this.#parts.reviews;
  }

  #policy(): PolicyPlane {
    const policy = this.#parts.policy;
    if (policy === undefined) {
      throw new SlipwayError(
        'INTERNAL',
        'this control plane was built without policy and approvals',
      );
    }
    return policy;
  }

  #registry(): RegistryOperations {
    return this.#parts.registry;
  }

  #deployments(): DeploymentOperations {
    return this.#parts.deployments;
  }
}

function actor(options: ActOptions): Actor {
  return { actor: options.actor };
}

export interface EmbeddedControlPlaneOptions {
  readonly db: Kysely<Database>;
  /** Where uploaded artifact bytes live (content-addressed). */
  readonly blobDir: string;
  /** The largest artifact upload accepted, in bytes (default 2 GiB). */
  readonly maxUploadBytes?: number;
  /** Where command deployers run when their config names no cwd; default blobDir's parent. */
  readonly deployerCwd?: string;
  /** Closes the database when the control plane closes; omit when the caller owns it. */
  readonly close?: () => Promise<void>;
  /** The clock of policy decisions, change requests and reviews (tests inject one). */
  readonly now?: () => Date;
  /** Signed webhooks told of change requests, decisions and break-glass. */
  readonly webhooks?: readonly WebhookTarget[];
  /** Images placed by digest in each environment's repository at deployment; default from SLIPWAY_IMAGE_PROMOTION. */
  readonly imagePromotion?: ImagePromotionSettings | null;
  /** Public keys whose evidence bundles the server accepts; default from SLIPWAY_EVIDENCE_KEYS. */
  readonly evidenceKeys?: readonly KeyObject[];
}

/** The engine's services over one (migrated) database. */
export function createEmbeddedControlPlane(
  options: EmbeddedControlPlaneOptions,
): EmbeddedControlPlane {
  const ledger = createLedgerService(options.db);
  const catalog = createCatalogService(options.db);
  const registry = createRegistryService(options.db, {
    blobs: new FileBlobStore(options.blobDir),
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
  });
  const sources = createDeploymentSources(catalog, registry);
  const policy = createPolicyParts(options.db, sources, options.now, options.webhooks);
  const evidence = new EvidenceService(new KyselyEvidenceStore(options.db), {
    trustedKeys: options.evidenceKeys ?? evidenceKeysFromEnv(process.env),
    releases: registry,
    ledger,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const flags = createFlagService(options.db, { checkScope: catalogFlagScope(catalog) });
  const rollouts = createRolloutService(options.db, {
    metrics: createMetricsProvider(),
    routerFor: (config) =>
      createTrafficRouter(config, {
        flags: flagServiceTrafficPort(flags),
        cwd: options.deployerCwd ?? dirname(options.blobDir),
      }),
    onFlagsRestored: (scope) => flags.announceChange(scope),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const deployments = createDeploymentService(options.db, {
    sources,
    rollouts,
    deployerFor: createDeployerFactory({
      defaultCwd: options.deployerCwd ?? dirname(options.blobDir),
      rolloutSpec: catalogRolloutSpec(catalog),
    }),
    gate: withImagePromotion(
      new StoredEvidenceGate(policy.gate, { evidence, policy: policy.plane, checks: policy.plane }),
      options.imagePromotion === undefined
        ? imagePromotionSettingsFromEnv(process.env)
        : options.imagePromotion,
      { artifacts: registry, releases: sources, events: ledger },
    ),
  });
  policy.autoDeployer.connect(deployments);
  return new EmbeddedControlPlane({
    catalog,
    ledger,
    tokens: createTokenService(options.db, ledger),
    flags,
    rollouts,
    registry,
    deployments,
    policy: policy.plane,
    reviews: policy.plane.reviews,
    evidence,
    packageIndex: createPackageIndexPlane(options.db, ledger),
    ...(options.close === undefined ? {} : { close: options.close }),
  });
}
