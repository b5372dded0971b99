import type { ActOptions } from '../control-plane/control-plane.js';
import type {
  PolicyCheckRequest,
  PolicyEvaluation,
  PolicyService,
} from '../policy/policy-service.js';
import type { CheckResult, NewCheckResult, StoredPolicy } from '../policy/policy-records.js';
import type {
  ChangeRequest,
  ChangeRequestView,
  CommitAuthor,
  ReviewView,
} from './approval-records.js';
import type { ApprovalService } from './approval-service.js';
import type { AutoDeployer } from './auto-deployer.js';
import type { ReviewQuery, ReviewService } from './review-service.js';

export interface ChangeRequestQuery {
  readonly service?: string;
  readonly status?: string;
}

export interface DecisionInput {
  readonly comment?: string;
  /** The content digest the approver read; refused when the request has changed since. */
  readonly seenDigest?: string;
}

/** Who decides: over HTTP the server fills in the token's role. */
export interface DecisionOptions extends ActOptions {
  readonly roles?: readonly string[];
}

/** Policy, checks, change requests and reviews: the control plane's part for issue 5. */
export interface PolicyPlane {
  getPolicy(): Promise<StoredPolicy>;
  /** Validates and stores a policy document; the newest version is in force. */
  setPolicy(document: unknown, options: ActOptions): Promise<StoredPolicy>;
  /** The verdict a deployment would get now, with the approvals given so far; changes nothing. */
  checkPolicy(request: PolicyCheckRequest): Promise<PolicyEvaluation>;
  addCheckResult(input: NewCheckResult, options: ActOptions): Promise<CheckResult>;
  listCheckResults(service: string, ref: string): Promise<CheckResult[]>;
  listChangeRequests(query?: ChangeRequestQuery): Promise<ChangeRequest[]>;
  getChangeRequest(id: string): Promise<ChangeRequestView>;
  approveChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView>;
  rejectChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView>;
  listReviews(query?: ReviewQuery): Promise<ReviewView[]>;
  closeReview(id: string, summary: string, options: ActOptions): Promise<ReviewView>;
  /** Records the authors of a release's commits, who may not approve it; returns them all. */
  recordReleaseAuthors(
    service: string,
    ref: string,
    authors: readonly CommitAuthor[],
    options: ActOptions,
  ): Promise<CommitAuthor[]>;
}

/** The policy plane in this process. */
export class EmbeddedPolicyPlane implements PolicyPlane {
  constructor(
    readonly policy: PolicyService,
    readonly approvals: ApprovalService,
    readonly reviews: ReviewService,
    readonly autoDeployer?: AutoDeployer,
  ) {}

  getPolicy(): Promise<StoredPolicy> {
    return this.policy.getPolicy();
  }

  setPolicy(document: unknown, options: ActOptions): Promise<StoredPolicy> {
    return this.policy.setPolicy(document, options.actor);
  }

  checkPolicy(request: PolicyCheckRequest): Promise<PolicyEvaluation> {
    return this.approvals.evaluate(request);
  }

  /** A passing check may let the release through to its next environment: auto-deploy. */
  async addCheckResult(input: NewCheckResult, options: ActOptions): Promise<CheckResult> {
    const result = await this.policy.addCheckResult(input, options.actor);
    await this.autoDeployer?.afterCheck(result);
    return result;
  }

  listCheckResults(service: string, ref: string): Promise<CheckResult[]> {
    return this.policy.listCheckResults(service, ref);
  }

  listChangeRequests(query: ChangeRequestQuery = {}): Promise<ChangeRequest[]> {
    return this.approvals.listRequests(query);
  }

  getChangeRequest(id: string): Promise<ChangeRequestView> {
    return this.approvals.getRequest(id);
  }

  /** An approval that completes the request may let it deploy by itself (auto-deploy). */
  async approveChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    const view = await this.approvals.approve(id, { ...decision, ...decider(options) });
    if (this.autoDeployer === undefined) return view;
    const deployed = await this.autoDeployer.afterApproval(view);
    return deployed === null ? view : this.approvals.getRequest(id);
  }

  rejectChange(
    id: string,
    decision: DecisionInput,
    options: DecisionOptions,
  ): Promise<ChangeRequestView> {
    return this.approvals.reject(id, { ...decision, ...decider(options) });
  }

  listReviews(query: ReviewQuery = {}): Promise<ReviewView[]> {
    return this.reviews.listReviews(query);
  }

  closeReview(id: string, summary: string, options: ActOptions): Promise<ReviewView> {
    return this.reviews.closeReview(id, summary, options.actor);
  }

  recordReleaseAuthors(
    service: string,
    ref: string,
    authors: readonly CommitAuthor[],
    options: ActOptions,
  ): Promise<CommitAuthor[]> {
    return this.approvals.recordAuthors(service, ref, authors, options.actor);
  }
}

function decider(options: DecisionOptions): { actor: string; roles?: readonly string[] } {
  return {
    actor: options.actor,
    ...(options.roles === undefined ? {} : { roles: options.roles }),
  };
}
