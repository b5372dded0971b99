import type { ActOptions } from '../control-plane/control-plane.js';
import type { HttpCall, QueryValues } from '../control-plane/http-control-plane-transport.js';
import { pathOf } from '../control-plane/http-control-plane-transport.js';
import type { PolicyCheckRequest, PolicyEvaluation } from '../policy/policy-service.js';
import type { CheckResult, NewCheckResult, StoredPolicy } from '../policy/policy-records.js';
import type {
  ChangeRequest,
  ChangeRequestView,
  CommitAuthor,
  ReviewView,
} from './approval-records.js';
import type {
  ChangeRequestQuery,
  DecisionInput,
  DecisionOptions,
  PolicyPlane,
} from './policy-plane.js';
import type { ReviewQuery } from './review-service.js';

type Call = <T>(call: HttpCall) => Promise<T>;

/** The policy plane of a running `slipway serve`; the server decides actor and roles. */
export class HttpPolicyPlane implements PolicyPlane {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  getPolicy(): Promise<StoredPolicy> {
    return this.#get('/api/policy');
  }

  setPolicy(document: unknown, options: ActOptions): Promise<StoredPolicy> {
    return this.#act({ method: 'PUT', path: '/api/policy', body: document }, options);
  }

  checkPolicy(request: PolicyCheckRequest): Promise<PolicyEvaluation> {
    const { service, ref, environment, strategy } = request;
    return this.#get('/api/policy/check', { service, ref, environment, strategy });
  }

  addCheckResult(input: NewCheckResult, options: ActOptions): Promise<CheckResult> {
    const path = `${pathOf('/api/services', input.service)}/${pathOf('releases', input.ref)}/checks`;
    const { service: _service, ref: _ref, ...body } = input;
    return this.#act({ method: 'POST', path, body }, options);
  }

  listCheckResults(service: string, ref: string): Promise<CheckResult[]> {
    return this.#get(`${pathOf('/api/services', service)}/${pathOf('releases', ref)}/checks`);
  }

  listChangeRequests(query: ChangeRequestQuery = {}): Promise<ChangeRequest[]> {
    return this.#get('/api/change-requests', { ...query });
  }

  getChangeRequest(id: string): Promise<ChangeRequestView> {
    return this.#get(pathOf('/api/change-requests', id));
  }

  approveChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    const path = `${pathOf('/api/change-requests', id)}/approve`;
    return this.#act({ method: 'POST', path, body: decision }, options);
  }

  rejectChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    const path = `${pathOf('/api/change-requests', id)}/reject`;
    return this.#act({ method: 'POST', path, body: decision }, options);
  }

  listReviews(query: ReviewQuery = {}): Promise<ReviewView[]> {
    return this.#get('/api/reviews', { ...query });
  }

  closeReview(id: string, summary: string, options: ActOptions): Promise<ReviewView> {
    const path = `${pathOf('/api/reviews', id)}/close`;
    return this.#act({ method: 'POST', path, body: { summary } }, options);
  }

  recordReleaseAuthors(
    service: string,
    ref: string,
    authors: readonly CommitAuthor[],
    options: ActOptions,
  ): Promise<CommitAuthor[]> {
    const path = `${pathOf('/api/services', service)}/${pathOf('releases', ref)}/authors`;
    return this.#act({ method: 'POST', path, body: { authors } }, options);
  }

  #get<T>(path: string, query?: QueryValues): Promise<T> {
    return this.#call({ method: 'GET', path, ...(query === undefined ? {} : { query }) });
  }

  #act<T>(call: HttpCall, options: ActOptions): Promise<T> {
    return this.#call({
      ...call,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  }
}
