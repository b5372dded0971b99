import type { Readable } from 'node:stream';
import type { RollbackPlan } from '@slipway/core';
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
import type { LedgerPage, LedgerQuery, LedgerVerification } from '../ledger/ledger-event.js';
import type { Artifact, ArtifactQuery, NewArtifact } from '../registry/artifact-record.js';
import type { NewRelease, ReleaseRecord } from '../registry/release-record.js';
import type { ApiToken, CreatedToken } from '../tokens/api-token.js';
import { HttpFlagControlPlane } from '../flags/http-flag-control-plane.js';
import { HttpRolloutControlPlane } from './http-rollout-control-plane.js';
import type {
  ChangeRequest,
  ChangeRequestView,
  ReviewView,
} from '../approvals/approval-records.js';
import { HttpPolicyPlane } from '../approvals/http-policy-plane.js';
import { HttpPackageIndexPlane } from '../package-index/package-index-plane.js';
import type { CommitAuthor } from '../approvals/approval-records.js';
import { HttpImagePlane } from '../images/image-plane.js';
import { HttpEvidencePlane } from '../evidence/store/evidence-plane.js';
import type {
  ChangeRequestQuery,
  DecisionInput,
  DecisionOptions,
} from '../approvals/policy-plane.js';
import type { ReviewQuery } from '../approvals/review-service.js';
import type { PolicyCheckRequest, PolicyEvaluation } from '../policy/policy-service.js';
import type { CheckResult, NewCheckResult, StoredPolicy } from '../policy/policy-records.js';
import type { ActOptions, ControlPlane, TokenRequest } from './control-plane.js';
import { HttpTransport, pathOf } from './http-control-plane-transport.js';
import type {
  HttpCall,
  HttpTransportOptions,
  QueryValues,
} from './http-control-plane-transport.js';

export type HttpControlPlaneOptions = HttpTransportOptions;

/**
 * The control plane of a running `slipway serve`, over its HTTP API. The actor is the token:
 * `ActOptions.actor` is decided by the server, and only `idempotencyKey` travels.
 */
export class HttpControlPlane implements ControlPlane {
  readonly #http: HttpTransport;
  readonly flags: HttpFlagControlPlane;
  readonly rollouts: HttpRolloutControlPlane;
  readonly #policy: HttpPolicyPlane;
  readonly packageIndex: HttpPackageIndexPlane;
  readonly images: HttpImagePlane;
  readonly evidence: HttpEvidencePlane;

  constructor(options: HttpControlPlaneOptions) {
    this.#http = new HttpTransport(options);
    this.flags = new HttpFlagControlPlane(this.#http);
    this.rollouts = new HttpRolloutControlPlane(this.#http);
    this.#policy = new HttpPolicyPlane((call) => this.#http.call(call));
    this.packageIndex = new HttpPackageIndexPlane((call) => this.#http.call(call));
    this.images = new HttpImagePlane((call) => this.#http.call(call));
    this.evidence = new HttpEvidencePlane((call) => this.#http.call(call));
  }

  addService(input: NewService, options: ActOptions): Promise<Service> {
    return this.#act({ method: 'POST', path: '/api/services', body: input }, options);
  }

  updateService(name: string, patch: ServicePatch, options: ActOptions): Promise<Service> {
    return this.#act(
      { method: 'PATCH', path: pathOf('/api/services', name), body: patch },
      options,
    );
  }

  getService(name: string): Promise<Service> {
    return this.#get(pathOf('/api/services', name));
  }

  listServices(query: ServiceQuery = {}): Promise<Service[]> {
    return this.#get('/api/services', { ...query });
  }

  importCatalog(files: readonly CatalogFile[], options: ActOptions): Promise<CatalogImportReport> {
    return this.#act({ method: 'POST', path: '/api/catalog/import', body: { files } }, options);
  }

  registerArtifact(input: NewArtifact, options: ActOptions): Promise<Artifact> {
    return this.#act({ method: 'POST', path: '/api/artifacts', body: input }, options);
  }

  uploadArtifact(digest: string, body: Readable, options: ActOptions): Promise<Artifact> {
    const path = `${pathOf('/api/artifacts', digest)}/content`;
    return this.#act({ method: 'PUT', path, stream: body }, options);
  }

  getArtifact(digest: string): Promise<Artifact> {
    return this.#get(pathOf('/api/artifacts', digest));
  }

  listArtifacts(query: ArtifactQuery = {}): Promise<Artifact[]> {
    return this.#get('/api/artifacts', { ...query });
  }

  createRelease(input: NewRelease, options: ActOptions): Promise<ReleaseRecord> {
    return this.#act({ method: 'POST', path: '/api/releases', body: input }, options);
  }

  getRelease(service: string, version: string): Promise<ReleaseRecord> {
    return this.#get(`${pathOf('/api/services', service)}/${pathOf('releases', version)}`);
  }

  listReleases(service: string): Promise<ReleaseRecord[]> {
    return this.#get(`${pathOf('/api/services', service)}/releases`);
  }

  deploy(request: DeployRequest, options: ActOptions): Promise<Deployment> {
    return this.#act({ method: 'POST', path: '/api/deployments', body: request }, options);
  }

  promote(request: PromoteRequest, options: ActOptions): Promise<Deployment> {
    return this.#act({ method: 'POST', path: '/api/promotions', body: request }, options);
  }

  rollback(request: RollbackRequest, options: ActOptions): Promise<Deployment> {
    return this.#act({ method: 'POST', path: '/api/rollbacks', body: request }, options);
  }

  planRollback(request: PlanRollbackRequest): Promise<RollbackPlan> {
    return this.#get('/api/rollback-plan', { ...request });
  }

  reportDeployment(id: string, report: StatusReport, options: ActOptions): Promise<Deployment> {
    const path = `${pathOf('/api/deployments', id)}/status`;
    return this.#act({ method: 'POST', path, body: report }, options);
  }

  getDeployment(id: string): Promise<Deployment> {
    return this.#get(pathOf('/api/deployments', id));
  }

  status(query: { service?: string } = {}): Promise<StatusView> {
    return this.#get('/api/status', { ...query });
  }

  history(service: string, query: HistoryQuery = {}): Promise<Deployment[]> {
    return this.#get(`${pathOf('/api/services', service)}/deployments`, { ...query });
  }

  listEvents(query: LedgerQuery = {}): Promise<LedgerPage> {
    return this.#get('/api/ledger/events', { ...query });
  }

  verifyLedger(): Promise<LedgerVerification> {
    return this.#get('/api/ledger/verify');
  }

  createToken(request: TokenRequest, options: ActOptions): Promise<CreatedToken> {
    return this.#act({ method: 'POST', path: '/api/tokens', body: request }, options);
  }

  listTokens(): Promise<ApiToken[]> {
    return this.#get('/api/tokens');
  }

  revokeToken(id: string, options: ActOptions): Promise<ApiToken> {
    return this.#act({ method: 'DELETE', path: pathOf('/api/tokens', id) }, options);
  }

  getPolicy(): Promise<StoredPolicy> {
    return this.#policy.getPolicy();
  }

  setPolicy(document: unknown, options: ActOptions): Promise<StoredPolicy> {
    return this.#policy.setPolicy(document, options);
  }

  checkPolicy(request: PolicyCheckRequest): Promise<PolicyEvaluation> {
    return this.#policy.checkPolicy(request);
  }

  addCheckResult(input: NewCheckResult, options: ActOptions): Promise<CheckResult> {
    return this.#policy.addCheckResult(input, options);
  }

  listCheckResults(service: string, ref: string): Promise<CheckResult[]> {
    return this.#policy.listCheckResults(service, ref);
  }

  listChangeRequests(query?: ChangeRequestQuery): Promise<ChangeRequest[]> {
    return this.#policy.listChangeRequests(query);
  }

  getChangeRequest(id: string): Promise<ChangeRequestView> {
    return this.#policy.getChangeRequest(id);
  }

  approveChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    return this.#policy.approveChange(id, decision, options);
  }

  rejectChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    return this.#policy.rejectChange(id, decision, options);
  }

  listReviews(query?: ReviewQuery): Promise<ReviewView[]> {
    return this.#policy.listReviews(query);
  }

  closeReview(id: string, summary: string, options: ActOptions): Promise<ReviewView> {
    return this.#policy.closeReview(id, summary, options);
  }

  recordReleaseAuthors(
    service: string,
    ref: string,
    authors: readonly CommitAuthor[],
    options: ActOptions,
  ): Promise<CommitAuthor[]> {
    return this.#policy.recordReleaseAuthors(service, ref, authors, options);
  }

  /** Nothing to release: every call is its own request. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  #get<T>(path: string, query?: QueryValues): Promise<T> {
    return this.#http.call({ method: 'GET', path, ...(query === undefined ? {} : { query }) });
  }

  #act<T>(call: HttpCall, options: ActOptions): Promise<T> {
    return this.#http.call({
      ...call,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  }
}
