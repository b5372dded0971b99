import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ApprovalInput } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { DeploymentSources } from '../deployments/deployment-sources.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import type { FakeLedgerStore } from '../ledger/fake-ledger-store.js';
import type {
  PolicyCheckRequest,
  PolicyEvaluation,
  PolicyService,
} from '../policy/policy-service.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import { PendingRequestExistsError } from './approval-records.js';
import type {
  Approval,
  ApprovalDecision,
  ChangeRequest,
  ChangeRequestView,
  CommitAuthor,
  DecideOptions,
} from './approval-records.js';
import {
  actorIdentity,
  authorIdentities,
  checkCommitAuthors,
  isAuthor,
} from './release-authors.js';
import type { ApprovalStore } from './approval-store.js';
import { changeRequestContent, contentDigest } from './change-request-content.js';
import type { RunningLookup } from './change-request-content.js';
import { FakeApprovalStore } from './fake-approval-store.js';
import { KyselyApprovalStore } from './kysely-approval-store.js';
import type { Notification } from './webhook-notifier.js';
import { requestEvent } from './change-request-event.js';

export interface ApprovalServiceOptions {
  readonly sources: DeploymentSources;
  readonly policy: PolicyService;
  readonly running: RunningLookup;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Told after each request and decision commits (webhooks); must not throw or wait. */
  readonly notify?: (notification: Notification) => void;
  /** The forge reviewers the release's change record names (its stored evidence); none without. */
  readonly reviewers?: (releaseId: string) => Promise<readonly string[]>;
}

const maxComment = 4_096;

/** Change requests and the decisions on them. */
export class ApprovalService {
  readonly #store: ApprovalStore;
  readonly #ledger: LedgerService;
  readonly #options: ApprovalServiceOptions;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(store: ApprovalStore, ledger: LedgerService, options: ApprovalServiceOptions) {
    this.#store = store;
    this.#ledger = ledger;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  get store(): ApprovalStore {
    return this.#store;
  }

  /** The request that holds this release for this environment, opened when there is none. */
  async requestChange(
    release: ReleaseRecord,
    evaluation: PolicyEvaluation,
    requester: string,
  ): Promise<ChangeRequest> {
    const pending = await this.#store.pendingRequest(
      evaluation.service,
      evaluation.environment,
      release.id,
    );
    if (pending !== undefined) return pending;
    const running = await this.#options.running(evaluation.service, evaluation.environment);
    const authors = await this.#store.releaseAuthors(release.id);
    const reviewers = (await this.#options.reviewers?.(release.id)) ?? [];
    const content = changeRequestContent(
      release,
      evaluation,
      requester,
      running,
      authors,
      reviewers,
    );
    const time = this.#now().toISOString();
    const request: ChangeRequest = {
      id: this.#newId(),
      service: evaluation.service,
      environment: evaluation.environment,
      releaseId: release.id,
      version: release.version,
      digests: [...release.artifacts],
      strategy: evaluation.strategy,
      requester,
      status: 'open',
      content,
      contentDigest: contentDigest(content),
      deploymentId: null,
      createdAt: time,
      updatedAt: time,
    };
    try {
      await this.#store.transaction(async (trx) => {
        await this.#store.insertRequest(request, trx);
        await this.#append(
          trx,
          requestEvent('change.requested', request, requester, {
            reasons: evaluation.verdict.unmet.map((rule) => rule.reason),
          }),
        );
      });
    } catch (error) {
      // A concurrent deployment opened it first (rolled back here): that one is the request.
      if (!(error instanceof PendingRequestExistsError)) throw error;
      const opened = await this.#store.pendingRequest(
        evaluation.service,
        evaluation.environment,
        release.id,
      );
      if (opened === undefined) throw error;
      return opened;
    }
    this.#options.notify?.({
      type: 'change.requested',
      subject: `change:${request.id}`,
      actor: requester,
      summary: `${requester} asks to deploy ${request.service} ${request.version} to ${request.environment}: change request ${request.id}`,
      payload: {
        id: request.id,
        service: request.service,
        environment: request.environment,
        version: request.version,
        contentDigest: request.contentDigest,
      },
    });
    return request;
  }

  async getRequest(id: string): Promise<ChangeRequestView> {
    const request = await this.#found(id);
    return { ...request, approvals: await this.#store.approvals(id) };
  }

  async listRequests(query: { service?: string; status?: string } = {}): Promise<ChangeRequest[]> {
    return this.#store.listRequests(query);
  }

  /** Approvals of the request that count toward policy (decision `approve`), oldest first. */
  async approvalInputs(id: string): Promise<ApprovalInput[]> {
    const approvals = await this.#store.approvals(id);
    return approvals
      .filter((approval) => approval.decision === 'approve')
      .map((approval) => ({
        approver: actorIdentity(approval.approver),
        roles: approval.roles,
        contentDigest: approval.contentDigest,
      }));
  }

  /**
   * The request as it reads now. When what it is about changed (what runs in the environment,
   * the release's artifacts), the content and digest are replaced, which voids earlier approvals.
   */
  async refresh(request: ChangeRequest, actor: string): Promise<ChangeRequest> {
    const release = await this.#options.sources.releaseById(request.releaseId);
    const evaluation = await this.#options.policy.evaluateRelease(release, {
      service: request.service,
      environment: request.environment,
      strategy: request.strategy,
      requester: actorIdentity(request.requester),
      approvals: await this.approvalInputs(request.id),
      authors: authorIdentities(request.content),
      contentDigest: request.contentDigest,
    });
    const running = await this.#options.running(request.service, request.environment);
    const authors = await this.#store.releaseAuthors(release.id);
    const reviewers = (await this.#options.reviewers?.(release.id)) ?? [];
    const content = changeRequestContent(
      release,
      evaluation,
      request.requester,
      running,
      authors,
      reviewers,
    );
    const digest = contentDigest(content);
    if (digest === request.contentDigest) return request;
    const refreshed: ChangeRequest = {
      ...request,
      digests: [...release.artifacts],
      content,
      contentDigest: digest,
      status: request.status === 'approved' ? 'open' : request.status,
      updatedAt: this.#now().toISOString(),
    };
    await this.#store.transaction(async (trx) => {
      await this.#store.updateRequest(refreshed, trx);
      await this.#append(
        trx,
        requestEvent('change.updated', refreshed, actor, {
          previousDigest: request.contentDigest,
        }),
      );
    });
    return refreshed;
  }

  /**
   * The verdict a deployment would get now, counting the approvals of the release's pending
   * change request (those given for its content as it reads now). Writes nothing.
   */
  async evaluate(request: PolicyCheckRequest): Promise<PolicyEvaluation> {
    const { policy, sources } = this.#options;
    const release = await sources.releaseForRef(request.service, request.ref);
    const pending = await this.#store.pendingRequest(
      release.service,
      request.environment,
      release.id,
    );
    const authors = await this.#store.releaseAuthors(release.id);
    if (pending === undefined) {
      return policy.evaluateRelease(release, {
        ...request,
        authors: [...(request.authors ?? []), ...authors.flatMap((a) => [a.email, a.name])],
      });
    }
    const asked = {
      ...request,
      // Whoever would deploy is ineligible too, as the person their token names.
      ...(request.requester === undefined ? {} : { requester: actorIdentity(request.requester) }),
      authors: [
        pending.requester,
        actorIdentity(pending.requester),
        ...authorIdentities(pending.content),
      ],
    };
    const first = await policy.evaluateRelease(release, asked);
    const running = await this.#options.running(pending.service, pending.environment);
    const digest = contentDigest(
      changeRequestContent(release, first, pending.requester, running, authors),
    );
    return policy.evaluateRelease(release, {
      ...asked,
      approvals: await this.approvalInputs(pending.id),
      contentDigest: digest,
    });
  }

  async approve(id: string, options: DecideOptions): Promise<ChangeRequestView> {
    return this.#decide(id, 'approve', options);
  }

  async reject(id: string, options: DecideOptions): Promise<ChangeRequestView> {
    if (options.comment === undefined || options.comment.trim() === '') {
      throw new SlipwayError('USAGE', 'a rejection needs a comment saying why', {
        subject: 'comment',
      });
    }
    return this.#decide(id, 'reject', options);
  }

  /**
   * Records the authors of the release's commits (who may not approve it). Open requests of the
   * release read differently from then on, so approvals given before no longer count.
   */
  async recordAuthors(
    service: string,
    ref: string,
    input: readonly CommitAuthor[],
    actor: string,
  ): Promise<CommitAuthor[]> {
    const authors = checkCommitAuthors(input);
    const release = await this.#options.sources.releaseForRef(service, ref);
    return this.#store.transaction(async (trx) => {
      const all = await this.#store.recordAuthors(
        release.id,
        authors,
        { at: this.#now().toISOString(), by: actor },
        trx,
      );
      await this.#append(trx, {
        type: 'release.authors_recorded',
        subject: `release:${release.id}`,
        actor,
        payload: {
          service: release.service,
          version: release.version,
          authors: authors.map((author) => author.email),
        },
      });
      return all;
    });
  }

  /** Marks the request carried out by a deployment. */
  async markDeployed(request: ChangeRequest, deploymentId: string, actor: string): Promise<void> {
    const deployed: ChangeRequest = {
      ...request,
      status: 'deployed',
      deploymentId,
      updatedAt: this.#now().toISOString(),
    };
    await this.#store.transaction(async (trx) => {
      await this.#store.updateRequest(deployed, trx);
      await this.#append(trx, requestEvent('change.deployed', deployed, actor, { deploymentId }));
    });
  }

  async #decide(
    id: string,
    decision: ApprovalDecision,
    options: DecideOptions,
  ): Promise<ChangeRequestView> {
    const comment = options.comment?.trim() ?? '';
    if (comment.length > maxComment) {
      throw new SlipwayError('USAGE', `comment is longer than ${maxComment} characters`, {
        subject: 'comment',
      });
    }
    const found = await this.#found(id);
    if (found.status === 'rejected' || found.status === 'deployed') {
      throw new SlipwayError(
        'CONFLICT',
        `change request ${id} is ${found.status}: no more decisions`,
        {
          subject: id,
        },
      );
    }
    const request = await this.refresh(found, options.actor);
    if (options.seenDigest !== undefined && options.seenDigest !== request.contentDigest) {
      throw new SlipwayError(
        'CONFLICT',
        `change request ${id} changed since ${options.seenDigest} was read; it now reads ${request.contentDigest}: review it again`,
        { subject: id },
      );
    }
    if (decision === 'approve') await this.#checkEligible(request, options.actor);
    const approval: Approval = {
      id: this.#newId(),
      requestId: id,
      approver: options.actor,
      roles: [...(options.roles ?? [])],
      decision,
      comment: comment === '' ? null : comment,
      contentDigest: request.contentDigest,
      createdAt: this.#now().toISOString(),
    };
    const status = decision === 'reject' ? 'rejected' : await this.#statusAfter(request, approval);
    const decided: ChangeRequest = { ...request, status, updatedAt: approval.createdAt };
    await this.#store.transaction(async (trx) => {
      await this.#store.insertApproval(approval, trx);
      if (status !== request.status) await this.#store.updateRequest(decided, trx);
      await this.#append(
        trx,
        requestEvent(
          decision === 'approve' ? 'change.approved' : 'change.rejected',
          decided,
          options.actor,
          {
            approver: approval.approver,
            roles: [...approval.roles],
            comment: approval.comment,
            contentDigest: approval.contentDigest,
          },
        ),
      );
    });
    const type = decision === 'approve' ? 'change.approved' : 'change.rejected';
    this.#options.notify?.({
      type,
      subject: `change:${id}`,
      actor: options.actor,
      summary: `${options.actor} ${decision}d ${decided.service} ${decided.version} to ${decided.environment} (change request ${id}, now ${status})`,
      payload: {
        id,
        service: decided.service,
        environment: decided.environment,
        version: decided.version,
        status,
        comment: approval.comment,
      },
    });
    return this.getRequest(id);
  }

  /** Separation of duties, refused up front so that the refusal says why. */
  async #checkEligible(request: ChangeRequest, approver: string): Promise<void> {
    const person = actorIdentity(approver);
    if (approver === request.requester || person === actorIdentity(request.requester)) {
      throw new SlipwayError(
        'FORBIDDEN',
        `${approver} requested change ${request.id} and cannot approve it (separation of duties)`,
        { subject: approver },
      );
    }
    if (isAuthor(request.content, approver)) {
      throw new SlipwayError(
        'FORBIDDEN',
        `${approver} is an author of ${request.service} ${request.version} and cannot approve change ${request.id} (separation of duties)`,
        { subject: approver },
      );
    }
    const earlier = await this.#store.approvals(request.id);
    if (
      earlier.some(
        (approval) =>
          actorIdentity(approval.approver) === person &&
          approval.decision === 'approve' &&
          approval.contentDigest === request.contentDigest,
      )
    ) {
      throw new SlipwayError(
        'CONFLICT',
        `${approver} already approved change ${request.id}; one person counts once`,
        { subject: approver },
      );
    }
  }

  async #statusAfter(request: ChangeRequest, approval: Approval): Promise<ChangeRequest['status']> {
    const release = await this.#options.sources.releaseById(request.releaseId);
    const approvals = [
      ...(await this.approvalInputs(request.id)),
      {
        approver: actorIdentity(approval.approver),
        roles: approval.roles,
        contentDigest: approval.contentDigest,
      },
    ];
    const evaluation = await this.#options.policy.evaluateRelease(release, {
      service: request.service,
      environment: request.environment,
      strategy: request.strategy,
      requester: actorIdentity(request.requester),
      authors: authorIdentities(request.content),
      approvals,
      contentDigest: request.contentDigest,
    });
    const { counted, required } = evaluation.verdict.approvals;
    return counted.length >= required ? 'approved' : 'open';
  }

  async #found(id: string): Promise<ChangeRequest> {
    const request = await this.#store.getRequest(id);
    if (request === undefined) {
      throw new SlipwayError('NOT_FOUND', `no change request with id ${id}`, { subject: id });
    }
    return request;
  }

  async #append(trx: Transaction<Database> | undefined, event: LedgerEventInput): Promise<void> {
    await (trx === undefined ? this.#ledger.append(event) : this.#ledger.appendEvent(trx, event));
  }
}

export function createApprovalService(
  db: Kysely<Database>,
  options: ApprovalServiceOptions,
): ApprovalService {
  const ledgerOptions = options.now === undefined ? {} : { now: options.now };
  return new ApprovalService(
    new KyselyApprovalStore(db),
    createLedgerService(db, ledgerOptions),
    options,
  );
}

export function createFakeApprovalService(options: ApprovalServiceOptions): {
  service: ApprovalService;
  store: FakeApprovalStore;
  ledger: FakeLedgerStore;
} {
  const ledgerOptions = options.now === undefined ? {} : { now: options.now };
  const { service: ledgerService, store: ledger } = createFakeLedgerService(ledgerOptions);
  const store = new FakeApprovalStore();
  return { service: new ApprovalService(store, ledgerService, options), store, ledger };
}
